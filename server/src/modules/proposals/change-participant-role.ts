import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { PARTICIPANT_ROLES, type ParticipantRole } from '@brieflock/schema';
import { z } from 'zod';
import { conflict, notFound } from '../../errors.js';
import { isId, parseInput } from '../../validation.js';
import type { User } from '../accounts/user.entity.js';
import { Participant } from './participant.entity.js';
import { assertCanManageParticipants } from './proposal.policy.js';

export const ChangeRoleSchema = z.object({
  participantId: z.string(),
  role: z.enum(PARTICIPANT_ROLES, `Choose one of the roles ${PARTICIPANT_ROLES.join(', ')}.`),
});

export interface ChangedRole {
  participant: Participant;
  /** False when the participant already held the role: nothing changed, nothing to announce. */
  changed: boolean;
  /** The account whose open sockets must pick up the new role; null for a pending invitation. */
  userId: string | null;
}

/**
 * Gives a participant (or a pending invitation) another role (CLIENT only). A proposal
 * always keeps at least one CLIENT, so the last one cannot be demoted. The caller
 * publishes the change and makes open sockets pick it up after the commit.
 */
export async function changeParticipantRole(
  em: EntityManager,
  actor: User,
  input: { participantId: string; role: ParticipantRole },
): Promise<ChangedRole> {
  const { participantId, role } = parseInput(ChangeRoleSchema, input);
  return em.transactional(async (tx) => {
    if (!isId(participantId)) throw notFound('Participant not found.');
    const id = participantId.toLowerCase();
    const [found] = await tx.execute<{ proposal_id: string }[]>(
      'select "proposal_id" from "participants" where "id" = ?',
      [id],
    );
    if (!found) throw notFound('Participant not found.');
    const proposalId = found.proposal_id;
    // NOT_FOUND for outsiders, FORBIDDEN for participants who are not clients.
    await assertCanManageParticipants(tx, proposalId, actor.id);
    // Lock the proposal's participants so two demotions cannot both leave it without a client.
    const rows = await tx.find(Participant, { proposal: proposalId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    const target = rows.find((row) => row.id === id);
    if (!target) throw notFound('Participant not found.');
    if (target.role === role) return { participant: target, changed: false, userId: target.user?.id ?? null };
    const clients = rows.filter((row) => row.role === 'CLIENT' && row.user !== null);
    if (target.role === 'CLIENT' && target.user !== null && clients.length === 1) {
      throw conflict('A proposal needs at least one client. Make someone else a client first.');
    }
    target.role = role;
    await tx.flush();
    return { participant: target, changed: true, userId: target.user?.id ?? null };
  });
}
