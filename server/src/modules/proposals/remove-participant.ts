import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { conflict, notFound } from '../../errors.js';
import { isId } from '../../validation.js';
import type { User } from '../accounts/user.entity.js';
import { Participant } from './participant.entity.js';
import { assertCanManageParticipants } from './proposal.policy.js';

export interface RemovedParticipant {
  proposalId: string;
  participantId: string;
  /** Null when what was removed was a pending invitation. */
  userId: string | null;
}

/**
 * Removes a participant (CLIENT only). A proposal always keeps at least one CLIENT.
 * The caller closes the removed person's live sockets after the commit.
 */
export async function removeParticipant(
  em: EntityManager,
  actor: User,
  input: { proposalId: string; participantId: string },
): Promise<RemovedParticipant> {
  const { proposalId, participantId } = input;
  return em.transactional(async (tx) => {
    await assertCanManageParticipants(tx, proposalId, actor.id);
    if (!isId(participantId)) throw notFound('Participant not found.');
    // Lock the proposal's participants so two removals cannot both leave it without a client.
    const rows = await tx.find(Participant, { proposal: proposalId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    const target = rows.find((row) => row.id === participantId);
    if (!target) throw notFound('Participant not found.');
    if (target.role === 'CLIENT' && rows.filter((row) => row.role === 'CLIENT').length === 1) {
      throw conflict('A proposal needs at least one client; add another client first.');
    }
    tx.remove(target);
    await tx.flush();
    return { proposalId: target.proposal.id, participantId: target.id, userId: target.user?.id ?? null };
  });
}
