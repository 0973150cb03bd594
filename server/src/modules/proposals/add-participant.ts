import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/postgresql';
import { conflict } from '../../errors.js';
import { parseInput } from '../../validation.js';
import { User } from '../accounts/user.entity.js';
import { AddParticipantSchema, type AddParticipantInput } from './proposal.inputs.js';
import { Participant } from './participant.entity.js';
import { assertCanManageParticipants } from './proposal.policy.js';

const alreadyIn = () => conflict('email: this person already takes part in the proposal', { field: 'email' });

/**
 * Adds a person by e-mail with a role (CLIENT only). An e-mail without an account
 * gets a pending user that the first sign-up with that e-mail claims.
 */
export async function addParticipant(em: EntityManager, actor: User, input: AddParticipantInput): Promise<Participant> {
  const { proposalId, email, role } = parseInput(AddParticipantSchema, input);
  return em.transactional(async (tx) => {
    // Checked inside the transaction, so a change of roles cannot slip in between.
    await assertCanManageParticipants(tx, proposalId, actor.id);
    // Insert-or-get, so two invitations of one new e-mail cannot create two users.
    await tx
      .getConnection()
      .execute(
        `insert into users (id, email, name, pending, created_at) values (gen_random_uuid(), ?, ?, true, now()) on conflict (email) do nothing`,
        [email, email.split('@')[0]!],
      );
    const user = await tx.findOneOrFail(User, { email });
    if (await tx.count(Participant, { proposal: proposalId, user })) throw alreadyIn();
    const participant = tx.create(Participant, { proposal: proposalId, user, role, invitedBy: actor });
    try {
      await tx.flush();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw alreadyIn();
      throw error;
    }
    return participant;
  });
}
