import type { EntityManager } from '@mikro-orm/postgresql';
import { forbidden } from '../../errors.js';
import { assertParticipant } from '../proposals/proposal.policy.js';

/** Webhooks carry a proposal's activity out of the app: only its clients manage or see them. */
export async function canManageWebhooks(em: EntityManager, proposalId: string, userId: string): Promise<boolean> {
  return (await assertParticipant(em, proposalId, userId)) === 'CLIENT';
}

/** NOT_FOUND for someone outside the proposal, FORBIDDEN for a participant who is not a client. */
export async function assertCanManageWebhooks(em: EntityManager, proposalId: string, userId: string): Promise<void> {
  if (!(await canManageWebhooks(em, proposalId, userId)))
    throw forbidden('Only a client of this proposal can manage its webhooks.');
}
