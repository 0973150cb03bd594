import type { EntityManager } from '@mikro-orm/postgresql';
import type { ParticipantRole } from '@brieflock/schema';
import { forbidden, notFound } from '../../errors.js';
import { isId } from '../../validation.js';
import { Participant } from './participant.entity.js';

/** The same answer for a missing proposal and one the caller may not see. */
export const proposalNotFound = () => notFound('Proposal not found.');

/** The caller's role on a proposal, or null when not a participant (or no such proposal). */
export async function roleOn(em: EntityManager, proposalId: string, userId: string): Promise<ParticipantRole | null> {
  if (!isId(proposalId)) return null;
  const row = await em.findOne(Participant, { proposal: proposalId, user: userId }, { fields: ['role'] });
  return row?.role ?? null;
}

/** Throws NOT_FOUND unless the user takes part in the proposal; returns the role. */
export async function assertParticipant(
  em: EntityManager,
  proposalId: string,
  userId: string,
): Promise<ParticipantRole> {
  const role = await roleOn(em, proposalId, userId);
  if (!role) throw proposalNotFound();
  return role;
}

/** Only a CLIENT manages who takes part. */
export const canManageParticipants = (role: ParticipantRole): boolean => role === 'CLIENT';

export async function assertCanManageParticipants(
  em: EntityManager,
  proposalId: string,
  userId: string,
): Promise<void> {
  const role = await assertParticipant(em, proposalId, userId);
  if (!canManageParticipants(role)) throw forbidden('Only a client of this proposal can manage its participants.');
}
