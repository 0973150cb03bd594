import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ID } from '../id.scalar.js';
import { requireViewer, type Context } from '../context.js';
import type { UserView } from '../accounts/accounts.loaders.js';
import { User } from '../accounts/user.entity.js';
import { Invitation, InvitationPreview } from './invitation.types.js';
import {
  acceptInvitation,
  declineInvitation,
  listMyInvitations,
  previewInvitation,
  renewInvitation,
  revokeInvitation,
  type InvitationPreviewView,
  type InvitationView,
} from './invitations.js';
import { Participant } from './participant.entity.js';
import { withInviteLink } from './participant.resolver.js';
import { changeWithWebhooks } from '../webhooks/webhook-outbox.js';

@Resolver(() => Invitation)
export class InvitationResolver {
  @Query(() => InvitationPreview, {
    nullable: true,
    description:
      "What an invitation link's page shows (no sign-in needed); null for a revoked, replaced or unknown link.",
  })
  invitation(@Arg('token', () => String) token: string, @Ctx() ctx: Context): Promise<InvitationPreviewView | null> {
    return previewInvitation(ctx.em, token);
  }

  @Query(() => [Invitation], {
    description: 'Pending invitations to the address the signed-in account has proven, newest first.',
  })
  myInvitations(@Ctx() ctx: Context): Promise<InvitationView[]> {
    return listMyInvitations(ctx.em, requireViewer(ctx).user);
  }

  @Mutation(() => Participant, {
    description:
      'Accepts an invitation: by its link token (any signed-in account holding the link; single use), or in the ' +
      "app by an invitation of the caller's own address. Give exactly one.",
  })
  async acceptInvitation(
    @Arg('token', () => String, { nullable: true }) token: string | null,
    @Arg('invitationId', () => ID, { nullable: true }) invitationId: string | null,
    @Ctx() ctx: Context,
  ): Promise<Participant> {
    const viewer = requireViewer(ctx).user;
    const eventOf = (participant: Participant) =>
      ({
        kind: 'PARTICIPANT_ADDED',
        proposalId: participant.proposal.id,
        participantId: participant.id,
        actorId: viewer.id,
      }) as const;
    const participant = await changeWithWebhooks(
      ctx.em,
      ctx.jobs,
      (tx) => acceptInvitation(tx, viewer, { token, invitationId }),
      (participant) => [eventOf(participant)],
    );
    ctx.events.publish(eventOf(participant));
    return participant;
  }

  @Mutation(() => Boolean, { description: "Declines an in-app invitation of the caller's own address." })
  async declineInvitation(@Arg('invitationId', () => ID) invitationId: string, @Ctx() ctx: Context): Promise<boolean> {
    const viewer = requireViewer(ctx).user;
    const eventOf = (removed: { proposalId: string; participantId: string }) =>
      ({ kind: 'PARTICIPANT_REMOVED', ...removed, actorId: viewer.id, clientsOnly: true }) as const;
    const removed = await changeWithWebhooks(
      ctx.em,
      ctx.jobs,
      (tx) => declineInvitation(tx, viewer, invitationId),
      (removed) => [eventOf(removed)],
    );
    ctx.events.publish(eventOf(removed));
    return true;
  }

  @Mutation(() => Boolean, {
    description:
      'Issues a fresh link for a pending invitation, voiding the old one, and e-mails it to the invited address (CLIENT only).',
  })
  async resendInvitation(@Arg('participantId', () => ID) participantId: string, @Ctx() ctx: Context): Promise<boolean> {
    await renewInvitation(ctx.em, requireViewer(ctx).user, participantId, ctx);
    return true;
  }

  @Mutation(() => Participant, {
    description:
      'Issues a fresh link for a pending invitation, voiding the old one, and answers with it in `inviteLink` ' +
      '(CLIENT only): how a client copies a link when it was not kept from addParticipant.',
  })
  async issueInviteLink(
    @Arg('participantId', () => ID) participantId: string,
    @Ctx() ctx: Context,
  ): Promise<Participant> {
    const { participant, token } = await renewInvitation(ctx.em, requireViewer(ctx).user, participantId, ctx);
    return withInviteLink(participant, token);
  }

  @Mutation(() => Boolean, {
    description:
      'Withdraws a pending invitation; its link stops working and its e-mails not yet sent are withdrawn (CLIENT only).',
  })
  async revokeInvitation(@Arg('participantId', () => ID) participantId: string, @Ctx() ctx: Context): Promise<boolean> {
    const viewer = requireViewer(ctx).user;
    const eventOf = (removed: { proposalId: string; participantId: string }) =>
      ({ kind: 'PARTICIPANT_REMOVED', ...removed, actorId: viewer.id, clientsOnly: true }) as const;
    const removed = await changeWithWebhooks(
      ctx.em,
      ctx.jobs,
      (tx) => revokeInvitation(tx, viewer, participantId),
      (removed) => [eventOf(removed)],
    );
    ctx.events.publish(eventOf(removed));
    return true;
  }

  @FieldResolver(() => User)
  invitedBy(@Root() invitation: InvitationView, @Ctx() ctx: Context): UserView | Promise<UserView> {
    // Inviters are never deleted while their invitations stand (no account deletion yet).
    return ctx.loaders.user(invitation.invitedById ?? '');
  }
}
