import type { EntityManager } from '@mikro-orm/postgresql';
import { Participant } from './participant.entity.js';
import { Proposal } from './proposal.entity.js';
import { assertParticipant } from './proposal.policy.js';

/** Proposals the user takes part in, newest first: one query joining participants to proposals. */
export async function listProposalsOf(em: EntityManager, userId: string): Promise<Proposal[]> {
  const rows = await em.find(
    Participant,
    { user: userId },
    { populate: ['proposal'], orderBy: { proposal: { createdAt: 'desc', id: 'desc' } } },
  );
  return rows.map((row) => row.proposal.getEntity());
}

/** One proposal, if the user takes part in it; NOT_FOUND otherwise. */
export async function getProposalFor(em: EntityManager, proposalId: string, userId: string): Promise<Proposal> {
  await assertParticipant(em, proposalId, userId);
  return em.findOneOrFail(Proposal, { id: proposalId });
}
