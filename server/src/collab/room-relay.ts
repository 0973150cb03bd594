import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { Logger } from '../logger.js';
import type { UpdateOrigin } from './origins.js';
import { type DocumentRelay, type RelayMessage, UnconfirmedUpdates } from './relay.js';
import { decodesCompletely, plausibleUpdate } from './update-guard.js';

/** What the relay half of a room needs of the room. */
export interface RelayedRoom {
  readonly name: string;
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  /** Sequence of the latest committed store of this document here. */
  readonly durableSeq: number;
  /** The presence ids this instance's sockets publish and that have a state. */
  localPresenceIds(): number[];
  /** Hands an update to the store; returns its store sequence. */
  persist(update: Uint8Array): number;
  /** Unconfirmed updates were confirmed or stored: the room may have nothing pending now. */
  settled(): void;
}

/**
 * A live document's link to the other instances that have it loaded (see `RelayMessage`
 * for the conversation): who they are, what was heard while loading, which of their
 * updates they have not confirmed stored yet, and which of ours we have acknowledged.
 */
export class RoomRelay {
  /** Updates relayed from other instances that they have not confirmed as stored yet. */
  private readonly unconfirmed = new UnconfirmedUpdates();
  /** Relay messages heard while loading, handled once the stored state is in. */
  private inbox: RelayMessage[] | null = [];
  /** Highest store sequence published as an update, and the highest acknowledged. */
  private publishedSeq = 0;
  private ackedSeq = 0;
  private ackScheduled = false;
  /** Other instances known to have this document loaded: while there are none, nothing is published but `hello`. */
  private readonly peers = new Set<string>();
  private readonly listener = (message: RelayMessage) => this.receive(message);

  constructor(
    private readonly relay: DocumentRelay,
    private readonly room: RelayedRoom,
    private readonly log: Logger,
  ) {}

  /** Starts hearing the other instances (before loading, so nothing published meanwhile is missed). */
  join(): Promise<void> {
    return this.relay.join(this.room.name, this.listener);
  }

  /** The stored state is in: handles what was heard meanwhile, then asks the others for what storage lacked. */
  loaded(): void {
    const heard = this.inbox ?? [];
    this.inbox = null;
    for (const message of heard) this.receive(message);
    this.hello();
  }

  /** Updates relayed from other instances not yet confirmed as stored. */
  get unconfirmedCount(): number {
    return this.unconfirmed.size;
  }

  /** Tells the other instances our state: each answers with what we lack and asks for what it lacks. */
  hello(): void {
    this.publish({ kind: 'hello', from: this.relay.instanceId, stateVector: Y.encodeStateVector(this.room.doc) });
  }

  /** Relays an update of one of our sockets, handed to the store as `seq`. */
  publishUpdate(seq: number, update: Uint8Array): void {
    if (this.peers.size === 0) return;
    this.publish({ kind: 'update', from: this.relay.instanceId, seq, data: update });
    this.publishedSeq = seq;
  }

  /** Relays a presence update of our sockets. */
  publishAwareness(update: Uint8Array): void {
    if (this.peers.size > 0) this.publish({ kind: 'awareness', from: this.relay.instanceId, data: update });
  }

  /** Tells the other instances, once per tick at most, which published updates are stored. */
  durable(): void {
    if (this.ackScheduled || this.publishedSeq <= this.ackedSeq) return;
    this.ackScheduled = true;
    setImmediate(() => {
      this.ackScheduled = false;
      const seq = this.room.durableSeq;
      if (seq <= this.ackedSeq) return;
      this.ackedSeq = seq;
      this.publish({ kind: 'ack', from: this.relay.instanceId, seq });
    });
  }

  /**
   * Stores the relayed updates whose senders have not confirmed them within `timeoutMs`
   * (all of them when omitted): a sender that died before committing loses nothing.
   */
  storeUnconfirmed(timeoutMs?: number): void {
    const overdue = this.unconfirmed.takeOverdue(timeoutMs === undefined ? Infinity : performance.now() - timeoutMs);
    for (const update of overdue) this.room.persist(update);
    if (overdue.length > 0)
      this.log.info(
        { document: this.room.name, updates: overdue.length },
        'stored relayed updates their sender did not confirm',
      );
    this.room.settled();
  }

  /**
   * Forgets the other instances, so that nothing more is published (destroying the
   * awareness emits one last update, which must not follow the `bye`). Returns whether
   * there were any.
   */
  forgetPeers(): boolean {
    const hadPeers = this.peers.size > 0;
    this.peers.clear();
    return hadPeers;
  }

  /** Stops hearing the document, saying `bye` when another instance has it loaded. */
  leave(hadPeers: boolean): void {
    if (hadPeers) this.publish({ kind: 'bye', from: this.relay.instanceId });
    this.relay.leave(this.room.name, this.listener);
  }

  private publish(message: RelayMessage): void {
    this.relay.publish(this.room.name, message);
  }

  private receive(message: RelayMessage): void {
    if (this.inbox) {
      this.inbox.push(message);
      return;
    }
    const { doc, awareness } = this.room;
    if (message.kind === 'bye') {
      this.peers.delete(message.from);
      return;
    }
    // A newcomer (or one back after a reconnect) learns who is here.
    const newcomer = !this.peers.has(message.from);
    this.peers.add(message.from);
    if (newcomer || message.kind === 'hello') this.publishPresence();
    try {
      switch (message.kind) {
        case 'update':
          checkUpdate(message.data);
          Y.applyUpdate(doc, message.data, relayOrigin('relay', message.from));
          // Kept until its sender confirms it stored it: should the sender die first,
          // this instance stores it.
          this.unconfirmed.add(message.from, message.seq, message.data, performance.now());
          return;
        case 'ack':
          this.unconfirmed.confirm(message.from, message.seq);
          this.room.settled();
          return;
        case 'hello':
        case 'state':
          this.publish({
            kind: 'diff',
            from: this.relay.instanceId,
            data: Y.encodeStateAsUpdate(doc, message.stateVector),
          });
          if (message.kind === 'hello')
            this.publish({ kind: 'state', from: this.relay.instanceId, stateVector: Y.encodeStateVector(doc) });
          return;
        case 'diff':
          checkUpdate(message.data);
          Y.applyUpdate(doc, message.data, relayOrigin('resync', message.from));
          return;
        case 'awareness':
          awarenessProtocol.applyAwarenessUpdate(awareness, message.data, relayOrigin('relay', message.from));
          return;
      }
    } catch (error) {
      this.log.warn(
        { err: error, document: this.room.name, kind: message.kind, from: message.from },
        'relayed message could not be applied',
      );
    }
  }

  /** Sends the presence of this instance's sockets to the other instances. */
  private publishPresence(): void {
    const ours = this.room.localPresenceIds();
    if (ours.length > 0)
      this.publish({
        kind: 'awareness',
        from: this.relay.instanceId,
        data: awarenessProtocol.encodeAwarenessUpdate(this.room.awareness, ours),
      });
  }
}

const relayOrigin = (kind: 'relay' | 'resync', instance: string): UpdateOrigin => ({ kind, instance });

/** Content from another instance is checked like a socket's before it is applied (and maybe stored). */
function checkUpdate(update: Uint8Array): void {
  if (!plausibleUpdate(update) || !decodesCompletely(update)) throw new Error('malformed update');
}
