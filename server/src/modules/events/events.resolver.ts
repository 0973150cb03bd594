import { Arg, Ctx, Resolver, Root, Subscription } from 'type-graphql';
import { ID } from '../id.scalar.js';
import type { SubscribeResolverData } from 'type-graphql';
import { requireViewer, type Context, type Loaders } from '../context.js';
import { User } from '../accounts/user.entity.js';
import { Participant } from '../proposals/participant.entity.js';
import { Proposal } from '../proposals/proposal.entity.js';
import { assertParticipant } from '../proposals/proposal.policy.js';
import { ContractVersion } from '../contract/contract-version.entity.js';
import type { ThreadView } from '../comments/comments.types.js';
import { findSuggestion } from '../suggestions/list-suggestions.js';
import type { SuggestionView } from '../suggestions/suggestions.types.js';
import { ProposalEvent } from './events.types.js';
import type { ProposalEventPayload } from './proposal-events.js';

/**
 * Who may subscribe: a signed-in participant of the proposal, checked when the
 * subscription starts. Removal from the proposal or sign-out ends it.
 */
async function subscribeToProposal({
  args,
  context,
}: SubscribeResolverData<unknown, { proposalId: string }, Context>): Promise<AsyncIterable<ProposalEventPayload>> {
  const viewer = requireViewer(context);
  const role = await assertParticipant(context.em, args.proposalId, viewer.user.id);
  return context.events.subscribe(args.proposalId, { userId: viewer.user.id, sessionId: viewer.session.id, role });
}

/**
 * What an event is about, read once for every subscriber of this instance: its version,
 * actor and participant, and the batch loaders their fields read through (signatures,
 * signers, users, the frozen content). None of it depends on who is watching: every
 * subscriber is a participant of the event's proposal, and fields that do depend on the
 * viewer (`canSign`, `consentStatement`) still read the viewer from each subscriber's own
 * context.
 */
interface EventData {
  loaders: Loaders;
  subjects: Promise<{
    version: ContractVersion | null;
    actor: User | null;
    participant: Participant | null;
    thread: ThreadView | null;
    suggestion: SuggestionView | null;
    proposal: Proposal | null;
  }>;
  readAt: number;
}

/**
 * How long one event's data serves its subscribers. Delivering an event to every
 * subscriber of an instance takes well under this; a subscriber that reaches the event
 * later (a slow consumer) reads it afresh rather than from older data.
 */
const EVENT_DATA_TTL_MS = 2_000;

/**
 * Per event, keyed by the payload itself: the in-process PubSub hands every subscriber
 * the published object, and the Redis event target parses each message once for all of
 * this instance's subscribers. An entry goes when its event is no longer referenced.
 */
const eventData = new WeakMap<ProposalEventPayload, EventData>();

function dataOf(event: ProposalEventPayload, ctx: Context): EventData {
  const cached = eventData.get(event);
  if (cached && performance.now() - cached.readAt < EVENT_DATA_TTL_MS) return cached;
  // A unit of work of the event's own, read from fresh: a later event never sees an
  // earlier event's identity map (a version's status moves on between them).
  const em = ctx.orm.em.fork();
  const loaders = ctx.loadersFor(em);
  const subjects = Promise.all([
    event.versionId ? em.findOne(ContractVersion, event.versionId) : null,
    event.actorId ? loaders.userById.load(event.actorId) : undefined,
    event.participantId ? em.findOne(Participant, event.participantId) : null,
    // Older payloads (an instance not yet updated, through Redis) carry no threadId.
    event.threadId ? loaders.threadById.load(event.threadId) : undefined,
    event.suggestionId ? findSuggestion(em, ctx.live, event.proposalId, event.suggestionId) : null,
    // Only the proposal's own changes carry it: other events leave it unread.
    event.kind === 'PROPOSAL_UPDATED' ? loaders.proposalById.load(event.proposalId) : undefined,
  ]).then(([version, actor, participant, thread, suggestion, proposal]) => ({
    version,
    actor: (actor as User | undefined) ?? null,
    participant,
    thread: thread ?? null,
    suggestion,
    proposal: proposal ?? null,
  }));
  const data: EventData = { loaders, subjects, readAt: performance.now() };
  eventData.set(event, data);
  // A failed read is not kept: the next subscriber tries again.
  subjects.catch(() => {
    if (eventData.get(event) === data) eventData.delete(event);
  });
  return data;
}

@Resolver(() => ProposalEvent)
export class ProposalEventsResolver {
  @Subscription(() => ProposalEvent, {
    subscribe: subscribeToProposal,
    description:
      'Live events of a proposal: draft changes, freezes, signatures, executions, participants added, changed or removed, comment threads, suggestions, the proposal renamed, archived or restored. Participants only.',
  })
  async proposalEvents(
    @Root() event: ProposalEventPayload,
    @Arg('proposalId', () => ID) _proposalId: string,
    @Ctx() ctx: Context,
  ): Promise<ProposalEvent> {
    // One context serves every event of a subscription: each event's fields read
    // through that event's data, never through an earlier event's.
    const data = dataOf(event, ctx);
    ctx.em.clear();
    ctx.loaders = data.loaders;
    ctx.drafts.clear();
    const { version, actor, participant, thread, suggestion, proposal } = await data.subjects;
    return {
      kind: event.kind,
      proposalId: event.proposalId,
      proposal,
      changedFields: event.changedFields ?? [],
      version,
      actor,
      participant,
      participantId: event.participantId,
      thread,
      suggestion,
      sections: event.sections,
      at: new Date(event.at),
    };
  }
}
