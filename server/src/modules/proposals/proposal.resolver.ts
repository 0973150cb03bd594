import type { EntityManager } from '@mikro-orm/postgresql';
import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ID } from '../id.scalar.js';
import type { ParticipantRole, ProposalField } from '@brieflock/schema';
import { requireViewer, type Context } from '../context.js';
import type { ParticipantView } from './proposals.loaders.js';
import { addParticipant } from './add-participant.js';
import { createProposal } from './create-proposal.js';
import { Participant, ParticipantRoleEnum } from './participant.entity.js';
import {
  AddParticipantInput,
  ChangeRoleInput,
  CreateProposalInput,
  RemoveParticipantInput,
  RenameProposalInput,
} from './proposal.inputs.js';
import { deleteProposal, renameProposal, setProposalArchived, type ProposalChange } from './manage-proposal.js';
import { changeParticipantRole } from './change-participant-role.js';
import { removeParticipant } from './remove-participant.js';
import { withInviteLink } from './participant.resolver.js';
import { Proposal } from './proposal.entity.js';
import type { WebhookEvent } from '../webhooks/enqueue-deliveries.js';
import { changeAndAnnounce, changeWithWebhooks } from '../webhooks/webhook-outbox.js';
import { getProposalFor, listProposalsOf } from './proposal.queries.js';

/**
 * Makes a change to the proposal itself (its title or whether it is archived), enqueues
 * the webhook deliveries of its PROPOSAL_UPDATED in the same transaction, and tells every
 * participant's open page once it committed. A request that changed nothing tells no one.
 */
async function updateProposal(
  ctx: Context,
  actorId: string,
  field: ProposalField,
  change: (tx: EntityManager) => Promise<ProposalChange>,
): Promise<Proposal> {
  const eventsOf = ({ proposal, changed }: ProposalChange): WebhookEvent[] =>
    changed ? [{ kind: 'PROPOSAL_UPDATED', proposalId: proposal.id, actorId, changedFields: [field] }] : [];
  return (await changeAndAnnounce(ctx, change, eventsOf)).proposal;
}

@Resolver(() => Proposal)
export class ProposalResolver {
  @Query(() => [Proposal], {
    description:
      'Proposals the signed-in user takes part in, newest first: those not archived by default, the archived ones with `archived: true`.',
  })
  async proposals(
    @Arg('archived', () => Boolean, { nullable: true }) archived: boolean | null,
    @Ctx() ctx: Context,
  ): Promise<Proposal[]> {
    const proposals = await listProposalsOf(ctx.em, requireViewer(ctx).user.id, archived === true);
    for (const proposal of proposals) ctx.loaders.proposalById.prime(proposal.id, proposal);
    return proposals;
  }

