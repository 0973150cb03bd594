import { type Cache, cacheExchange, type UpdateResolver } from '@urql/exchange-graphcache';
import { BRIEF_SECTIONS } from '@brieflock/schema';
import type {
  AddParticipantMutation,
  FreezeProposalMutationVariables,
  AddParticipantMutationVariables,
  RemoveParticipantMutationVariables,
  DeleteCommentMutationVariables,
  ProposalEventsSubscription,
  ReplyToThreadMutation,
  StartThreadMutationVariables,
  SignVersionMutationVariables,
  MyNotificationsSubscription,
  AnswerReviewMutation,
  ReviewFreelancerMutationVariables,
} from '../gql/graphql';
import { NOTIFICATIONS_SHOWN } from '../notifications/constants';
import { NotificationsQuery } from '../operations/notifications';

/**
 * The normalized cache. Entities with an `id` are merged by graphcache itself; what a
 * mutation or a live event changes elsewhere is invalidated here, so every query that
 * shows it refetches on its own and no page keeps a revision counter.
 */

/** Values that only exist inside their parent (no `id`): stored embedded, not normalized. */
const embedded = () => null;

/**
 * By `id` when the query asks for it; else embedded in the parent. A version's kept
 * threads and comments are asked for without `id` (KeptThreadFields): each version
 * holds its own copy, apart from the live thread of the same id.
 */
const byIdElseEmbedded = (data: { id?: unknown }) => (typeof data.id === 'string' ? data.id : null);

const proposalRef = (id: string) => ({ __typename: 'Proposal', id });

const RICH_TEXT_KEYS: ReadonlySet<string> = new Set(
  BRIEF_SECTIONS.filter((section) => section.kind === 'richText').map((section) => section.key),
);

/** Adds a participant (already written as an entity) to a proposal's list, once. */
function addParticipantTo(cache: Cache, proposalId: string, participantId: string): void {
  const key = cache.keyOfEntity({ __typename: 'Participant', id: participantId });
  const list = cache.resolve(proposalRef(proposalId), 'participants') as unknown;
  if (!Array.isArray(list) || !key) return;
  const keys = list as string[];
  if (!keys.includes(key)) cache.link(proposalRef(proposalId), 'participants', [...keys, key]);
}

function removeParticipantFrom(cache: Cache, proposalId: string, participantId: string): void {
  const key = cache.keyOfEntity({ __typename: 'Participant', id: participantId });
  const list = cache.resolve(proposalRef(proposalId), 'participants') as unknown;
  if (!Array.isArray(list)) return;
  cache.link(
    proposalRef(proposalId),
    'participants',
    (list as string[]).filter((item) => item !== key),
  );
}

type Event = ProposalEventsSubscription['proposalEvents'];

/**
 * The engagement is read again: its tracked milestones, and the contract in force only
 * when a version was executed (a milestone step or a close leaves it as it is).
 */
function engagementChanged(cache: Cache, proposalId: string, contractChanged = false): void {
  const proposal = proposalRef(proposalId);
  cache.invalidate(proposal, 'milestones');
  if (contractChanged) cache.invalidate(proposal, 'contractInForce');
}

/**
 * The engagement's end is read again: who closed it and when, and its reviews (a closed
 * engagement can be reviewed). The client's bench shows reviews too.
 */
function reviewsChanged(cache: Cache, proposalId: string): void {
  cache.invalidate(proposalRef(proposalId), 'reviews');
  for (const field of cache.inspectFields('Query'))
    if (field.fieldName === 'myBench') cache.invalidate('Query', field.fieldName, field.arguments ?? undefined);
}

/** Kinds of notification that tell the recipient of a review written or answered on a proposal. */
const REVIEW_NOTIFICATIONS: ReadonlySet<string> = new Set(['REVIEW_WRITTEN', 'REVIEW_ANSWERED']);

/**
 * Makes every list of a proposal's threads stale (whatever status it was filtered by) and
 * the server's readiness, which counts open threads. A thread the event carries is written
 * by graphcache itself.
 */
