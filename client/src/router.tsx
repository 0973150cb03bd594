import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent } from 'react';

/** A tiny history-based router: the server falls back to index.html for unknown paths. */

const NAVIGATE_EVENT = 'brieflock:navigate';
let focusRequested = false;

function subscribe(onChange: () => void): () => void {
  const onPop = () => {
    focusRequested = true;
    onChange();
  };
  window.addEventListener('popstate', onPop);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onPop);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

const getPath = () => window.location.pathname;
const getSearch = () => window.location.search;

export function usePath(): string {
  return useSyncExternalStore(subscribe, getPath, getPath);
}

/** The query string ("?from=…&to=…"), which some pages keep their choices in. */
export function useSearch(): string {
  return useSyncExternalStore(subscribe, getSearch, getSearch);
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === window.location.pathname + window.location.search) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  focusRequested = true;
  window.scrollTo(0, 0);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

/** Swaps the current entry's address (e.g. a page's choices in the query) without moving focus or scroll. */
export function replaceLocation(to: string): void {
  if (to === window.location.pathname + window.location.search) return;
  window.history.replaceState(null, '', to);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

/** Asks the next page heading to take focus (e.g. after signing in or out). */
export function requestPageFocus(): void {
  focusRequested = true;
}

/** True once after an in-app navigation, so the next page heading can take focus. */
export function consumeFocusRequest(): boolean {
  const requested = focusRequested;
  focusRequested = false;
  return requested;
}

export type Route =
  | { name: 'proposals' }
  | { name: 'proposal'; id: string }
  | { name: 'version'; id: string; versionId: string }
  | { name: 'compare'; id: string; from: string | null; to: string | null }
  | { name: 'notFound' };

export function matchRoute(path: string, search = ''): Route {
  const clean = path.length > 1 ? path.replace(/\/+$/, '') : path;
  if (clean === '/' || clean === '/proposals') return { name: 'proposals' };
  const match = /^\/proposals\/([^/]+)(?:\/(?:(compare)|versions\/([^/]+)))?$/.exec(clean);
  if (!match?.[1]) return { name: 'notFound' };
  try {
    const id = decodeURIComponent(match[1]);
    if (match[3]) return { name: 'version', id, versionId: decodeURIComponent(match[3]) };
    if (match[2]) {
      const params = new URLSearchParams(search);
      return { name: 'compare', id, from: params.get('from') || null, to: params.get('to') || null };
    }
    return { name: 'proposal', id };
  } catch {
    return { name: 'notFound' };
  }
}

export const proposalPath = (id: string) => `/proposals/${encodeURIComponent(id)}`;
export const versionPath = (id: string, versionId: string) =>
  `${proposalPath(id)}/versions/${encodeURIComponent(versionId)}`;

export function comparePath(id: string, from?: string | null, to?: string | null): string {
  const params = new URLSearchParams();
  if (from) params.set('from', from);
  if (to) params.set('to', to);
  const query = params.toString();
  return `${proposalPath(id)}/compare${query ? `?${query}` : ''}`;
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string };

export function Link({ to, onClick, children, ...rest }: LinkProps) {
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey ||
      (rest.target && rest.target !== '_self')
    ) {
      return;
    }
    event.preventDefault();
    navigate(to);
  };
  return (
    <a href={to} onClick={handleClick} {...rest}>
      {children}
    </a>
  );
}
