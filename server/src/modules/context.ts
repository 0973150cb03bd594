import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { TypedBriefContent } from '@brieflock/schema';
import type { RelyingPartyConfig } from '../config.js';
import { unauthenticated } from '../errors.js';
import type { Logger } from '../logger.js';
import type { AccountsLoaders } from './accounts/accounts.loaders.js';
import type { RequestMeta, TokenProblem, Viewer } from './accounts/sessions.js';
import type { SignInThrottleOptions } from './accounts/throttle.js';
import type { LiveBriefs } from './briefs/live-briefs.js';
import type { CommentsLoaders } from './comments/comments.loaders.js';
import type { ContractLoaders } from './contract/contract.loaders.js';
import type { EngagementLoaders } from './engagement/engagement.loaders.js';
import type { ProposalEvents } from './events/proposal-events.js';
import type { ProposalsLoaders } from './proposals/proposals.loaders.js';
import type { ServerKeys } from './trust/server-keys.js';
import type { JobQueue } from '../jobs/queue.js';
import type { Reach } from './mail/reach.js';

/** Every domain's batch loaders, one set per request, so list fields cost one query per level. */
export type Loaders = AccountsLoaders & ProposalsLoaders & ContractLoaders & CommentsLoaders & EngagementLoaders;

/** Cookie changes a resolver asks the transport to send back. */
export interface CookieJar {
  setSession(token: string, expiresAt: Date): void;
  clearSession(): void;
}

/**
 * Per-request context every resolver receives: its own unit of work, the authenticated
 * viewer, batch loaders. Declared with the domain, which reads it; the transports build
 * it (graphql/context.ts).
 */
export interface Context {
  em: EntityManager;
  viewer: Viewer | null;
  /** Set when a token was presented but did not authenticate. */
  tokenProblem: TokenProblem | null;
  meta: RequestMeta;
  loaders: Loaders;
  /** Fresh batch loaders over another unit of work (an event's reads, apart from the request's). */
  loadersFor(em: EntityManager): Loaders;
  cookies: CookieJar;
  /** The request's logger: over HTTP every line carries the request's `reqId`. */
  log: Logger;
  sessionTtlMs: number;
  /** How sign-in guessing is slowed. */
  signInThrottle: SignInThrottleOptions;
  /** Who passkeys are registered with, and the origins allowed to use them. */
  relyingParty: RelyingPartyConfig;
  orm: MikroORM;
  /** The live collaboration layer (documents in memory, open sockets). */
  live: LiveBriefs;
  /** Proposal events (published after commit, delivered to subscriptions). */
  events: ProposalEvents;
  /** The server's signing key: seals records, signs receipts. */
  keys: ServerKeys;
  /** The durable job queue: e-mails, reminders, deliveries, enqueued in the change's transaction. */
  jobs: JobQueue;
  /** Where links point, digest and reminder timing, and the clock they run on. */
  reach: Reach;
  /** WEBHOOK_ALLOW_PRIVATE: webhooks may be registered for loopback and private receivers. */
  webhookAllowPrivate: boolean;
  /** Drafts read during this request, by proposal id. */
  drafts: Map<string, Promise<TypedBriefContent>>;
}

const PROBLEM_MESSAGES: Record<TokenProblem, string> = {
  unknown: 'The session token is not valid. Sign in again.',
  expired: 'Your session has expired. Sign in again.',
  revoked: 'This session was signed out. Sign in again.',
};

/** The signed-in viewer, or UNAUTHENTICATED saying why. */
export function requireViewer(ctx: Context): Viewer {
  if (ctx.viewer) return ctx.viewer;
  throw unauthenticated(ctx.tokenProblem ? PROBLEM_MESSAGES[ctx.tokenProblem] : undefined);
}
