import { Arg, Ctx, ID, Resolver, Root, Subscription } from 'type-graphql';
import type { SubscribeResolverData } from 'type-graphql';
import { requireViewer, type Context } from '../../graphql/context.js';
import { createLoaders } from '../../graphql/loaders.js';
import { User } from '../accounts/user.entity.js';
import { Participant } from '../proposals/participant.entity.js';
import { assertParticipant } from '../proposals/proposal.policy.js';
import { ContractVersion } from './contract-version.entity.js';
import { ProposalEvent } from './contract.types.js';
import type { ProposalEventPayload } from './proposal-events.js';

/**
 * Who may subscribe: a signed-in participant of the proposal, checked when the
 * subscription starts. Removal from the proposal or sign-out ends it.
 */
async function subscribeToProposal({ args, context }: SubscribeResolverData<unknown, { proposalId: string }, Context>): Promise<AsyncIterable<ProposalEventPayload>> {
  const viewer = requireViewer(context);
  await assertParticipant(context.em, args.proposalId, viewer.user.id);
  return context.events.subscribe(args.proposalId, { userId: viewer.user.id, sessionId: viewer.session.id });
}

@Resolver(() => ProposalEvent)
export class ProposalEventsResolver {
  @Subscription(() => ProposalEvent, {
    subscribe: subscribeToProposal,
    description: 'Live events of a proposal: draft changes, freezes, signatures, executions, new participants. Participants only.',
  })
  async proposalEvents(@Root() event: ProposalEventPayload, @Arg('proposalId', () => ID) _proposalId: string, @Ctx() ctx: Context): Promise<ProposalEvent> {
    // One context serves every event of a subscription: start each event from fresh
    // data, or a version's status would be read from the first event's identity map.
    ctx.em.clear();
    ctx.loaders = createLoaders(ctx.em);
    ctx.drafts.clear();
    const [version, actor, participant] = await Promise.all([
      event.versionId ? ctx.em.findOne(ContractVersion, event.versionId) : null,
      event.actorId ? ctx.loaders.userById.load(event.actorId) : undefined,
      event.participantId ? ctx.em.findOne(Participant, event.participantId) : null,
    ]);
    return {
      kind: event.kind,
      proposalId: event.proposalId,
      version,
      actor: (actor as User | undefined) ?? null,
      participant,
      sections: event.sections,
      at: new Date(event.at),
    };
  }
}
