import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as encoding from 'lib0/encoding';
import { COLLAB_LIMITS, CollabMessage } from '@brieflock/schema';
import type { Logger } from '../logger.js';
import type { CollabHooks } from './hooks.js';
import { Connection } from './connection.js';
import { decodesCompletely, plausibleUpdate } from './update-guard.js';
import { UnconfirmedUpdates, type DocumentRelay, type RelayMessage } from './relay.js';

/** Origin of the updates a room applies while loading from storage (never stored again). */
export const LOAD_ORIGIN = Symbol('collab-load');
/** Origin of updates relayed from another instance, which stores them. */
export const REMOTE_ORIGIN = Symbol('collab-remote');
/** Origin of content that filled a gap after a (re)join: stored here if it is new here. */
export const RESYNC_ORIGIN = Symbol('collab-resync');

export interface RoomOptions {
  /** Other instances with the same document; null when this is the only instance. */
  relay: DocumentRelay | null;
}

const MESSAGE_SYNC_UPDATE = 2;

/**
 * Store sequence numbers, increasing across every room of the process: a document
 * unloaded and loaded again never reuses one, so other instances waiting for an `ack`
 * can tell its stores apart.
 */
let lastStoreSeq = 0;

/**
 * One live document: its Y.Doc, its awareness, the sockets on it and what of it is
 * durable. Updates are applied, relayed to every other socket at once, and handed to
 * the store; a room unloads only when its last socket has left and every store settled.
 */
export class Room {
  readonly doc = new Y.Doc({ gc: true });
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly connections = new Set<Connection>();
  /** Encoded state vector of what is durable; sent to clients that asked for `saved`. */
  durableStateVector: Uint8Array = Y.encodeStateVector(this.doc);
  /** Approximate encoded size, refreshed from a real encoding when it nears the limit. */
  approxBytes = 0;
  private pendingStores = 0;
  private storeSeq = 0;
  private durableSeq = 0;
  private savedScheduled = false;
  private idleWaiters: (() => void)[] = [];
  private readonly relay: DocumentRelay | null;
  /** Updates relayed from other instances that they have not confirmed as stored yet. */
  private readonly unconfirmed = new UnconfirmedUpdates();
  /** Relay messages heard while loading, handled once the stored state is in. */
  private inbox: RelayMessage[] | null = [];
  /** Highest store sequence published as an update, and the highest acknowledged. */
  private publishedSeq = 0;
  private ackedSeq = 0;
  private ackScheduled = false;
  private readonly onRelayMessage = (message: RelayMessage) => this.receiveRelayed(message);
  /** Other instances known to have this document loaded: while there are none, nothing is published but `hello`. */
  private readonly peers = new Set<string>();

