import { useMemo } from 'react';
import type { ReadinessFacts } from '@brieflock/schema';
import { useThreads } from '../comments/editor-bindings';

/**
 * The facts beside the brief that the server's readiness checks read (see
 * `ReadinessFacts`), from the lists this page already holds, so the live panel decides
 * like a freeze. A fact stays unknown (its check left out) until its list has loaded.
 * Add a fact here when a check on one is added in `@brieflock/schema`.
 */
export function useReadinessFacts(proposalId: string): ReadinessFacts {
  const threads = useThreads(proposalId);
  const openThreads = threads ? threads.filter((thread) => thread.status === 'OPEN').length : undefined;
  return useMemo(() => (openThreads === undefined ? {} : { openThreads }), [openThreads]);
}
