import type { EntityManager } from '@mikro-orm/postgresql';
import { Participant } from './participant.entity.js';
import { Proposal } from './proposal.entity.js';
import { isId } from '../../validation.js';
import { proposalNotFound } from './proposal.policy.js';

/**
 * Proposals the user takes part in, newest first: those not archived, or with
 * `archived` the archived ones. One query joining participants to proposals.
 */
export async function listProposalsOf(em: EntityManager, userId: string, archived = false): Promise<Proposal[]> {
  const rows = await em.find(
    Participant,
    { user: userId, proposal: { archivedAt: archived ? { $ne: null } : null } },
    { populate: ['proposal'], orderBy: { proposal: { createdAt: 'desc', id: 'desc' } } },
  );
  return rows.map((row) => row.proposal.getEntity());
}

/**
 * One proposal, if the user takes part in it; NOT_FOUND otherwise (the same answer
 * whether it does not exist or is not theirs). One statement.
 */
export async function getProposalFor(em: EntityManager, proposalId: string, userId: string): Promise<Proposal> {
  const rows = isId(proposalId)
    ? await em
        .getConnection()
        .execute<Record<string, unknown>[]>(
          `select p.* from proposals p join participants pa on pa.proposal_id = p.id where p.id = ? and pa.user_id = ?`,
          [proposalId, userId],
        )
    : [];
  if (!rows[0]) throw proposalNotFound();
  return em.map(Proposal, rows[0]);
}
