import { createPubSub, type PubSub } from '@graphql-yoga/subscription';
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { setMaxListeners } from 'node:events';
import { Redis } from 'ioredis';
import { CONTRACT_LIMITS, type ParticipantRole, type ProposalEventKind, type ProposalField } from '@brieflock/schema';
import type { Logger } from '../../logger.js';
import { canonicalId } from '../../validation.js';

/** An event as it travels (in process or through Redis): plain JSON, ids only. */
export interface ProposalEventPayload {
  kind: ProposalEventKind;
  proposalId: string;
  versionId: string | null;
  actorId: string | null;
  participantId: string | null;
  /** THREAD_* and COMMENT_*: the thread it is about (gone once a COMMENT_DELETED took its last comment). */
  threadId: string | null;
  /** SUGGESTION_*: the suggestion it is about. */
  suggestionId?: string | null;
  /** DRAFT_CHANGED: the section keys that changed. */
  sections: string[];
  /** PROPOSAL_UPDATED: which of the proposal's own fields changed (absent in older payloads). */
  changedFields?: ProposalField[];
  /** Only the proposal's clients hear it (a pending invitation: only clients see those). */
  clientsOnly: boolean;
  at: string;
}

/** Above this many listeners on one topic Node warns of a leak. */
const MAX_SUBSCRIBERS_PER_TOPIC = 100_000;

/**
 * Events one subscription may hold that its consumer has not taken yet. A subscriber this
 * far behind (its socket stopped reading) has its subscription ended, which its client
 * sees as the stream completing, rather than this instance holding events without bound.
 */
const MAX_PENDING_EVENTS = 1000;

/**
 * The PubSub's topic for one proposal's events (`createPubSub` names topics `<routing key>:<id>`).
 * Every method below takes proposal ids in their canonical spelling (`canonicalId`), so one
 * proposal is one topic on every instance, however a caller spelled its id.
 */
const topicOf = (proposalId: string) => `PROPOSAL_EVENTS:${proposalId}`;

/** What subscriptions listen on: the PubSub's event target, in process or Redis. */
type EventSource = Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;

/** A notification as it travels: its id and recipient; subscribers read the rest. */
export interface NotificationPayload {
  notificationId: string;
  userId: string;
}

/** One person's notifications travel on a topic of their own. */
const userTopicOf = (userId: string) => `MY_NOTIFICATIONS:${userId}`;

type Channels = {
  PROPOSAL_EVENTS: [proposalId: string, payload: ProposalEventPayload];
  MY_NOTIFICATIONS: [userId: string, payload: NotificationPayload];
};

/** Who holds a subscription: removal and sign-out end theirs. */
export interface SubscriptionOwner {
  userId: string;
  sessionId: string;
  /** The owner's role on the proposal; kept current by `roleChanged`. */
  role: ParticipantRole;
}

interface ActiveSubscription extends SubscriptionOwner {
  /** Null for a person's own notifications, which belong to no proposal. */
  proposalId: string | null;
  stop(deliverPending?: boolean): void;
}

interface PendingDraftChange {
  sections: Set<string>;
  actorId: string | null;
  firstAt: number;
  lastAt: number;
  timer: NodeJS.Timeout;
}

export interface ProposalEventsOptions {
  log: Logger;
  /** When set, events travel through Redis so every instance's subscribers get them. */
  redisUrl?: string;
  debounceMs?: number;
  maxWaitMs?: number;
  /**
   * Makes a settled DRAFT_CHANGED durable where it goes beyond subscribers (its webhook
   * deliveries) before it is published. A settled draft is born here, outside any change's
   * transaction: every other event has that done in the transaction of its change. A
   * rejection is the hook's to log; the event is published either way.
   */
  beforeDraftPublished?: (event: DraftChangedEvent) => Promise<void>;
}

/** A settled draft change as `beforeDraftPublished` is given it. */
export type DraftChangedEvent = Pick<ProposalEventPayload, 'kind' | 'proposalId' | 'actorId' | 'sections'>;