  constructor(
    readonly name: string,
    private readonly hooks: CollabHooks,
    private readonly log: Logger,
    options: RoomOptions = { relay: null },
  ) {
    this.relay = options.relay;
    this.awareness.setLocalState(null);
    this.doc.on('update', (update: Uint8Array, origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) =>
      this.onUpdate(update, origin, transaction),
    );
    this.awareness.on('update', ({ added, updated, removed }: AwarenessChange, origin: unknown) => {
      const changed = [...added, ...updated, ...removed];
      if (origin instanceof Connection) {
        for (const id of added) origin.controlledIds.add(id);
        for (const id of removed) origin.controlledIds.delete(id);
      }
      const message = encoding.createEncoder();
      encoding.writeVarUint(message, CollabMessage.AWARENESS);
      const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed);
      encoding.writeVarUint8Array(message, update);
      this.broadcast(encoding.toUint8Array(message));
      if (this.relay && this.peers.size > 0 && origin !== REMOTE_ORIGIN)
        this.relay.publish(this.name, { kind: 'awareness', from: this.relay.instanceId, data: update });
    });
  }

  /**
   * Joins the relay (so nothing published meanwhile is missed), applies the stored state,
   * then what was heard while loading, and asks the other instances for what storage did
   * not have yet. The sockets waiting on this room are served afterwards.
   */
  async load(): Promise<void> {
    await this.relay?.join(this.name, this.onRelayMessage);
    await this.hooks.load(this.name, this.doc, LOAD_ORIGIN);
    this.durableStateVector = Y.encodeStateVector(this.doc);
    this.approxBytes = Y.encodeStateAsUpdate(this.doc).length;
    const heard = this.inbox ?? [];
    this.inbox = null;
    for (const message of heard) this.receiveRelayed(message);
    this.hello();
  }

  /** Updates relayed from other instances not yet confirmed as stored. */
  get unconfirmedCount(): number {
    return this.unconfirmed.size;
  }

  /** Tells the other instances our state: each answers with what we lack and asks for what it lacks. */
  hello(): void {
    if (this.relay)
      this.relay.publish(this.name, {
        kind: 'hello',
        from: this.relay.instanceId,
        stateVector: Y.encodeStateVector(this.doc),
      });
  }

  private receiveRelayed(message: RelayMessage): void {
    if (this.inbox) {
      this.inbox.push(message);
      return;
    }
    const relay = this.relay!;
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
          Y.applyUpdate(this.doc, message.data, REMOTE_ORIGIN);
          // Kept until its sender confirms it stored it: should the sender die first,
          // this instance stores it.
          this.unconfirmed.add(message.from, message.seq, message.data, performance.now());
          return;
        case 'ack':
          this.unconfirmed.confirm(message.from, message.seq);
          this.checkIdle();
          return;
        case 'hello':
        case 'state':
          relay.publish(this.name, {
            kind: 'diff',
            from: relay.instanceId,
            data: Y.encodeStateAsUpdate(this.doc, message.stateVector),
          });
          if (message.kind === 'hello')
            relay.publish(this.name, {
              kind: 'state',
              from: relay.instanceId,
              stateVector: Y.encodeStateVector(this.doc),
            });
          return;
        case 'diff':
          checkUpdate(message.data);
          Y.applyUpdate(this.doc, message.data, RESYNC_ORIGIN);
          return;
        case 'awareness':
          awarenessProtocol.applyAwarenessUpdate(this.awareness, message.data, REMOTE_ORIGIN);
          return;
      }
    } catch (error) {
      this.log.warn(
        { err: error, document: this.name, kind: message.kind, from: message.from },
        'relayed message could not be applied',
      );
    }
  }

  /** Sends the presence of this instance's sockets to the other instances. */
  private publishPresence(): void {
    const ours = [...this.connections]
      .flatMap((connection) => [...connection.controlledIds])
      .filter((id) => this.awareness.states.has(id));
    if (ours.length > 0)
      this.relay!.publish(this.name, {
        kind: 'awareness',
        from: this.relay!.instanceId,
        data: awarenessProtocol.encodeAwarenessUpdate(this.awareness, ours),
      });
  }

  /**
   * Stores the relayed updates whose senders have not confirmed them within `timeoutMs`
   * (all of them when omitted): a sender that died before committing loses nothing.
   */
  storeUnconfirmed(timeoutMs?: number): void {
    const overdue = this.unconfirmed.takeOverdue(timeoutMs === undefined ? Infinity : performance.now() - timeoutMs);
    for (const update of overdue) this.persist(update);
    if (overdue.length > 0)
      this.log.info(
        { document: this.name, updates: overdue.length },
        'stored relayed updates their sender did not confirm',
      );
    this.checkIdle();
  }

  /** True when applying `incomingBytes` more would keep the document within its limit. */
  fits(incomingBytes: number): boolean {
    if (this.approxBytes + incomingBytes <= COLLAB_LIMITS.maxDocumentBytes) return true;
    this.approxBytes = Y.encodeStateAsUpdate(this.doc).length;
    return this.approxBytes + incomingBytes <= COLLAB_LIMITS.maxDocumentBytes;
  }

  private onUpdate(update: Uint8Array, origin: unknown, transaction: Y.Transaction): void {
    if (origin === LOAD_ORIGIN) return;
    this.approxBytes += update.length;
    if (this.connections.size > (origin instanceof Connection && this.connections.has(origin) ? 1 : 0)) {
      const message = encoding.createEncoder();
      encoding.writeVarUint(message, CollabMessage.SYNC);
      encoding.writeVarUint(message, MESSAGE_SYNC_UPDATE);
      encoding.writeVarUint8Array(message, update);
      const bytes = encoding.toUint8Array(message);
      for (const connection of this.connections) if (connection !== origin) connection.send(bytes);
    }
    // Another instance stores what it relays; content from a resync is stored here too.
    if (origin === REMOTE_ORIGIN) return;
    const seq = this.persist(update);
    if (origin === RESYNC_ORIGIN) return;
    if (this.relay && this.peers.size > 0) {
      this.relay.publish(this.name, { kind: 'update', from: this.relay.instanceId, seq, data: update });
      this.publishedSeq = seq;
    }
    try {
      this.hooks.changed?.(this.name, {
        doc: this.doc,
        transaction,
        peer: origin instanceof Connection ? origin.peer : null,
      });
    } catch (error) {
      this.log.error({ err: error, document: this.name }, 'collaboration change hook failed');
    }
  }

  private persist(update: Uint8Array): number {
    const seq = (this.storeSeq = ++lastStoreSeq);
    // Everything applied so far is in this store or an earlier one: when it commits,
    // this state vector is durable.
    const stateVector = Y.encodeStateVector(this.doc);
    this.pendingStores++;
    this.hooks
      .store(this.name, update)
      .then(
        () => {
          if (seq > this.durableSeq) {
            this.durableSeq = seq;
            this.durableStateVector = stateVector;
            this.scheduleSaved();
            this.scheduleAck();
          }
        },
        (error: unknown) => this.log.error({ err: error, document: this.name }, 'an update could not be stored'),
      )
      .finally(() => {
        this.pendingStores--;
        this.checkIdle();
      });
    return seq;
  }

  /** Tells the other instances, once per tick at most, which published updates are stored. */
  private scheduleAck(): void {
    if (!this.relay || this.ackScheduled || this.publishedSeq <= this.ackedSeq) return;
    this.ackScheduled = true;
    setImmediate(() => {
      this.ackScheduled = false;
      if (!this.relay || this.durableSeq <= this.ackedSeq) return;
      this.ackedSeq = this.durableSeq;
      this.relay.publish(this.name, { kind: 'ack', from: this.relay.instanceId, seq: this.durableSeq });
    });
  }

  private checkIdle(): void {
    if (this.pendingStores === 0 && this.unconfirmed.size === 0)
      for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private scheduleSaved(): void {
    if (this.savedScheduled) return;
    this.savedScheduled = true;
    setImmediate(() => {
      this.savedScheduled = false;
      for (const connection of this.connections)
        if (connection.wantsSaved) connection.send(this.savedMessage(connection));
    });
  }

  /**
   * Records that `connection` has handed over `frames` document frames, all applied now:
   * they are durable once every store issued so far is.
   */
  noteFramesApplied(connection: Connection, frames: number): void {
    connection.pendingAcks.push([this.storeSeq, frames]);
    if (this.storeSeq <= this.durableSeq) this.scheduleSaved();
  }

  /** The SAVED message for `connection`: the durable state vector and its durable frame count. */
  savedMessage(connection: Connection): Uint8Array {
    const acks = connection.pendingAcks;
    let covered = 0;
    while (covered < acks.length && acks[covered]![0] <= this.durableSeq) covered++;
    if (covered > 0) {
      connection.durableFrames = acks[covered - 1]![1];
      acks.splice(0, covered);
    }
    const message = encoding.createEncoder();
    encoding.writeVarUint(message, CollabMessage.SAVED);
    encoding.writeVarUint8Array(message, this.durableStateVector);
    encoding.writeVarUint(message, connection.durableFrames);
    return encoding.toUint8Array(message);
  }

  broadcast(message: Uint8Array): void {
    for (const connection of this.connections) connection.send(message);
  }

  /**
   * Resolves when every update handed to the store has settled and every update relayed
   * from another instance is confirmed stored (or stored here).
   */
  flushed(): Promise<void> {
    if (this.pendingStores === 0 && this.unconfirmed.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Removes a socket and the presence it published. */
  leave(connection: Connection): void {
    if (!this.connections.delete(connection)) return;
    const ids = [...connection.controlledIds].filter((id) => this.awareness.states.has(id));
    if (ids.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, ids, null);
  }

  destroy(): void {
    // Forget the other instances first: destroying the awareness emits one last update,
    // which must not follow the `bye`.
    const hadPeers = this.peers.size > 0;
    this.peers.clear();
    this.awareness.destroy();
    this.doc.destroy();
    if (!this.relay) return;
    if (hadPeers) this.relay.publish(this.name, { kind: 'bye', from: this.relay.instanceId });
    this.relay.leave(this.name, this.onRelayMessage);
  }
}

/** Content from another instance is checked like a socket's before it is applied (and maybe stored). */
function checkUpdate(update: Uint8Array): void {
  if (!plausibleUpdate(update) || !decodesCompletely(update)) throw new Error('malformed update');
}

interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}
