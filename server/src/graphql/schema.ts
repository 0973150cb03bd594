import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema, type PubSub } from 'type-graphql';
import { createPubSub } from '@graphql-yoga/subscription';
import { AccountResolver } from '../modules/accounts/account.resolver.js';
import { RecoveryResolver } from '../modules/accounts/recovery.resolver.js';
import { DraftResolver } from '../modules/briefs/draft.resolver.js';
import { CommentsResolver } from '../modules/comments/comments.resolver.js';
import {
  CommentFieldsResolver,
  ProposalThreadsResolver,
  ThreadFieldsResolver,
  VersionThreadsResolver,
} from '../modules/comments/thread-fields.resolver.js';
import {
  ContractResolver,
  ProposalVersionsResolver,
  SignatureResolver,
} from '../modules/contract/contract.resolver.js';
import { MilestonesResolver, ProposalEngagementResolver } from '../modules/engagement/engagement.resolver.js';
import {
  BenchEntryResolver,
  EngagementResolver,
  ProposalReviewsResolver,
} from '../modules/engagement/reviews.resolver.js';
import { ProposalEventsResolver } from '../modules/events/events.resolver.js';
import { NotificationsResolver } from '../modules/notifications/notifications.resolver.js';
import {
  NotificationPreferencesResolver,
  UserNotificationPreferencesResolver,
} from '../modules/notifications/preferences.resolver.js';
import { UnsubscribeResolver } from '../modules/notifications/unsubscribe.resolver.js';
import { InvitationResolver } from '../modules/proposals/invitation.resolver.js';
import { ParticipantResolver } from '../modules/proposals/participant.resolver.js';
import { ProposalResolver } from '../modules/proposals/proposal.resolver.js';
import { TemplatesResolver } from '../modules/proposals/templates.resolver.js';
import { PasskeyResolver, UserPasskeysResolver } from '../modules/passkeys/passkey.resolver.js';
import { ProposalReceiptResolver } from '../modules/trust/receipt.resolver.js';
import { ProposalSuggestionsResolver, SuggestionsResolver } from '../modules/suggestions/suggestions.resolver.js';
import { ProposalWebhooksResolver, WebhooksResolver } from '../modules/webhooks/webhooks.resolver.js';

export const RESOLVERS = [
  AccountResolver,
  RecoveryResolver,
  ProposalResolver,
  TemplatesResolver,
  ParticipantResolver,
  InvitationResolver,
  DraftResolver,
  ContractResolver,
  SignatureResolver,
  ProposalVersionsResolver,
  MilestonesResolver,
  ProposalEngagementResolver,
  ProposalEventsResolver,
  PasskeyResolver,
  UserPasskeysResolver,
  ProposalReceiptResolver,
  CommentsResolver,
  ThreadFieldsResolver,
  CommentFieldsResolver,
  ProposalThreadsResolver,
  VersionThreadsResolver,
  SuggestionsResolver,
  ProposalSuggestionsResolver,
  NotificationsResolver,
  WebhooksResolver,
  ProposalWebhooksResolver,
  NotificationPreferencesResolver,
  UserNotificationPreferencesResolver,
  UnsubscribeResolver,
  EngagementResolver,
  BenchEntryResolver,
  ProposalReviewsResolver,
] as const;

/**
 * Builds the executable schema from the resolvers (no file is written at run time).
 * Subscriptions subscribe through `ProposalEvents`; type-graphql still asks for the PubSub.
 */
export function buildAppSchema(pubSub: PubSub = createPubSub()): Promise<GraphQLSchema> {
  return buildSchema({ resolvers: RESOLVERS, validate: false, emitSchemaFile: false, pubSub });
}

/** The SDL as committed in `schema/schema.graphql`: sorted so that diffs stay small. */
export function printSortedSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