/**
 * Proposal events: published after the change they describe has committed, delivered
 * to GraphQL subscribers through a type-graphql PubSub (in process, or through Redis).
 * Also keeps the subscriptions open on this instance, so removing a participant or
 * signing out ends theirs at once, and debounces draft changes.
 */
export class ProposalEvents {
  readonly pubSub: PubSub<Channels>;
  private readonly source: EventSource;
  private readonly active = new Set<ActiveSubscription>();
  private readonly drafts = new Map<string, PendingDraftChange>();
  private readonly redis: Redis[] = [];
  private readonly log: Logger;
  private readonly debounceMs: number;
  private readonly maxWaitMs: number;
  private readonly beforeDraftPublished: ((event: DraftChangedEvent) => Promise<void>) | undefined;
  /** Settled draft changes whose `beforeDraftPublished` is still running. */
  private readonly settling = new Set<Promise<void>>();

  constructor(options: ProposalEventsOptions) {
    this.log = options.log;
    this.beforeDraftPublished = options.beforeDraftPublished;
    this.debounceMs = options.debounceMs ?? CONTRACT_LIMITS.draftChangedDebounceMs;
    this.maxWaitMs = options.maxWaitMs ?? CONTRACT_LIMITS.draftChangedMaxWaitMs;
    if (options.redisUrl) {
      const publish = this.connectRedis(options.redisUrl, 'publish');
      const subscribe = this.connectRedis(options.redisUrl, 'subscribe');
      // The event target calls publish/subscribe without awaiting them; a Redis outage
      // must be logged, not crash the process with an unhandled rejection.
      const safe = (client: Redis) =>
        ({
          publish: (channel: string, message: string) =>
            client
              .publish(channel, message)
              .catch((error: unknown) => this.log.warn({ err: error }, 'event not published to Redis')),
          subscribe: (channel: string) =>
            client
              .subscribe(channel)
              .catch((error: unknown) => this.log.warn({ err: error }, 'Redis subscribe failed')),
          unsubscribe: (channel: string) =>
            client
              .unsubscribe(channel)
              .catch((error: unknown) => this.log.warn({ err: error }, 'Redis unsubscribe failed')),
          on: (event: string, listener: (...args: unknown[]) => void) => client.on(event, listener),
        }) as unknown as Redis;
      const eventTarget = createRedisEventTarget({ publishClient: safe(publish), subscribeClient: safe(subscribe) });
      this.source = eventTarget;
      this.pubSub = createPubSub<Channels>({ eventTarget });
    } else {
      // Every subscriber of a proposal listens on its topic: lift Node's default of 10
      // listeners per event type, which would warn of a leak at the 11th open tab.
      const eventTarget = new EventTarget();
      setMaxListeners(MAX_SUBSCRIBERS_PER_TOPIC, eventTarget);
      this.source = eventTarget;
      this.pubSub = createPubSub<Channels>({ eventTarget });
    }
  }

  private connectRedis(url: string, role: string): Redis {
    const client = new Redis(url, { maxRetriesPerRequest: 3, lazyConnect: false });
    client.on('error', (error: unknown) => this.log.warn({ err: error, role }, 'Redis connection problem'));
    this.redis.push(client);
    return client;
  }

  /**
   * For readiness: resolves when every Redis connection answers PING (at once when
   * events stay in process); a connection that is not up fails without waiting.
   */
  async ping(): Promise<void> {
    await Promise.all(
      this.redis.map(async (client) => {
        if (client.status !== 'ready') throw new Error(`Redis connection is ${client.status}`);
        await client.ping();
      }),
    );
  }

  /**
   * Publishes an event; call only after the transaction that caused it committed, with its
   * webhook deliveries enqueued in that transaction (see webhooks/webhook-outbox.ts).
   */
  publish(event: Pick<ProposalEventPayload, 'kind' | 'proposalId'> & Partial<ProposalEventPayload>): void {
    const payload: ProposalEventPayload = {
      versionId: null,
      actorId: null,
      participantId: null,
      threadId: null,
      sections: [],
      clientsOnly: false,
      at: new Date().toISOString(),
      ...event,
      proposalId: canonicalId(event.proposalId),
    };
    this.pubSub.publish('PROPOSAL_EVENTS', payload.proposalId, payload);
  }