function threadsChanged(cache: Cache, proposalId: string): void {
  const proposal = proposalRef(proposalId);
  for (const field of cache.inspectFields(proposal))
    if (field.fieldName === 'threads') cache.invalidate(proposal, field.fieldName, field.arguments ?? undefined);
  cache.invalidate(proposal, 'readiness');
}

/** Every list of a proposal's suggestions (one per status asked for) is read again, and its readiness. */
export function invalidateSuggestions(cache: Cache, proposalId: string): void {
  const proposal = proposalRef(proposalId);
  for (const field of cache.inspectFields(proposal))
    if (field.fieldName === 'suggestions') cache.invalidate(proposal, field.fieldName, field.arguments ?? undefined);
  cache.invalidate(proposal, 'readiness');
}

const suggestionDecided = (result: Record<string, unknown>) => {
  const decided = Object.values(result)[0] as { proposalId?: string } | { proposalId?: string }[] | null;
  return Array.isArray(decided) ? decided[0]?.proposalId : decided?.proposalId;
};

/** Every list of proposals (the active one and the archived one) is read again. */
function proposalListsChanged(cache: Cache): void {
  for (const field of cache.inspectFields('Query'))
    if (field.fieldName === 'proposals') cache.invalidate('Query', field.fieldName, field.arguments ?? undefined);
}

/** What a live event makes stale in the cache. */
export function applyProposalEvent(cache: Cache, event: Event): void {
  const proposal = proposalRef(event.proposalId);
  switch (event.kind) {
    case 'VERSION_FROZEN':
      // A new version, and the one awaiting signatures is superseded.
      cache.invalidate(proposal, 'versions');
      break;
    case 'VERSION_SIGNED':
    case 'VERSION_EXECUTED':
    case 'VERSION_DECLINED':
      if (event.version) cache.invalidate({ __typename: 'ContractVersion', id: event.version.id });
      else cache.invalidate(proposal, 'versions');
      // An executed version is the contract in force: its milestones are tracked now.
      if (event.kind === 'VERSION_EXECUTED') engagementChanged(cache, event.proposalId, true);
      break;
    case 'MILESTONE_STARTED':
    case 'MILESTONE_SUBMITTED':
    case 'MILESTONE_CHANGES_REQUESTED':
    case 'MILESTONE_ACCEPTED':
      engagementChanged(cache, event.proposalId);
      break;
    case 'ENGAGEMENT_CLOSED':
      engagementChanged(cache, event.proposalId);
      cache.invalidate(proposal, 'closedAt');
      cache.invalidate(proposal, 'closedBy');
      break;
    case 'REVIEW_WRITTEN':
    case 'REVIEW_ANSWERED':
      reviewsChanged(cache, event.proposalId);
      break;
    case 'PARTICIPANT_ADDED':
      if (event.participant) addParticipantTo(cache, event.proposalId, event.participant.id);
      else cache.invalidate(proposal, 'participants');
      break;
    case 'PARTICIPANT_UPDATED':
      // The participant entity itself came with the event. When it is the signed-in
      // person (`me`), what they may do on the proposal is read again.
      if (
        !event.participant ||
        cache.resolve('Query', 'me') === cache.keyOfEntity({ __typename: 'User', id: event.participant.user.id })
      )
        cache.invalidate(proposal, 'myRole');
      break;
    case 'PARTICIPANT_REMOVED':
      if (event.participantId) removeParticipantFrom(cache, event.proposalId, event.participantId);
      else cache.invalidate(proposal, 'participants');
      break;
    case 'PROPOSAL_UPDATED':
      // The proposal's new title and archived state came with the event and are written
      // by graphcache itself. Archiving or restoring moves it between the two lists.
      if (!event.proposal) {
        cache.invalidate(proposal, 'title');
        cache.invalidate(proposal, 'archived');
      }
      if (!event.proposal || event.changedFields.includes('archived')) proposalListsChanged(cache);
      break;
    case 'DRAFT_CHANGED':
      cache.invalidate(proposal, 'draft');
      cache.invalidate(proposal, 'readiness');
      // Suggested text changes live in the brief as marks.
      if (event.sections.some((section) => RICH_TEXT_KEYS.has(section))) invalidateSuggestions(cache, event.proposalId);
      break;
    case 'SUGGESTION_ADDED':
    case 'SUGGESTION_DECIDED':
      invalidateSuggestions(cache, event.proposalId);
      break;
    case 'THREAD_STARTED':
    case 'COMMENT_ADDED':
    case 'COMMENT_EDITED':
    case 'COMMENT_DELETED':
    case 'THREAD_RESOLVED':
    case 'THREAD_REOPENED':
      threadsChanged(cache, event.proposalId);
      break;
  }
}

