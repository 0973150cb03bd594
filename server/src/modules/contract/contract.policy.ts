import type { EntityManager } from '@mikro-orm/postgresql';
import { canEditWithRole, type ParticipantRole } from '@brieflock/schema';
import { forbidden, notFound } from '../../errors.js';
import { isId } from '../../validation.js';
import type { ParticipantRow } from '../proposals/proposals.rows.js';
import { proposalNotFound } from '../proposals/proposal.policy.js';

/** CLIENT and FREELANCER freeze and sign; VIEWER reads. */
export const canFreezeWithRole = (role: ParticipantRole): boolean => canEditWithRole(role);
export const isSignerRole = (role: ParticipantRole): role is 'CLIENT' | 'FREELANCER' =>
  role === 'CLIENT' || role === 'FREELANCER';

export const versionNotFound = () => notFound('Contract version not found.');

/**
 * Throws unless someone with `role` on a proposal (null: none, or no such proposal) may
 * freeze it: NOT_FOUND for non-participants, FORBIDDEN for viewers.
 */
export function assertCanFreezeAs(role: ParticipantRole | null): ParticipantRole {
  if (!role) throw proposalNotFound();
  if (!canFreezeWithRole(role)) throw forbidden('Only clients and freelancers can freeze the brief; viewers read it.');
  return role;
}

/**
 * The proposal a version belongs to, if the user takes part in it; NOT_FOUND otherwise
 * (the same answer whether the version does not exist or is not theirs).
 */
export async function versionProposalFor(
  em: EntityManager,
  versionId: string,
  userId: string,
): Promise<{ proposalId: string; role: ParticipantRole }> {
  if (!isId(versionId)) throw versionNotFound();
  const [row] = await em.execute<Pick<ParticipantRow, 'proposal_id' | 'role'>[]>(
    `select v."proposal_id", p."role" from "contract_versions" v
       join "participants" p on p."proposal_id" = v."proposal_id" and p."user_id" = ?
      where v."id" = ?`,
    [userId, versionId],
  );
  if (!row) throw versionNotFound();
  return { proposalId: row.proposal_id, role: row.role };
}
