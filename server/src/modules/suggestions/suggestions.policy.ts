import type { EntityManager } from '@mikro-orm/postgresql';
import { canEditWithRole, type ParticipantRole } from '@brieflock/schema';
import { forbidden, notFound } from '../../errors.js';
import { assertParticipant } from '../proposals/proposal.policy.js';

/** The same answer for a suggestion that does not exist and one the caller may not see. */
export const suggestionNotFound = () => notFound('Suggestion not found.');

/** CLIENT and FREELANCER suggest and decide; VIEWER reads. Non-participants: NOT_FOUND. */
export async function assertCanSuggest(
  em: EntityManager,
  proposalId: string,
  userId: string,
): Promise<ParticipantRole> {
  const role = await assertParticipant(em, proposalId, userId);
  if (!canEditWithRole(role))
    throw forbidden('Only clients and freelancers can suggest and decide changes; viewers read them.');
  return role;
}

/** The author of a suggestion cannot accept it: another party must. */
export function assertNotOwnSuggestion(authorId: string | null, userId: string): void {
  if (authorId === userId) throw forbidden('You cannot accept your own suggestion; another party decides it.');
}
