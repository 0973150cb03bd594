import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { ID } from '../id.scalar.js';
import type { Context } from '../context.js';
import type { UserView } from '../accounts/accounts.loaders.js';
import type { ParticipantView } from './proposals.loaders.js';
import { User } from '../accounts/user.entity.js';
import { invitationPath } from './invitation-tokens.js';
import { Participant } from './participant.entity.js';

/** A participant entity (a mutation's answer) or its read model (see proposals.loaders.ts). */
type ParticipantRoot = Pick<ParticipantView, 'id' | 'invitedEmail' | 'proposal'> & { user: { id: string } | null };

/**
 * Link tokens issued in this process, by the participant object a mutation answers with:
 * the only place a token exists after its hash is stored, so the inviter sees it once.
 */
const issuedTokens = new WeakMap<object, string>();

/** Makes the answer `participant` carry its newly issued link. */
export function withInviteLink<T extends object>(participant: T, token: string): T {
  issuedTokens.set(participant, token);
  return participant;
}

@Resolver(() => Participant)
export class ParticipantResolver {
  @FieldResolver(() => User, {
    description:
      'The account taking part. While the invitation is pending it stands for the invited address only: ' +
      'its id is the participant id, and its name and e-mail are the address.',
  })
  user(@Root() participant: ParticipantRoot, @Ctx() ctx: Context): UserView | Promise<UserView> {
    if (!participant.user) {
      const address = participant.invitedEmail ?? '';
      return { id: participant.id, email: address, name: address, pending: true };
    }
    return ctx.loaders.user(participant.user.id);
  }

  @FieldResolver(() => Boolean, { description: 'True until the invitation is accepted.' })
  pending(@Root() participant: ParticipantRoot): boolean {
    return participant.user === null;
  }

  @FieldResolver(() => ID, { description: 'The proposal taken part in, e.g. to open it after accepting.' })
  proposalId(@Root() participant: ParticipantRoot): string {
    return participant.proposal.id;
  }

  @FieldResolver(() => String, { nullable: true, description: 'The address invited; null for a proposal creator.' })
  invitedEmail(@Root() participant: ParticipantRoot): string | null {
    return participant.invitedEmail;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'The invitation link (a path on this server, e.g. /invitations/bli_…): only in the answer to ' +
      'addParticipant and issueInviteLink, never again; only its hash is stored.',
  })
  inviteLink(@Root() participant: ParticipantRoot): string | null {
    const token = issuedTokens.get(participant);
    return token ? invitationPath(token) : null;
  }
}
