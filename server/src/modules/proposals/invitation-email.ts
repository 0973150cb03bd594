import type { EntityManager } from '@mikro-orm/postgresql';
import type { ParticipantRole } from '@brieflock/schema';
import type { JobQueue } from '../../jobs/queue.js';
import { queueEmail, voidEmails } from '../mail/outbox.js';
import { absoluteLink, type Reach } from '../mail/reach.js';
import { namesOf, quoted } from '../notifications/notify.js';
import { INVITATION_TTL_MS, invitationPath } from './invitation-tokens.js';

const ROLE_PHRASE: Record<ParticipantRole, string> = {
  CLIENT: 'a client',
  FREELANCER: 'a freelancer',
  VIEWER: 'a viewer',
};

/**
 * Queues the e-mail that carries an invitation's link, in the caller's transaction. Any
 * earlier e-mail of the same invitation that has not gone out yet is withdrawn: its link
 * no longer works.
 */
export async function sendInvitationEmail(
  tx: EntityManager,
  deps: { jobs: JobQueue; reach: Reach },
  invitation: {
    participantId: string;
    proposalId: string;
    email: string;
    role: ParticipantRole;
    actorId: string;
    token: string;
  },
): Promise<void> {
  await voidEmails(tx, 'invitation', invitation.participantId);
  const names = await namesOf(tx, invitation.actorId, invitation.proposalId);
  const days = Math.round(INVITATION_TTL_MS / 86_400_000);
  await queueEmail(tx, deps.jobs, {
    kind: 'invitation',
    ref: invitation.participantId,
    to: { userId: null, address: invitation.email, name: invitation.email },
    subject: `${names.actor} invited you to ${quoted(names.title)} on Brieflock`,
    name: invitation.email,
    paragraphs: [
      `${names.actor} invited you to take part in ${quoted(names.title)} as ${ROLE_PHRASE[invitation.role]}.`,
      'Brieflock is where a client and freelancers agree on an AI project’s brief, freeze it into a contract and sign it. Follow the link to see the invitation; you can sign up or sign in there.',
    ],
    action: { label: 'See the invitation', url: absoluteLink(deps.reach, invitationPath(invitation.token)) },
    notes: [`The link works once, for ${days} days. If you did not expect it, ignore this e-mail.`],
  });
}

/** Withdraws an invitation's e-mails that have not gone out (the invitation was revoked). */
export const voidInvitationEmails = (tx: EntityManager, participantId: string): Promise<void> =>
  voidEmails(tx, 'invitation', participantId);
