import type { EntityManager } from '@mikro-orm/postgresql';
import type { ReadinessFacts, TextSuggestion } from '@brieflock/schema';
import { countOpenThreads } from '../comments/open-threads.js';
import { countOpenSuggestions, countOpenSuggestionsWith } from '../suggestions/list-suggestions.js';
import type { LiveBriefs } from './live-briefs.js';

/**
 * What the readiness checks need to know beyond the brief, read from the database. The
 * readiness field and the freeze both evaluate with these facts, so the panel and the
 * freeze decide alike; add a fact here when a check on one is added in `@brieflock/schema`.
 */
export async function readinessFacts(
  em: EntityManager,
  live: LiveBriefs,
  proposalId: string,
  /** The rich-text suggestions open in the brief, when the caller already read them from its document. */
  openText?: readonly TextSuggestion[],
): Promise<ReadinessFacts> {
  const [openThreads, openSuggestions] = await Promise.all([
    countOpenThreads(em, proposalId),
    openText ? countOpenSuggestionsWith(em, proposalId, openText) : countOpenSuggestions(em, live, proposalId),
  ]);
  return { openThreads, openSuggestions };
}
