import type { ReactNode } from 'react';
import { SIDE_PANEL_ID, SIDE_PANEL_TABS, type SidePanelTab, sidePanelSectionId, useWorkspaceSheets } from './sheets';

const LABELS: Record<SidePanelTab, string> = {
  readiness: 'Readiness',
  comments: 'Comments',
  suggestions: 'Suggestions',
};

const EMPTY_TEXT: Record<SidePanelTab, string> = {
  readiness: 'Readiness appears once the brief is open.',
  comments: 'No comments yet',
  suggestions: 'No suggestions yet',
};

export interface SidePanelProps {
  /** The readiness checks (failing first). */
  readiness?: ReactNode;
  /** Comment threads; empty shows "No comments yet". */
  comments?: ReactNode;
  /** Suggested changes; empty shows "No suggestions yet". */
  suggestions?: ReactNode;
  /** Shown beside a part's name in the panel's jump links (e.g. open threads); nothing when 0. */
  counts?: Partial<Record<SidePanelTab, number>>;
}

/**
 * The review panel beside the brief: Readiness, Comments and Suggestions stacked, with
 * jump links at its top. Stacked rather than tabbed so that what blocks a freeze, what
 * people said and what they proposed are all in reach at once; every slot stays mounted.
 * Wide screens show it as a sticky column; narrow ones as a drawer that the header opens
 * (`useWorkspaceSheets().showPanel(part)` also brings a part into view, e.g. for a comment
 * highlight clicked in the brief).
 */
export function SidePanel({ readiness, comments, suggestions, counts = {} }: SidePanelProps) {
  const { sheet, closeSheet, showPanel, panelTab } = useWorkspaceSheets();
  const slots: Record<SidePanelTab, ReactNode> = { readiness, comments, suggestions };
  const open = sheet === 'panel';
  const headingId = `${SIDE_PANEL_ID}-title`;

  return (
    <aside
      id={SIDE_PANEL_ID}
      className="side-panel ws-sheet ws-sheet-right"
      data-open={String(open)}
      data-testid="side-panel"
      aria-labelledby={headingId}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.stopPropagation();
          closeSheet();
        }
      }}
    >
      <h2 id={headingId} className="visually-hidden">
        Review
      </h2>
      <div className="ws-sheet-bar">
        <p className="ws-sheet-title" aria-hidden="true">
          Review
        </p>
        <button type="button" className="button button-ghost button-small ws-sheet-close" onClick={() => closeSheet()}>
          Close<span className="visually-hidden"> the review panel</span>
        </button>
      </div>
      <nav className="side-panel-nav" aria-label="Review panel">
        {SIDE_PANEL_TABS.map((part) => {
          const count = counts[part];
          return (
            <button
              key={part}
              type="button"
              className="side-panel-link"
              aria-controls={sidePanelSectionId(part)}
              aria-current={part === panelTab ? 'true' : undefined}
              data-testid={`side-link-${part}`}
              onClick={() => showPanel(part)}
            >
              {LABELS[part]}
              {count ? <span className="side-panel-count">{count}</span> : null}
            </button>
          );
        })}
      </nav>
      {SIDE_PANEL_TABS.map((part) => (
        // A plain box: each slot brings its own labelled region, and one region per name is enough.
        <div
          key={part}
          id={sidePanelSectionId(part)}
          className="side-panel-part"
          data-testid={`side-panel-${part}`}
          tabIndex={-1}
        >
          {slots[part] ?? (
            <section aria-labelledby={`${sidePanelSectionId(part)}-title`}>
              <h3 id={`${sidePanelSectionId(part)}-title`} className="side-panel-part-title">
                {LABELS[part]}
              </h3>
              <p className="side-panel-empty">{EMPTY_TEXT[part]}</p>
            </section>
          )}
        </div>
      ))}
    </aside>
  );
}
