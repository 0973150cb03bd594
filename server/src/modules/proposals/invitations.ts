import { LockMode, UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/postgresql';
import type { ParticipantRole } from '@brieflock/schema';
import { badInput, conflict, notFound } from '../../errors.js';
import { isId } from '../../validation.js';
import { proveAddress } from '../accounts/addresses.js';
import type { JobQueue } from '../../jobs/queue.js';
import type { Reach } from '../mail/reach.js';
import { sendInvitationEmail, voidInvitationEmails } from './invitation-email.js';
import { User } from '../accounts/user.entity.js';
import { issueInvitationToken, presentedTokenHash, type IssuedInvitation } from './invitation-tokens.js';
import { Participant } from './participant.entity.js';
import { assertCanManageParticipants } from './proposal.policy.js';

export type InvitationState = 'PENDING' | 'EXPIRED' | 'ACCEPTED';

/** What an invitation link's page shows before anyone signs in. */
export interface InvitationPreviewView {
  proposalTitle: string;
  inviterName: string;
  role: ParticipantRole;
  expiresAt: Date;
  status: InvitationState;
}

/** A pending invitation as its invitee lists it in the app. */
export interface InvitationView {
  id: string;
  proposalId: string;
  proposalTitle: string;
  role: ParticipantRole;
  invitedById: string | null;
  createdAt: Date;
}

/**
 * Whether account `userAlias` may see and accept in-app invitation `p`: only the account
 * holding the invited address proven. An account that merely signed up with the address
 * sees nothing; it joins through the link, which proves the address.
 */
export const holdsAddressSql = (userAlias: string) =>
  `${userAlias}."email" = p."invited_email" and ${userAlias}."email_verified_at" is not null`;

const invalidLink = () =>
  notFound('This invitation link is not valid: it was revoked, or replaced by a newer link, or it is mistyped.');
const invitationNotFound = () => notFound('Invitation not found.');

/** The preview behind a link token, or null when no invitation has that token. */
export async function previewInvitation(em: EntityManager, token: string): Promise<InvitationPreviewView | null> {
  const hash = presentedTokenHash(token);
  if (!hash) return null;
  const [row] = await em.execute<
    {
      title: string;
      inviter_name: string | null;
      role: ParticipantRole;
      expires_at: string | Date;
      expired: boolean;
      accepted: boolean;
    }[]
  >(
    `select pr."title", u."name" as inviter_name, p."role", p."invitation_expires_at" as expires_at,
            p."invitation_expires_at" <= now() as expired, p."user_id" is not null as accepted
       from "participants" p join "proposals" pr on pr."id" = p."proposal_id"
       left join "users" u on u."id" = p."invited_by_id"
      where p."invitation_token_hash" = ?`,
    [hash],
  );
  if (!row) return null;
  return {
    proposalTitle: row.title,
    inviterName: row.inviter_name ?? 'A client',
    role: row.role,
    expiresAt: new Date(row.expires_at),
    status: row.accepted ? 'ACCEPTED' : row.expired ? 'EXPIRED' : 'PENDING',
  };
}

/**
 * Accepts an invitation as `viewer`: by its link's token (any signed-in account holding
 * the link), or in the app by its id (only the account holding the invited address).
 * The link is single-use: once accepted it reports ACCEPTED and joins no one else.
 */
export async function acceptInvitation(
  em: EntityManager,
  viewer: User,
  input: { token?: string | null; invitationId?: string | null },
): Promise<Participant> {
  const { token, invitationId } = input;
  if ((token == null) === (invitationId == null)) throw badInput('token', 'give either token or invitationId');
  try {
    return await em.transactional(async (tx) => {
      let participant: Participant | null;
      if (token != null) {
        const hash = presentedTokenHash(token);
        participant = hash
          ? await tx.findOne(Participant, { invitationTokenHash: hash }, { lockMode: LockMode.PESSIMISTIC_WRITE })
          : null;
        if (!participant) throw invalidLink();
        if (participant.user) throw conflict('This invitation has already been accepted.', { reason: 'ACCEPTED' });
        if (!participant.invitationExpiresAt || participant.invitationExpiresAt.getTime() <= Date.now())
          throw conflict('This invitation link has expired. Ask the client for a new one.', { reason: 'EXPIRED' });
      } else {
        participant = await lockOwnInvitation(tx, viewer, invitationId as string);
        if (!participant) throw invitationNotFound();
      }
      const already = await tx.count(Participant, { proposal: participant.proposal.id, user: viewer.id });
      if (already > 0) throw conflict('You already take part in this proposal.', { reason: 'ALREADY_PARTICIPANT' });
      participant.user = tx.getReference(User, viewer.id, { wrapped: true });
      participant.acceptedAt = new Date();
      await tx.flush();
      // The link reached the invited address, so an account with that address proves it.
      if (token != null && viewer.email === participant.invitedEmail) await proveAddress(tx, viewer.id);
      return participant;
    });
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException)
      throw conflict('You already take part in this proposal.', { reason: 'ALREADY_PARTICIPANT' });
    throw error;
  }
}

