import { type ReactNode, createContext, useCallback, useContext, useMemo, useRef, useState } from 'react';

export const SIDE_PANEL_ID = 'side-panel';
export const OUTLINE_ID = 'brief-outline';

export const SIDE_PANEL_TABS = ['readiness', 'comments', 'suggestions'] as const;
export type SidePanelTab = (typeof SIDE_PANEL_TABS)[number];
export const sidePanelSectionId = (part: SidePanelTab) => `${SIDE_PANEL_ID}-${part}`;

/** Which drawer is open on a narrow screen; on a wide one both columns always show. */
export type Sheet = 'outline' | 'panel' | null;

export interface WorkspaceSheets {
  panelTab: SidePanelTab;
  setPanelTab: (tab: SidePanelTab) => void;
  sheet: Sheet;
  /**
   * Shows a part of the side panel: opens the drawer on a narrow screen, scrolls the part
   * into view and (unless `focus` is false, e.g. when a form in it takes the keyboard
   * itself) moves the keyboard onto it. For a comment highlight, a suggestion mark, the header.
   */
  showPanel: (tab: SidePanelTab, options?: { focus?: boolean }) => void;
  openOutline: () => void;
  /** Closes the open drawer and (unless `restoreFocus` is false) gives the keyboard back to what opened it. */
  closeSheet: (restoreFocus?: boolean) => void;
}

const SheetsContext = createContext<WorkspaceSheets | null>(null);

/** Narrow screens show the outline and the side panel as drawers (the CSS breakpoints agree). */
export const isNarrow = (query: string) => typeof window !== 'undefined' && window.matchMedia(query).matches;
export const PANEL_DRAWER_QUERY = '(max-width: 63.99rem)';

/** What had the keyboard when a drawer opened, to give it back when it closes. */
function activeElement(): HTMLElement | null {
  return document.activeElement instanceof HTMLElement ? document.activeElement : null;
}

export function WorkspaceSheetsProvider({ children }: { children: ReactNode }) {
  const [panelTab, setPanelTab] = useState<SidePanelTab>('readiness');
  const [sheet, setSheet] = useState<Sheet>(null);
  const opener = useRef<HTMLElement | null>(null);

  const showPanel = useCallback((tab: SidePanelTab, { focus = true }: { focus?: boolean } = {}) => {
    setPanelTab(tab);
    if (isNarrow(PANEL_DRAWER_QUERY)) {
      setSheet((current) => {
        if (current !== 'panel') opener.current = activeElement();
        return 'panel';
      });
    }
    // After the drawer is shown (it is display: none until then).
    requestAnimationFrame(() => {
      const panel = document.getElementById(SIDE_PANEL_ID);
      const part = document.getElementById(sidePanelSectionId(tab));
      if (!panel || !part) return;
      // Scroll the panel only, not the page, to the part, clear of the panel's sticky links.
      const links = panel.querySelector<HTMLElement>('.side-panel-nav');
      const top = part.getBoundingClientRect().top - panel.getBoundingClientRect().top + panel.scrollTop;
      panel.scrollTo({ top: Math.max(0, top - (links?.offsetHeight ?? 0) - 8) });
      if (focus) part.focus({ preventScroll: true });
    });
  }, []);

  const openOutline = useCallback(() => {
    opener.current = activeElement();
    setSheet('outline');
  }, []);

  const closeSheet = useCallback((restoreFocus = true) => {
    setSheet(null);
    const target = opener.current;
    opener.current = null;
    if (restoreFocus && target?.isConnected) requestAnimationFrame(() => target.focus());
  }, []);

  const value = useMemo<WorkspaceSheets>(
    () => ({ panelTab, setPanelTab, sheet, showPanel, openOutline, closeSheet }),
    [panelTab, sheet, showPanel, openOutline, closeSheet],
  );
  return <SheetsContext.Provider value={value}>{children}</SheetsContext.Provider>;
}

/** The proposal page's side panel and drawers, for anything inside the workspace. */
export function useWorkspaceSheets(): WorkspaceSheets {
  const value = useContext(SheetsContext);
  if (!value) throw new Error('useWorkspaceSheets outside WorkspaceSheetsProvider');
  return value;
}
