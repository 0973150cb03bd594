import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/postgresql';
import { conflict } from '../../errors.js';
import { parseInput } from '../../validation.js';
import type { User } from '../accounts/user.entity.js';
import { AddParticipantSchema, type AddParticipantInput } from './proposal.inputs.js';
import { Participant } from './participant.entity.js';
import { assertCanManageParticipants } from './proposal.policy.js';
import { issueInvitationToken, type IssuedInvitation } from './invitation-tokens.js';
import { namesOf, notify, quoted, type Notice } from '../notifications/notify.js';
import type { JobQueue } from '../../jobs/queue.js';
import type { Reach } from '../mail/reach.js';
import { sendInvitationEmail } from './invitation-email.js';

const alreadyIn = () =>
  conflict('email: this address already takes part in the proposal or is invited to it', { field: 'email' });

/**
 * Invites an e-mail address to a proposal with a role (CLIENT only). Nothing about the
 * address is looked up: whether it has an account is not revealed, and no account joins
 * until its holder accepts (in the app, or through the single-use link, which is returned
 * and e-mailed to the address).
 */
export async function addParticipant(
  em: EntityManager,
  actor: User,
  input: AddParticipantInput,
  deps: { jobs: JobQueue; reach: Reach },
): Promise<IssuedInvitation & { notices: Notice[] }> {
  const { proposalId, email, role } = parseInput(AddParticipantSchema, input);
  try {
    return await em.transactional(async (tx) => {
      // Checked inside the transaction, so a change of roles cannot slip in between.
      await assertCanManageParticipants(tx, proposalId, actor.id);
      // An address the client already sees on the proposal (a participant's own) is refused
      // as a duplicate; that tells the client nothing it does not already see.
      const [taken] = await tx.execute<{ n: number }[]>(
        `select count(*)::int as n from "participants" p join "users" u on u."id" = p."user_id"
          where p."proposal_id" = ? and u."email" = ?`,
        [proposalId, email],
      );
      if (taken && taken.n > 0) throw alreadyIn();
      const participant = tx.create(Participant, {
        proposal: proposalId,
        user: null,
        invitedEmail: email,
        role,
        invitedBy: actor,
      });
      const token = issueInvitationToken(participant);
      await tx.flush();
      await sendInvitationEmail(tx, deps, {
        participantId: participant.id,
        proposalId,
        email,
        role,
        actorId: actor.id,
        token,
      });
      // Only an account that holds the address proven sees the invitation in the app.
      const holders = await tx.execute<{ id: string }[]>(
        `select "id" from "users" where "email" = ? and "email_verified_at" is not null`,
        [email],
      );
      const names = await namesOf(tx, actor.id, proposalId);
      const notices = await notify(tx, deps, {
        kind: 'INVITED',
        proposalId,
        actorId: actor.id,
        recipientIds: holders.map((row) => row.id),
        text: `${names.actor} invited you to ${quoted(names.title)} as ${role === 'VIEWER' ? 'a viewer' : role === 'CLIENT' ? 'a client' : 'a freelancer'}`,
        link: '/',
        participantsOnly: false,
      });
      return { participant, token, notices };
    });
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw alreadyIn();
    throw error;
  }
}