/** The viewer's own pending in-app invitation `id`, locked; null when it is not theirs. */
async function lockOwnInvitation(tx: EntityManager, viewer: User, id: string): Promise<Participant | null> {
  if (!isId(id)) return null;
  const [row] = await tx.execute<{ id: string }[]>(
    `select p."id" from "participants" p join "users" u on u."id" = ?
      where p."id" = ? and p."user_id" is null and ${holdsAddressSql('u')} for update of p`,
    [viewer.id, id.toLowerCase()],
  );
  return row ? tx.findOne(Participant, row.id) : null;
}

/** Declines one's own in-app invitation: it is removed, and its link stops working. */
export async function declineInvitation(
  em: EntityManager,
  viewer: User,
  invitationId: string,
): Promise<RemovedInvitation> {
  return em.transactional(async (tx) => {
    const participant = await lockOwnInvitation(tx, viewer, invitationId);
    if (!participant) throw invitationNotFound();
    tx.remove(participant);
    await tx.flush();
    return { proposalId: participant.proposal.id, participantId: participant.id };
  });
}

/** Which pending participant went, for the PARTICIPANT_REMOVED event. */
export interface RemovedInvitation {
  proposalId: string;
  participantId: string;
}

/** The pending participant `participantId` of a proposal the actor manages (CLIENT), locked. */
async function lockManagedInvitation(tx: EntityManager, actor: User, participantId: string): Promise<Participant> {
  const participant = isId(participantId)
    ? await tx.findOne(Participant, participantId.toLowerCase(), { lockMode: LockMode.PESSIMISTIC_WRITE })
    : null;
  if (!participant) throw notFound('Participant not found.');
  // NOT_FOUND for outsiders, FORBIDDEN for participants who are not clients.
  await assertCanManageParticipants(tx, participant.proposal.id, actor.id);
  if (participant.user) throw conflict('This invitation has already been accepted.', { reason: 'ACCEPTED' });
  return participant;
}

/** Issues a fresh link for a pending invitation (CLIENT only); the old link stops working. */
export async function renewInvitation(
  em: EntityManager,
  actor: User,
  participantId: string,
  deps: { jobs: JobQueue; reach: Reach },
  { email = true }: { email?: boolean } = {},
): Promise<IssuedInvitation> {
  return em.transactional(async (tx) => {
    const participant = await lockManagedInvitation(tx, actor, participantId);
    const token = issueInvitationToken(participant);
    await tx.flush();
    // A link only for copying is not e-mailed; e-mails of the voided link not yet sent are withdrawn.
    if (!email) await voidInvitationEmails(tx, participant.id);
    else
      await sendInvitationEmail(tx, deps, {
        participantId: participant.id,
        proposalId: participant.proposal.id,
        email: participant.invitedEmail!,
        role: participant.role,
        actorId: actor.id,
        token,
      });
    return { participant, token };
  });
}

/** Withdraws a pending invitation (CLIENT only): it is removed and its link stops working. */
export async function revokeInvitation(
  em: EntityManager,
  actor: User,
  participantId: string,
): Promise<RemovedInvitation> {
  return em.transactional(async (tx) => {
    const participant = await lockManagedInvitation(tx, actor, participantId);
    await voidInvitationEmails(tx, participant.id);
    tx.remove(participant);
    await tx.flush();
    return { proposalId: participant.proposal.id, participantId: participant.id };
  });
}

/** The viewer's pending in-app invitations, newest first. */
export async function listMyInvitations(em: EntityManager, viewer: User): Promise<InvitationView[]> {
  const rows = await em.execute<
    {
      id: string;
      proposal_id: string;
      title: string;
      role: ParticipantRole;
      invited_by_id: string | null;
      created_at: string | Date;
    }[]
  >(
    `select p."id", p."proposal_id", pr."title", p."role", p."invited_by_id", p."created_at"
       from "participants" p join "proposals" pr on pr."id" = p."proposal_id" join "users" u on u."id" = ?
      where p."user_id" is null and ${holdsAddressSql('u')}
        and not exists (select 1 from "participants" mine where mine."proposal_id" = p."proposal_id" and mine."user_id" = u."id")
      order by p."created_at" desc, p."id"`,
    [viewer.id],
  );
  return rows.map((row) => ({
    id: row.id,
    proposalId: row.proposal_id,
    proposalTitle: row.title,
    role: row.role,
    invitedById: row.invited_by_id,
    createdAt: new Date(row.created_at),
  }));
}