  /**
   * Notes that sections of a draft changed. One DRAFT_CHANGED goes out once edits pause
   * for the debounce time (or after the longest wait), naming every section touched.
   * Called for every applied update, so it only records: one timer per pending event
   * checks, when it fires, whether the edits have paused.
   */
  draftChanged(requestedId: string, sections: Iterable<string>, actorId: string | null): void {
    const proposalId = canonicalId(requestedId);
    const now = Date.now();
    let pending = this.drafts.get(proposalId);
    if (!pending) {
      const timer = setTimeout(() => this.settleDraft(proposalId), this.debounceMs);
      timer.unref();
      pending = { sections: new Set(), actorId, firstAt: now, lastAt: now, timer };
      this.drafts.set(proposalId, pending);
    }
    for (const section of sections) pending.sections.add(section);
    // Several editors within one window: the event names no single actor.
    if (pending.actorId !== actorId) pending.actorId = null;
    pending.lastAt = now;
  }

  /** Sends the pending event if edits paused or waited long enough; otherwise waits on. */
  private settleDraft(proposalId: string): void {
    const pending = this.drafts.get(proposalId);
    if (!pending) return;
    const now = Date.now();
    const due = Math.min(pending.lastAt + this.debounceMs, pending.firstAt + this.maxWaitMs);
    if (now < due) {
      pending.timer = setTimeout(() => this.settleDraft(proposalId), due - now);
      pending.timer.unref();
      return;
    }
    this.flushDraft(proposalId);
  }

  private flushDraft(proposalId: string): void {
    const pending = this.drafts.get(proposalId);
    if (!pending) return;
    this.drafts.delete(proposalId);
    if (pending.sections.size === 0) return;
    const event: DraftChangedEvent = {
      kind: 'DRAFT_CHANGED',
      proposalId,
      actorId: pending.actorId,
      sections: [...pending.sections].sort(),
    };
    if (!this.beforeDraftPublished) {
      this.publish(event);
      return;
    }
    const settled = this.beforeDraftPublished(event)
      .catch((error: unknown) => this.log.error({ err: error, proposalId }, 'settled draft change not made durable'))
      .then(() => this.publish(event))
      .finally(() => this.settling.delete(settled));
    this.settling.add(settled);
  }

  /** Subscribers on this instance. */
  get subscriberCount(): number {
    return this.active.size;
  }

  /**
   * The events of one proposal, until the consumer stops or the owner loses access. It
   * listens on the PubSub's event target from this call on, and hands each subscriber the
   * payload object every other subscriber of this instance gets (resolvers share what they
   * read per event through it). Events the consumer has not taken yet wait in order; an
   * ended subscription drops them.
   */
  subscribe(requestedId: string, owner: SubscriptionOwner): AsyncIterableIterator<ProposalEventPayload> {
    const proposalId = canonicalId(requestedId);
    return this.listen<ProposalEventPayload>(
      topicOf(proposalId),
      { ...owner, proposalId },
      (payload, entry) => !payload.clientsOnly || entry.role === 'CLIENT',
    );
  }

  /**
   * Publishes notifications to their recipients; call only after the transaction that
   * wrote them committed.
   */
  notified(notices: Iterable<NotificationPayload | { id: string; userId: string }>): void {
    for (const notice of notices) {
      const notificationId = 'notificationId' in notice ? notice.notificationId : notice.id;
      const userId = canonicalId(notice.userId);
      this.pubSub.publish('MY_NOTIFICATIONS', userId, { notificationId, userId });
    }
  }

