import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { COLLAB_LIMITS } from '@brieflock/schema';
import type { Logger } from '../logger.js';
import type { CollabHooks } from './hooks.js';
import { awarenessMessage, updateMessage } from './messages.js';
import { asUpdateOrigin, LOAD_ORIGIN, memberOf } from './origins.js';
import type { DocumentRelay } from './relay.js';
import type { ClientIdLimits, MemberRoom, RoomMember } from './room-member.js';
import { DocumentPresenceOwners } from './presence-owners.js';
import { type RelayedRoom, RoomRelay } from './room-relay.js';
import { SavedState } from './saved-state.js';

/** True when a transaction added or deleted content (what Yjs emits an update for). */
const changedAnything = (transaction: Y.Transaction): boolean =>
  transaction.deleteSet.clients.size > 0 ||
  [...transaction.afterState].some(([client, clock]) => transaction.beforeState.get(client) !== clock);

export interface RoomOptions {
  /** Other instances with the same document; null when this is the only instance. */
  relay: DocumentRelay | null;
  /** Default: COLLAB_LIMITS. */
  clientIdLimits?: ClientIdLimits;
  /** Owners of the document's presence ids, kept beyond the room; default: the room's own. */
  presenceOwners?: DocumentPresenceOwners;
}

interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}

/**
 * One live document: its Y.Doc, its awareness, the sockets on it and what of it is
 * durable. Updates are applied, relayed to every other socket at once, and handed to
 * the store; a room unloads only when its last socket has left and every store settled.
 */
export class Room implements MemberRoom, RelayedRoom {
  readonly doc = new Y.Doc({ gc: true });
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly members = new Set<RoomMember>();
  /** Approximate encoded size, refreshed from a real encoding when it nears the limit. */
  approxBytes = 0;
  private readonly saved = new SavedState(() => this.members, Y.encodeStateVector(this.doc));
  /** The stored update the document holds exactly (see `loadedState`); null once anything changed it. */
  private unchangedState: Uint8Array | null = null;
  private pendingStores = 0;
  private idleWaiters: (() => void)[] = [];
  /** The other instances with this document; null when there is no relay. */
  private readonly relayed: RoomRelay | null;
  /** Presence ids changed since the last broadcast; those changed here go to the relay too. */
  private readonly presenceToSend = new Set<number>();
  private readonly presenceToPublish = new Set<number>();
  private presenceTimer: NodeJS.Timeout | undefined;
  private lastPresenceAt = Number.NEGATIVE_INFINITY;
  /** Updates applied in this turn of the event loop, not yet relayed to the sockets (see `relay`). */
  private toRelay: { update: Uint8Array; sender: RoomMember | null }[] = [];

  readonly clientIdLimits: ClientIdLimits;
  readonly presenceOwners: DocumentPresenceOwners;

  constructor(
    readonly name: string,
    private readonly hooks: CollabHooks,
    private readonly log: Logger,
    options: RoomOptions = { relay: null },
  ) {
    this.clientIdLimits = options.clientIdLimits ?? {
      maxNewPerUpdate: COLLAB_LIMITS.maxNewClientIdsPerUpdate,
      maxPerDocument: COLLAB_LIMITS.maxClientIdsPerDocument,
    };
    this.presenceOwners = options.presenceOwners ?? new DocumentPresenceOwners(new Map());
    this.relayed = options.relay ? new RoomRelay(options.relay, this, log) : null;
    this.awareness.setLocalState(null);
    this.awareness.on('update', ({ added, updated, removed }: AwarenessChange, origin: unknown) => {
      const member = memberOf(origin);
      if (member) {
        for (const id of added) member.controlledIds.add(id);
        for (const id of removed) member.controlledIds.delete(id);
        // SAVED names the ids a socket presents: it learns of its own at once.
        if (added.length > 0 && member.wantsSaved && this.members.has(member)) member.send(this.saved.message(member));
      }
      const local = asUpdateOrigin(origin)?.kind !== 'relay';
      for (const ids of [added, updated, removed])
        for (const id of ids) {
          this.presenceToSend.add(id);
          if (local) this.presenceToPublish.add(id);
        }
      this.schedulePresence();
    });
  }