  @Query(() => Proposal, {
    nullable: true,
    description: 'A proposal the signed-in user takes part in; NOT_FOUND otherwise.',
  })
  async proposal(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Proposal> {
    const proposal = await getProposalFor(ctx.em, id, requireViewer(ctx).user.id);
    // Fields below it (a version's consent statement) read the proposal through the loader.
    ctx.loaders.proposalById.prime(proposal.id, proposal);
    return proposal;
  }

  @Mutation(() => Proposal, { description: 'Creates a proposal; the caller joins it as CLIENT.' })
  createProposal(
    @Arg('input', () => CreateProposalInput) input: CreateProposalInput,
    @Ctx() ctx: Context,
  ): Promise<Proposal> {
    return createProposal(ctx.em, requireViewer(ctx).user, input);
  }

  @Mutation(() => Proposal, {
    description: 'Gives a proposal a new title (CLIENT only); every participant hears PROPOSAL_UPDATED.',
  })
  async renameProposal(
    @Arg('input', () => RenameProposalInput) input: RenameProposalInput,
    @Ctx() ctx: Context,
  ): Promise<Proposal> {
    const viewer = requireViewer(ctx).user;
    return updateProposal(ctx, viewer.id, 'title', (tx) => renameProposal(tx, viewer, input));
  }

  @Mutation(() => Proposal, {
    description:
      "Archives a proposal (CLIENT only): it leaves every participant's default list until restored. " +
      'Every participant hears PROPOSAL_UPDATED.',
  })
  async archiveProposal(@Arg('proposalId', () => ID) proposalId: string, @Ctx() ctx: Context): Promise<Proposal> {
    const viewer = requireViewer(ctx).user;
    return updateProposal(ctx, viewer.id, 'archived', (tx) => setProposalArchived(tx, viewer, proposalId, true));
  }

  @Mutation(() => Proposal, {
    description:
      'Restores an archived proposal to the default list (CLIENT only). Every participant hears PROPOSAL_UPDATED.',
  })
  async unarchiveProposal(@Arg('proposalId', () => ID) proposalId: string, @Ctx() ctx: Context): Promise<Proposal> {
    const viewer = requireViewer(ctx).user;
    return updateProposal(ctx, viewer.id, 'archived', (tx) => setProposalArchived(tx, viewer, proposalId, false));
  }

  @Mutation(() => Boolean, {
    description:
      'Deletes a draft that was never frozen (CLIENT only; CONFLICT once any version exists) and closes its live sockets.',
  })
  async deleteProposal(@Arg('proposalId', () => ID) proposalId: string, @Ctx() ctx: Context): Promise<boolean> {
    const deleted = await deleteProposal(ctx.em, requireViewer(ctx).user, proposalId);
    ctx.live.proposalDeleted(deleted);
    return true;
  }

  @Mutation(() => Participant, {
    description:
      'Invites an e-mail address with a role (CLIENT only): a pending participant that shows only the address ' +
      'until accepted. The answer carries the invitation link once, in `inviteLink`.',
  })
  async addParticipant(
    @Arg('input', () => AddParticipantInput) input: AddParticipantInput,
    @Ctx() ctx: Context,
  ): Promise<Participant> {
    const viewer = requireViewer(ctx).user;
    const eventOf = ({ participant }: { participant: Participant }) =>
      ({
        kind: 'PARTICIPANT_ADDED',
        proposalId: participant.proposal.id,
        participantId: participant.id,
        actorId: viewer.id,
        clientsOnly: true,
      }) as const;
    const added = await changeWithWebhooks(
      ctx.em,
      ctx.jobs,
      (tx) => addParticipant(tx, viewer, input, ctx),
      (added) => [eventOf(added)],
    );
    const { participant, token, notices } = added;
    ctx.events.notified(notices);
    // The pending invitation, shown live to the other clients (only clients see invitations).
    ctx.events.publish(eventOf(added));
    return withInviteLink(participant, token);
  }

  @Mutation(() => Boolean, {
    description:
      'Removes a participant (CLIENT only) and closes their live sockets. A proposal keeps at least one client.',
  })
  async removeParticipant(
    @Arg('input', () => RemoveParticipantInput) input: RemoveParticipantInput,
    @Ctx() ctx: Context,
  ): Promise<boolean> {
    const viewer = requireViewer(ctx).user;
    const eventOf = (removed: { proposalId: string; participantId: string }) =>
      ({
        kind: 'PARTICIPANT_REMOVED',
        proposalId: removed.proposalId,
        participantId: removed.participantId,
        actorId: viewer.id,
      }) as const;
    const removed = await changeWithWebhooks(
      ctx.em,
      ctx.jobs,
      (tx) => removeParticipant(tx, viewer, input),
      (removed) => [eventOf(removed)],
    );
    // Announced first, so the removed person's own open page can still hear it.
    ctx.events.publish(eventOf(removed));
    if (removed.userId) ctx.live.participantRemoved(removed.proposalId, removed.userId);
    return true;
  }

  @Mutation(() => Participant, {
    description:
      'Gives a participant or a pending invitation another role (CLIENT only). The last client cannot be ' +
      "demoted (CONFLICT). The person's open collaboration sockets reconnect with the new role at once.",
  })
  async changeParticipantRole(
    @Arg('input', () => ChangeRoleInput) input: ChangeRoleInput,
    @Ctx() ctx: Context,
  ): Promise<Participant> {
    const viewer = requireViewer(ctx).user;
    const eventsOf = ({
      participant,
      changed,
      userId,
    }: {
      participant: Participant;
      changed: boolean;
      userId: string | null;
    }) =>
      changed
        ? [
            {
              kind: 'PARTICIPANT_UPDATED',
              proposalId: participant.proposal.id,
              participantId: participant.id,
              actorId: viewer.id,
              clientsOnly: userId === null,
            } as const,
          ]
        : [];
    const result = await changeWithWebhooks(
      ctx.em,
      ctx.jobs,
      (tx) => changeParticipantRole(tx, viewer, input),
      eventsOf,
    );
    const { participant, changed, userId } = result;
    if (changed) {
      if (userId) ctx.live.roleChanged(participant.proposal.id, userId, participant.role);
      for (const event of eventsOf(result)) ctx.events.publish(event);
    }
    return participant;
  }

  @FieldResolver(() => [Participant], { description: 'Pending invitations are listed to clients only.' })
  async participants(@Root() proposal: Proposal, @Ctx() ctx: Context): Promise<ParticipantView[]> {
    const viewer = requireViewer(ctx);
    const participants = await ctx.loaders.participantsByProposal.load(proposal.id);
    const mine = participants.find((participant) => participant.user?.id === viewer.user.id);
    return mine?.role === 'CLIENT' ? participants : participants.filter((participant) => participant.user !== null);
  }

  @FieldResolver(() => Boolean, {
    description: 'Archived proposals leave the default list; `proposals(archived: true)` lists them.',
  })
  archived(@Root() proposal: Proposal): boolean {
    return proposal.archivedAt !== null && proposal.archivedAt !== undefined;
  }

  @FieldResolver(() => ParticipantRoleEnum, { description: "The signed-in user's role on this proposal." })
  async myRole(@Root() proposal: Proposal, @Ctx() ctx: Context): Promise<ParticipantRole> {
    const viewer = requireViewer(ctx);
    const participants = await ctx.loaders.participantsByProposal.load(proposal.id);
    const mine = participants.find((participant) => participant.user?.id === viewer.user.id);
    if (!mine) throw new Error('viewer is not a participant of a proposal it was shown');
    return mine.role;
  }
}