/** A suggestion made or decided by this person: the lists are read again at once, not on the event. */
const onSuggestion = (result: Parameters<UpdateResolver>[0], cache: Cache) => {
  const proposalId = suggestionDecided(result);
  if (proposalId) invalidateSuggestions(cache, proposalId);
};

/** A new notification goes on top of the bell's page and counts as unread (once, however often it comes). */
function addNotification(cache: Cache, notification: MyNotificationsSubscription['myNotifications']): void {
  cache.updateQuery({ query: NotificationsQuery, variables: { first: NOTIFICATIONS_SHOWN } }, (data) => {
    if (!data?.notifications || data.notifications.items.some((item) => item.id === notification.id)) return data;
    const items = [notification, ...data.notifications.items].slice(0, NOTIFICATIONS_SHOWN);
    const unread = data.notifications.unread + (notification.readAt ? 0 : 1);
    return { ...data, notifications: { ...data.notifications, items, unread } };
  });
}

/** The cache exchange with this API's keys and updaters; one per data client. */
export const graphcache = () =>
  cacheExchange({
    keys: {
      Anchor: embedded,
      AuthPayload: embedded,
      Brief: embedded,
      Comment: byIdElseEmbedded,
      CommentThread: byIdElseEmbedded,
      Communication: embedded,
      DataReadiness: embedded,
      FieldChange: embedded,
      // A milestone or metric item keeps its id across versions, with other terms in each.
      Milestone: embedded,
      SuccessMetric: embedded,
      MetricResult: embedded,
      InvitationPreview: embedded,
      NotificationKindChannel: embedded,
      NotificationPreferences: embedded,
      ItemChange: embedded,
      NotificationPage: embedded,
      Ownership: embedded,
      ProposalEvent: embedded,
      Readiness: embedded,
      ReadinessCheck: embedded,
      RichText: embedded,
      SectionDiff: embedded,
      TextChange: embedded,
      VerificationReport: embedded,
      VersionDiff: embedded,
      VersionSigner: embedded,
      WebhookWithSecret: embedded,
    },
    updates: {
      Mutation: {
        createProposal: (_result, _args, cache) => proposalListsChanged(cache),
        createProposalFrom: (_result, _args, cache) => proposalListsChanged(cache),
        // Archiving moves a proposal between the two lists: both are read again.
        archiveProposal: (_result, _args, cache) => proposalListsChanged(cache),
        unarchiveProposal: (_result, _args, cache) => proposalListsChanged(cache),
        deleteProposal: (result, args, cache) => {
          if (!result.deleteProposal) return;
          proposalListsChanged(cache);
          cache.invalidate(proposalRef(String(args.proposalId)));
        },
        // The draft changed for everyone; the editor follows through Yjs, the rest refetches.
        restoreVersion: (result, _args, cache) => {
          const restored = (result as { restoreVersion?: { id: string } | null }).restoreVersion;
          if (!restored) return;
          cache.invalidate(proposalRef(restored.id), 'draft');
          cache.invalidate(proposalRef(restored.id), 'readiness');
        },
        // The proposal's list of endpoints is read again; an enabled one is merged by id.
        createWebhook: (_result, args, cache) => {
          const { input } = args as { input: { proposalId: string } };
          cache.invalidate(proposalRef(String(input.proposalId)), 'webhooks');
        },
        deleteWebhook: (result, args, cache) => {
          if (result.deleteWebhook) cache.invalidate({ __typename: 'Webhook', id: String(args.id) });
        },
        // Joining adds a proposal to the list and takes the invitation off the other.
        acceptInvitation: (_result, _args, cache) => {
          proposalListsChanged(cache);
          cache.invalidate('Query', 'myInvitations');
        },
        declineInvitation: (_result, _args, cache) => cache.invalidate('Query', 'myInvitations'),
        // A revoked invitation is gone: the lists holding it are read again.
        revokeInvitation: (result, args, cache) => {
          if (result.revokeInvitation) cache.invalidate({ __typename: 'Participant', id: String(args.participantId) });
        },
        addParticipant: (result, args, cache) => {
          const added = (result as AddParticipantMutation).addParticipant;
          const { input } = args as AddParticipantMutationVariables;
          if (added) addParticipantTo(cache, String(input.proposalId), added.id);
        },
        removeParticipant: (result, args, cache) => {
          const { input } = args as RemoveParticipantMutationVariables;
          if (result.removeParticipant)
            removeParticipantFrom(cache, String(input.proposalId), String(input.participantId));
        },
        // The arguments are the operation's variables: the input object is written inline.
        freezeProposal: (_result, _args, cache, info) => {
          const { proposalId } = info.variables as FreezeProposalMutationVariables;
          cache.invalidate(proposalRef(String(proposalId)), 'versions');
        },
        // Own changes show at once; the event that follows refreshes everyone else's page.
        startThread: (_result, _args, cache, info) => {
          const { input } = info.variables as StartThreadMutationVariables;
          threadsChanged(cache, String(input.proposalId));
        },
        replyToThread: (result, _args, cache) => {
          const reply = (result as ReplyToThreadMutation).replyToThread;
          if (reply) cache.invalidate({ __typename: 'CommentThread', id: reply.threadId });
        },
        deleteComment: (_result, _args, cache, info) => {
          const { commentId } = info.variables as DeleteCommentMutationVariables;
          cache.invalidate({ __typename: 'Comment', id: String(commentId) });
        },
        suggestChange: (result, _args, cache) => onSuggestion(result, cache),
        acceptSuggestion: (result, _args, cache) => onSuggestion(result, cache),
        rejectSuggestion: (result, _args, cache) => onSuggestion(result, cache),
        withdrawSuggestion: (result, _args, cache) => onSuggestion(result, cache),
        acceptSuggestions: (_result, args, cache) => invalidateSuggestions(cache, String(args.proposalId)),
        rejectSuggestions: (_result, args, cache) => invalidateSuggestions(cache, String(args.proposalId)),
        // Read again rather than patched: the server knows which were unread (and another
        // tab may have read some meanwhile).
        markNotificationsRead: (_result, _args, cache) => {
          for (const field of cache.inspectFields('Query'))
            if (field.fieldName === 'notifications') cache.invalidate('Query', field.fieldName, field.arguments);
        },
        // Reviews have no proposal event: the one reviewed (or answered) hears of it by
        // notification below; the author's own pages refresh here.
        reviewFreelancer: (_result, _args, cache, info) => {
          const { input } = info.variables as ReviewFreelancerMutationVariables;
          reviewsChanged(cache, String(input.proposalId));
        },
        answerReview: (result, _args, cache) => {
          const answered = (result as AnswerReviewMutation).answerReview;
          if (answered) reviewsChanged(cache, answered.proposalId);
        },
        signVersion: (_result, _args, cache, info) => {
          const { versionId } = info.variables as SignVersionMutationVariables;
          cache.invalidate({ __typename: 'ContractVersion', id: String(versionId) });
        },
      },
      Subscription: {
        myNotifications: (result, _args, cache) => {
          const notification = (result as MyNotificationsSubscription).myNotifications;
          if (!notification) return;
          addNotification(cache, notification);
          if (notification.proposal && REVIEW_NOTIFICATIONS.has(notification.kind))
            reviewsChanged(cache, notification.proposal.id);
        },
        proposalEvents: (result, _args, cache) => {
          const event = (result as ProposalEventsSubscription).proposalEvents;
          if (event) applyProposalEvent(cache, event);
        },
      },
    },
  });