  /**
   * Presence goes out at most once per `presenceIntervalMs`: the first change after a
   * quiet moment at once, the ones arriving meanwhile merged into one message at the end
   * of the interval. Every socket publishing its caret at the allowed rate would otherwise
   * cost sockets × rate × sockets sends.
   */
  private schedulePresence(): void {
    if (this.presenceTimer) return;
    const wait = this.lastPresenceAt + COLLAB_LIMITS.presenceIntervalMs - performance.now();
    if (wait <= 0) {
      this.flushPresence();
      return;
    }
    this.presenceTimer = setTimeout(() => {
      this.presenceTimer = undefined;
      this.flushPresence();
    }, wait);
  }

  private flushPresence(): void {
    this.lastPresenceAt = performance.now();
    if (this.presenceToSend.size > 0) {
      const ids = [...this.presenceToSend];
      this.presenceToSend.clear();
      const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids);
      this.broadcast(awarenessMessage(update));
      if (this.presenceToPublish.size > 0) {
        const published = ids.length === this.presenceToPublish.size ? update : null;
        this.relayed?.publishAwareness(
          published ?? awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.presenceToPublish]),
        );
      }
    }
    this.presenceToPublish.clear();
  }

  /**
   * Joins the relay (so nothing published meanwhile is missed), applies the stored state,
   * then what was heard while loading, and asks the other instances for what storage did
   * not have yet. The sockets waiting on this room are served afterwards.
   */
  async load(): Promise<void> {
    await this.relayed?.join();
    // The document's updates are listened to once it is loaded: Yjs encodes every
    // transaction for its `update` listeners, and the load's own (the whole stored state)
    // would be encoded only to be ignored. Nothing else reaches the document before the
    // room is served; should anything, it is stored whole once the load is done.
    let foreign = false;
    const watchLoad = (transaction: Y.Transaction) => {
      if (transaction.origin !== LOAD_ORIGIN && changedAnything(transaction)) foreign = true;
    };
    this.doc.on('afterTransaction', watchLoad);
    let loaded: Awaited<ReturnType<CollabHooks['load']>>;
    try {
      loaded = await this.hooks.load(this.name, this.doc, LOAD_ORIGIN);
    } finally {
      this.doc.off('afterTransaction', watchLoad);
    }
    this.doc.on('update', (update: Uint8Array, origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) =>
      this.onUpdate(update, origin, transaction),
    );
    if (foreign) {
      this.log.error({ document: this.name }, 'the document changed while it was loading; storing it whole');
      this.persist(Y.encodeStateAsUpdate(this.doc));
    }
    this.saved.loaded(Y.encodeStateVector(this.doc));
    // What storage answered is the document itself unless something else changed it meanwhile.
    if (loaded?.state && !foreign) this.unchangedState = loaded.state;
    this.approxBytes = this.unchangedState?.length ?? Y.encodeStateAsUpdate(this.doc).length;
    this.relayed?.loaded();
  }

  loadedState(): Uint8Array | null {
    // Content waiting for what it depends on is in an encoding of the document, not in the stored bytes.
    const { pendingStructs, pendingDs } = this.doc.store;
    return pendingStructs || pendingDs ? null : this.unchangedState;
  }

  /** Updates relayed from other instances not yet confirmed as stored. */
  get unconfirmedCount(): number {
    return this.relayed?.unconfirmedCount ?? 0;
  }

  get durableSeq(): number {
    return this.saved.durableSeq;
  }

  /** Tells the other instances our state, e.g. after a Redis outage, so each side catches up. */
  hello(): void {
    this.relayed?.hello();
  }

  /**
   * Stores the relayed updates whose senders have not confirmed them within `timeoutMs`
   * (all of them when omitted).
   */
  storeUnconfirmed(timeoutMs?: number): void {
    if (this.relayed) this.relayed.storeUnconfirmed(timeoutMs);
    else this.settled();
  }

  /** True when applying `incomingBytes` more would keep the document within its limit. */
  fits(incomingBytes: number): boolean {
    if (this.approxBytes + incomingBytes <= COLLAB_LIMITS.maxDocumentBytes) return true;
    this.approxBytes = Y.encodeStateAsUpdate(this.doc).length;
    return this.approxBytes + incomingBytes <= COLLAB_LIMITS.maxDocumentBytes;
  }

  admits(incomingBytes: number): boolean {
    return this.hooks.admits?.(this.name, incomingBytes) ?? true;
  }

  /** Adds a socket that has been greeted (see `Connection.start`). */
  join(member: RoomMember): void {
    this.members.add(member);
  }

  /** Removes a socket and the presence it published. */
  leave(member: RoomMember): void {
    if (!this.members.delete(member)) return;
    const ids = [...member.controlledIds].filter((id) => this.awareness.states.has(id));
    if (ids.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, ids, null);
  }

  localPresenceIds(): number[] {
    return [...this.members]
      .flatMap((member) => [...member.controlledIds])
      .filter((id) => this.awareness.states.has(id));
  }

  private onUpdate(update: Uint8Array, rawOrigin: unknown, transaction: Y.Transaction): void {
    const origin = asUpdateOrigin(rawOrigin);
    // Whatever changed the document, the bytes it was loaded from no longer are all of it.
    this.unchangedState = null;
    if (origin?.kind === 'load') return;
    this.approxBytes += update.length;
    const sender = origin?.kind === 'socket' ? origin.member : null;
    if (this.members.size > (sender && this.members.has(sender) ? 1 : 0)) this.relay(update, sender);
    // Another instance stores what it relays; content from a resync is stored here too.
    if (origin?.kind === 'relay') return;
    const seq = this.persist(update);
    if (origin?.kind === 'resync') return;
    this.relayed?.publishUpdate(seq, update);
    try {
      this.hooks.changed?.(this.name, { doc: this.doc, transaction, peer: sender?.peer ?? null });
    } catch (error) {
      this.log.error({ err: error, document: this.name }, 'collaboration change hook failed');
    }
  }

  /** Hands `update` to the store; returns its store sequence. */
  persist(update: Uint8Array): number {
    const seq = this.saved.issue();
    // When it commits, its clients' content is durable up to the clocks it ends at.
    // (The document's whole state vector would cost as many entries as it has client ids.)
    const clocks = Y.parseUpdateMeta(update).to;
    this.pendingStores++;
    this.hooks
      .store(this.name, update)
      .then(
        () => {
          if (this.saved.committed(seq, clocks)) this.relayed?.durable();
        },
        (error: unknown) => this.log.error({ err: error, document: this.name }, 'an update could not be stored'),
      )
      .finally(() => {
        this.pendingStores--;
        this.settled();
      });
    return seq;
  }

  /** Wakes `flushed` waiters once nothing is pending. */
  settled(): void {
    if (this.pendingStores === 0 && this.unconfirmedCount === 0)
      for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  framesApplied(member: RoomMember, frames: number): void {
    this.saved.framesApplied(member, frames);
  }

  savedMessage(member: RoomMember): Uint8Array {
    return this.saved.message(member);
  }

  broadcast(message: Uint8Array): void {
    this.flushRelay();
    for (const member of this.members) member.send(message);
  }

  /**
   * Relays `update` to every socket but its sender's, together with the others applied in
   * the same turn of the event loop: the frames of one socket read (a fast typist's burst,
   * a reconnecting editor's backlog, a relayed batch) go out as one merged update per
   * socket, flushed in a microtask, so nothing waits for a later turn. Sending each update
   * as a frame of its own cost each reader a decode and a transaction per update: the
   * unpaced replay (P2 in `pnpm bench`) spent about a third of its time there.
   */
  private relay(update: Uint8Array, sender: RoomMember | null): void {
    if (this.toRelay.push({ update, sender }) === 1) queueMicrotask(() => this.flushRelay());
  }

  private flushRelay(): void {
    const pending = this.toRelay;
    if (pending.length === 0) return;
    this.toRelay = [];
    const merged = (updates: Uint8Array[]) =>
      updateMessage(updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates));
    const senders = new Set(pending.map((entry) => entry.sender));
    const all = merged(pending.map((entry) => entry.update));
    for (const member of this.members) {
      if (!senders.has(member)) {
        member.send(all);
        continue;
      }
      // A sender gets what the others sent in this turn, never its own updates back.
      const others = pending.filter((entry) => entry.sender !== member).map((entry) => entry.update);
      if (others.length > 0) member.send(merged(others));
    }
  }

  /**
   * Resolves when every update handed to the store has settled and every update relayed
   * from another instance is confirmed stored (or stored here).
   */
  flushed(): Promise<void> {
    if (this.pendingStores === 0 && this.unconfirmedCount === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  destroy(): void {
    clearTimeout(this.presenceTimer);
    this.presenceTimer = undefined;
    // Presence removed by the last sockets leaving still reaches the other instances.
    if (this.presenceToSend.size > 0) this.flushPresence();
    const hadPeers = this.relayed?.forgetPeers() ?? false;
    this.awareness.destroy();
    this.doc.destroy();
    this.relayed?.leave(hadPeers);
  }
}
