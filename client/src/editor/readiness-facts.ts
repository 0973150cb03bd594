import { useMemo } from 'react';
import type { ReadinessFacts } from '@brieflock/schema';
import { useThreads } from '../comments/editor-bindings';
import { useOpenSuggestions } from '../suggestions/useSuggestions';

/**
 * The facts beside the brief that the server's readiness checks read (see
 * `ReadinessFacts`), from the lists this page already holds, so the live panel decides
 * like a freeze. A fact stays unknown (its check left out) until its list has loaded.
 * Add a fact here when a check on one is added in `@brieflock/schema`.
 */
export function useReadinessFacts(proposalId: string): ReadinessFacts {
  const threads = useThreads(proposalId);
  const openThreads = threads ? threads.filter((thread) => thread.status === 'OPEN').length : undefined;
  // Open suggestions block a freeze: the checks say so as soon as the list is known.
  const suggestions = useOpenSuggestions(proposalId);
  const openSuggestions = suggestions.loaded ? suggestions.open.length : undefined;
  return useMemo(() => {
    const facts: ReadinessFacts = {};
    if (openThreads !== undefined) facts.openThreads = openThreads;
    if (openSuggestions !== undefined) facts.openSuggestions = openSuggestions;
    return facts;
  }, [openThreads, openSuggestions]);
}