  /** A person's new notifications, until the consumer stops or the session ends. */
  subscribeNotifications(owner: Omit<SubscriptionOwner, 'role'>): AsyncIterableIterator<NotificationPayload> {
    const userId = canonicalId(owner.userId);
    return this.listen<NotificationPayload>(
      userTopicOf(userId),
      { ...owner, userId, role: 'VIEWER', proposalId: null },
      (payload) => payload.userId === userId,
    );
  }

  private listen<P>(
    topic: string,
    owner: SubscriptionOwner & { proposalId: string | null },
    accepts: (payload: P, entry: ActiveSubscription) => boolean,
  ): AsyncIterableIterator<P> {
    const { proposalId } = owner;
    const pending: P[] = [];
    /** Consumers waiting for the next event (graphql-js asks for one at a time). */
    const waiting: ((result: IteratorResult<P>) => void)[] = [];
    let ended = false;
    /** `deliverPending`: events already queued still reach the consumer (e.g. its own removal). */
    const end = (deliverPending = false) => {
      if (ended) return;
      ended = true;
      this.source.removeEventListener(topic, listener);
      this.active.delete(entry);
      if (!deliverPending) pending.length = 0;
      for (const resolve of waiting.splice(0)) resolve({ value: undefined, done: true });
    };
    const listener = (event: Event) => {
      const payload = (event as CustomEvent<P>).detail;
      if (ended || !accepts(payload, entry)) return;
      const resolve = waiting.shift();
      if (resolve) {
        resolve({ value: payload, done: false });
      } else if (pending.length < MAX_PENDING_EVENTS) {
        pending.push(payload);
      } else {
        this.log.warn({ proposalId, userId: owner.userId }, 'subscriber fell too far behind; subscription ended');
        end();
      }
    };
    const entry: ActiveSubscription = { ...owner, proposalId, stop: end };
    this.active.add(entry);
    this.source.addEventListener(topic, listener);
    const done = (): Promise<IteratorResult<P>> => Promise.resolve({ value: undefined, done: true });
    const iterator: AsyncIterableIterator<P> = {
      next: () => {
        if (pending.length > 0) return Promise.resolve({ value: pending.shift()!, done: false });
        if (ended) return done();
        return new Promise((resolve) => waiting.push(resolve));
      },
      return: () => {
        end();
        pending.length = 0;
        return done();
      },
      throw: (error: unknown) => {
        end();
        return Promise.reject(error);
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  /**
   * Ends the subscriptions of a person removed from a proposal. Events already queued for
   * them (the PARTICIPANT_REMOVED published just before, on this instance) are still delivered.
   */
  participantRemoved(requestedId: string, userId: string): void {
    const proposalId = canonicalId(requestedId);
    for (const entry of [...this.active])
      if (entry.proposalId === proposalId && entry.userId === userId) entry.stop(true);
  }

  /** Ends every subscription to a deleted proposal. */
  proposalDeleted(requestedId: string): void {
    const proposalId = canonicalId(requestedId);
    for (const entry of [...this.active]) if (entry.proposalId === proposalId) entry.stop();
  }

  /** Records a participant's new role on their subscriptions (what they may hear). */
  roleChanged(requestedId: string, userId: string, role: ParticipantRole): void {
    const proposalId = canonicalId(requestedId);
    for (const entry of this.active) if (entry.proposalId === proposalId && entry.userId === userId) entry.role = role;
  }

  /** Ends every subscription opened with a session that was signed out. */
  sessionEnded(sessionId: string): void {
    for (const entry of [...this.active]) if (entry.sessionId === sessionId) entry.stop();
  }

  /** Sends pending draft events, ends subscriptions and disconnects from Redis. */
  async close(): Promise<void> {
    for (const proposalId of [...this.drafts.keys()]) {
      clearTimeout(this.drafts.get(proposalId)!.timer);
      this.flushDraft(proposalId);
    }
    await Promise.all(this.settling);
    for (const entry of [...this.active]) entry.stop();
    await Promise.all(this.redis.map((client) => client.quit().catch(() => client.disconnect())));
  }
}
