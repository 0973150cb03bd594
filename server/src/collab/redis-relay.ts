import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { PARTICIPANT_ROLES, type ParticipantRole } from '@brieflock/schema';
import type { Logger } from '../logger.js';
import {
  decodeRelayMessage,
  encodeRelayMessage,
  type ControlMessage,
  type DocumentRelay,
  type RelayMessage,
} from './relay.js';

const DOCUMENT_CHANNEL = 'brieflock:collab:doc:';
const CONTROL_CHANNEL = 'brieflock:collab:control';
/** How long `join` waits for Redis to confirm a subscription before going on without it. */
const JOIN_WAIT_MS = 1_000;

/**
 * The relay through Redis pub/sub: one channel per live document, one for control
 * messages. Two connections: a subscriber (which may do nothing else) and a publisher.
 *
 * Neither queues commands while Redis is away: a publish then fails at once and is
 * dropped (the update is stored in PostgreSQL regardless, and relayed to this instance's
 * own sockets). When a connection is back, the subscriber subscribes to every joined
 * document again and every document says `hello`, which fills whatever was missed.
 */
export class RedisRelay implements DocumentRelay {
  readonly instanceId = randomUUID();
  readonly stats = { published: 0, received: 0, publishFailures: 0 };
  private readonly publisher: Redis;
  private readonly subscriber: Redis;
  private readonly listeners = new Map<string, (message: RelayMessage) => void>();
  private readonly controlHandlers: ((message: ControlMessage) => void)[] = [];
  private readonly resyncHandlers: (() => void)[] = [];
  /** Set while publishing fails, so an outage is logged once, not once per update. */
  private publishFailing = false;
  private closed = false;

  constructor(
    url: string,
    private readonly log: Logger,
  ) {
    const options = {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectionName: `brieflock-${this.instanceId}`,
    };
    this.publisher = new Redis(url, options);
    this.subscriber = new Redis(url, { ...options, autoResubscribe: false });
    for (const [role, client] of [
      ['publisher', this.publisher],
      ['subscriber', this.subscriber],
    ] as const) {
      client.on('error', (error: unknown) =>
        this.log.warn({ err: error, role }, 'Redis connection problem (document relay)'),
      );
      client.on('ready', () => void this.reconnected(role));
    }
    this.subscriber.on('messageBuffer', (channel: Buffer, message: Buffer) =>
      this.receive(channel.toString('utf8'), message),
    );
  }

  async join(name: string, listener: (message: RelayMessage) => void): Promise<void> {
    this.listeners.set(name, listener);
    if (this.subscriber.status !== 'ready') return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.subscriber
        .subscribe(DOCUMENT_CHANNEL + name)
        .catch((error: unknown) => this.log.warn({ err: error, document: name }, 'Redis subscribe failed')),
      new Promise((resolve) => (timer = setTimeout(resolve, JOIN_WAIT_MS))),
    ]);
    clearTimeout(timer);
  }

  leave(name: string, listener: (message: RelayMessage) => void): void {
    if (this.listeners.get(name) !== listener) return;
    this.listeners.delete(name);
    if (this.subscriber.status === 'ready') this.subscriber.unsubscribe(DOCUMENT_CHANNEL + name).catch(() => undefined);
  }

  publish(name: string, message: RelayMessage): void {
    this.send(DOCUMENT_CHANNEL + name, Buffer.from(encodeRelayMessage(message)));
  }

  publishControl(message: ControlMessage): void {
    this.send(CONTROL_CHANNEL, JSON.stringify(message));
  }

  onControl(handler: (message: ControlMessage) => void): void {
    this.controlHandlers.push(handler);
  }

  onResync(handler: () => void): void {
    this.resyncHandlers.push(handler);
  }

  async ping(): Promise<void> {
    if (this.subscriber.status !== 'ready') throw new Error(`Redis subscriber connection is ${this.subscriber.status}`);
    await this.publisher.ping();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listeners.clear();
    await Promise.all(
      [this.publisher, this.subscriber].map((client) => client.quit().catch(() => client.disconnect())),
    );
  }

  private send(channel: string, payload: Buffer | string): void {
    if (this.closed) return;
    this.publisher.publish(channel, payload).then(
      () => {
        this.stats.published++;
        if (this.publishFailing) this.log.info('publishing to Redis works again (document relay)');
        this.publishFailing = false;
      },
      (error: unknown) => {
        this.stats.publishFailures++;
        if (!this.publishFailing)
          this.log.warn({ err: error }, 'publishing to Redis failed; other instances catch up when it is back');
        this.publishFailing = true;
      },
    );
  }

  private receive(channel: string, payload: Buffer): void {
    try {
      if (channel === CONTROL_CHANNEL) {
        const message = parseControl(payload.toString('utf8'));
        if (message && message.from !== this.instanceId) for (const handler of this.controlHandlers) handler(message);
        return;
      }
      if (!channel.startsWith(DOCUMENT_CHANNEL)) return;
      const listener = this.listeners.get(channel.slice(DOCUMENT_CHANNEL.length));
      if (!listener) return;
      const message = decodeRelayMessage(new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength));
      if (message.from === this.instanceId) return;
      this.stats.received++;
      listener(message);
    } catch (error) {
      this.log.warn({ err: error, channel }, 'malformed relay message ignored');
    }
  }

  /** After a (re)connect: subscribe to everything joined, then have every document resync. */
  private async reconnected(role: 'publisher' | 'subscriber'): Promise<void> {
    if (this.closed) return;
    if (role === 'subscriber') {
      try {
        await this.subscriber.subscribe(
          CONTROL_CHANNEL,
          ...[...this.listeners.keys()].map((name) => DOCUMENT_CHANNEL + name),
        );
      } catch (error) {
        this.log.warn({ err: error }, 'Redis subscribe failed after reconnecting');
        return;
      }
    } else if (this.subscriber.status !== 'ready') return;
    if (this.publisher.status !== 'ready') return;
    this.log.info({ documents: this.listeners.size }, 'document relay connected to Redis');
    for (const handler of this.resyncHandlers) handler();
  }
}

/** A control message as sent by another instance, or null when it is not one. */
function parseControl(text: string): ControlMessage | null {
  const value = JSON.parse(text) as Partial<Record<string, unknown>>;
  if (typeof value.from !== 'string') return null;
  if (
    (value.kind === 'participant-removed' || value.kind === 'role-changed') &&
    typeof value.proposalId === 'string' &&
    typeof value.userId === 'string'
  ) {
    const { from, proposalId, userId, role } = value;
    if (value.kind === 'participant-removed') return { kind: 'participant-removed', from, proposalId, userId };
    if (typeof role === 'string' && (PARTICIPANT_ROLES as readonly string[]).includes(role))
      return { kind: 'role-changed', from, proposalId, userId, role: role as ParticipantRole };
    return null;
  }
  if (value.kind === 'proposal-deleted' && typeof value.proposalId === 'string')
    return { kind: value.kind, from: value.from, proposalId: value.proposalId };
  if (value.kind === 'session-ended' && typeof value.sessionId === 'string')
    return { kind: value.kind, from: value.from, sessionId: value.sessionId };
  return null;
}
