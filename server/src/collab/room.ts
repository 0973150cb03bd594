import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as encoding from 'lib0/encoding';
import { COLLAB_LIMITS, CollabMessage } from '@brieflock/schema';
import type { Logger } from '../logger.js';
import type { CollabHooks } from './hooks.js';
import { Connection } from './connection.js';

/** Origin of the updates a room applies while loading from storage (never stored again). */
export const LOAD_ORIGIN = Symbol('collab-load');

const MESSAGE_SYNC_UPDATE = 2;

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

  constructor(
    readonly name: string,
    private readonly hooks: CollabHooks,
    private readonly log: Logger,
  ) {
    this.awareness.setLocalState(null);
    this.doc.on('update', (update: Uint8Array, origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) => this.onUpdate(update, origin, transaction));
    this.awareness.on('update', ({ added, updated, removed }: AwarenessChange, origin: unknown) => {
      const changed = [...added, ...updated, ...removed];
      if (origin instanceof Connection) {
        for (const id of added) origin.controlledIds.add(id);
        for (const id of removed) origin.controlledIds.delete(id);
      }
      const message = encoding.createEncoder();
      encoding.writeVarUint(message, CollabMessage.AWARENESS);
      encoding.writeVarUint8Array(message, awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
      this.broadcast(encoding.toUint8Array(message));
    });
  }

  /** Applies the stored state; the sockets waiting on this room are served afterwards. */
  async load(): Promise<void> {
    await this.hooks.load(this.name, this.doc, LOAD_ORIGIN);
    this.durableStateVector = Y.encodeStateVector(this.doc);
    this.approxBytes = Y.encodeStateAsUpdate(this.doc).length;
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
    this.persist(update);
    try {
      this.hooks.changed?.(this.name, { doc: this.doc, transaction, peer: origin instanceof Connection ? origin.peer : null });
    } catch (error) {
      this.log.error({ err: error, document: this.name }, 'collaboration change hook failed');
    }
  }

  private persist(update: Uint8Array): void {
    const seq = ++this.storeSeq;
    // Everything applied so far is in this store or an earlier one: when it commits,
    // this state vector is durable.
    const stateVector = Y.encodeStateVector(this.doc);
    this.pendingStores++;
    this.hooks.store(this.name, update).then(
      () => {
        if (seq > this.durableSeq) {
          this.durableSeq = seq;
          this.durableStateVector = stateVector;
          this.scheduleSaved();
        }
      },
      (error: unknown) => this.log.error({ err: error, document: this.name }, 'an update could not be stored'),
    ).finally(() => {
      this.pendingStores--;
      if (this.pendingStores === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
    });
  }

  private scheduleSaved(): void {
    if (this.savedScheduled) return;
    this.savedScheduled = true;
    setImmediate(() => {
      this.savedScheduled = false;
      for (const connection of this.connections) if (connection.wantsSaved) connection.send(this.savedMessage(connection));
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

  /** Resolves when every update handed to the store has settled. */
  flushed(): Promise<void> {
    if (this.pendingStores === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Removes a socket and the presence it published. */
  leave(connection: Connection): void {
    if (!this.connections.delete(connection)) return;
    const ids = [...connection.controlledIds].filter((id) => this.awareness.states.has(id));
    if (ids.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, ids, null);
  }

  destroy(): void {
    this.awareness.destroy();
    this.doc.destroy();
  }
}

interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}
