import { CollabMessage, isDocumentFrame, SyncStep } from '@brieflock/schema';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { until } from '../collab/peers.js';

/**
 * A collaboration client that speaks the y-websocket protocol (y-protocols sync and
 * awareness, plus Brieflock's SAVED message) straight over `ws`, for loads of hundreds of
 * connections in one process: it answers the server's sync exactly as a WebsocketProvider
 * does, but what other people type is only read for its Yjs ids (`Y.parseUpdateMeta`),
 * never applied, so the load generator spends its time on sockets rather than on
 * replicas. Its own edits come from a real Y.Doc holding the brief as the server sent it.
 */

/** Origin of the server's state applied into the local doc (not sent back). */
const FROM_SERVER = Symbol('from-server');

export interface RawPeerOptions {
  /** ws://host:port/collab */
  url: string;
  proposalId: string;
  token: string;
  /** Ask for SAVED messages (as the web client does) and count document frames. */
  saved?: boolean;
  /** Apply the server's initial state into `doc` (needed to edit the brief). */
  keepState?: boolean;
}

/** Called when a remote update takes a writer's known clock from `from` to `to`. */
export type AdvanceListener = (client: number, from: number, to: number, now: number) => void;

export class RawPeer {
  readonly doc = new Y.Doc();
  readonly ws: WebSocket;
  /** Document frames (sync step 2 and updates) sent on this socket. */
  sentFrames = 0;
  /** Document frames the server reported durable (SAVED). */
  durableFrames = 0;
  /** Updates of the local doc sent (each a stored row once the server applied it). */
  updatesSent = 0;
  /** Per writer's client id, the end of the clock range seen in updates received since `onAdvance` was set. */
  readonly known = new Map<number, number>();
  synced = false;
  /** Set when the socket closed without `close()` being called. */
  closedUnexpectedly: { code: number; reason: string } | undefined;
  received = 0;
  onAdvance: AdvanceListener | undefined;
  private awarenessClock = 0;
  private closing = false;
  private readonly syncedPromise: Promise<void>;
  private readonly waiters = new Set<() => void>();

  constructor(readonly options: RawPeerOptions) {
    const query = new URLSearchParams({ token: options.token });
    if (options.saved) query.set('saved', '1');
    this.ws = new WebSocket(`${options.url}/${options.proposalId}?${query}`, { perMessageDeflate: false });
    this.ws.binaryType = 'nodebuffer';
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === FROM_SERVER) return;
      this.updatesSent++;
      this.send(this.syncMessage(SyncStep.UPDATE, update));
    });
    this.syncedPromise = until(`sync of a connection to ${options.proposalId}`, 60_000, (resolve, reject) => {
      const onSynced = () => this.synced && resolve();
      this.waiters.add(onSynced);
      const onClose = (code: number, reason: Buffer) =>
        !this.synced &&
        reject(new Error(`socket to ${options.proposalId} closed before sync: ${code} ${reason.toString()}`));
      const onError = (error: Error) =>
        !this.synced && reject(new Error(`socket to ${options.proposalId} failed before sync: ${error.message}`));
      this.ws.on('close', onClose);
      this.ws.on('error', onError);
      return () => {
        this.waiters.delete(onSynced);
        this.ws.off('close', onClose);
        this.ws.off('error', onError);
      };
    });
    this.syncedPromise.catch(() => undefined);
    this.ws.on('error', () => undefined);
    this.ws.on('open', () => this.send(this.syncMessage(SyncStep.STEP_1, Y.encodeStateVector(this.doc))));
    this.ws.on('message', (data: Buffer) => this.receive(data));
    this.ws.on('close', (code, reason) => {
      if (!this.closing) this.closedUnexpectedly = { code, reason: reason.toString() };
      this.notify();
    });
  }

  /** Resolves once the server's document is in (its answer to our sync step 1). */
  whenSynced(): Promise<void> {
    return this.syncedPromise;
  }

  /** Edits the local doc in one transaction; the update goes out as one frame. */
  edit(change: () => void): void {
    this.doc.transact(change);
  }

  /** Publishes this client's presence (a caret, say), as the web client's awareness does. */
  setPresence(state: Record<string, unknown>): void {
    const update = encoding.createEncoder();
    encoding.writeVarUint(update, 1);
    encoding.writeVarUint(update, this.doc.clientID);
    encoding.writeVarUint(update, ++this.awarenessClock);
    encoding.writeVarString(update, JSON.stringify(state));
    const message = encoding.createEncoder();
    encoding.writeVarUint(message, CollabMessage.AWARENESS);
    encoding.writeVarUint8Array(message, encoding.toUint8Array(update));
    this.send(encoding.toUint8Array(message));
  }

  /** True once the server reported every document frame sent so far durable. */
  get allDurable(): boolean {
    return this.durableFrames >= this.sentFrames;
  }

  /** Resolves when `check` holds, re-checked on every message; rejects after `timeoutMs` or when the socket closes. */
  waitUntil(what: string, check: () => boolean, timeoutMs: number): Promise<void> {
    return until(what, timeoutMs, (resolve, reject) => {
      const run = () => {
        if (check()) resolve();
        else if (this.closedUnexpectedly)
          reject(
            new Error(`${what}: the socket closed (${this.closedUnexpectedly.code} ${this.closedUnexpectedly.reason})`),
          );
      };
      this.waiters.add(run);
      run();
      return () => this.waiters.delete(run);
    });
  }

  close(): void {
    this.closing = true;
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) this.ws.terminate();
    this.doc.destroy();
  }

  /** Waits until the socket has been closed by the server or `close`. */
  closed(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => this.ws.once('close', () => resolve()));
  }

  private send(frame: Uint8Array): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    if (isDocumentFrame(frame)) this.sentFrames++;
    this.ws.send(frame);
  }

  private syncMessage(step: number, payload: Uint8Array): Uint8Array {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, CollabMessage.SYNC);
    encoding.writeVarUint(encoder, step);
    encoding.writeVarUint8Array(encoder, payload);
    return encoding.toUint8Array(encoder);
  }

  private receive(data: Buffer): void {
    const now = performance.now();
    this.received++;
    const decoder = decoding.createDecoder(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    const type = decoding.readVarUint(decoder);
    if (type === CollabMessage.SYNC) {
      const step = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (step === SyncStep.STEP_1) {
        // What the server lacks of ours (nothing, or edits made before it asked).
        this.send(this.syncMessage(SyncStep.STEP_2, Y.encodeStateAsUpdate(this.doc, payload)));
      } else if (step === SyncStep.STEP_2 && !this.synced) {
        if (this.options.keepState) Y.applyUpdate(this.doc, payload, FROM_SERVER);
        this.advance(payload, now);
        this.synced = true;
      } else {
        this.advance(payload, now);
      }
    } else if (type === CollabMessage.SAVED) {
      decoding.readVarUint8Array(decoder);
      if (decoding.hasContent(decoder))
        this.durableFrames = Math.max(this.durableFrames, decoding.readVarUint(decoder));
    }
    this.notify();
  }

  /** Follows writers' clocks, only for a peer someone listens to (decoding a whole brief is not free). */
  private advance(update: Uint8Array, now: number): void {
    if (!this.onAdvance) return;
    const { to } = Y.parseUpdateMeta(update);
    for (const [client, clock] of to) {
      const from = this.known.get(client) ?? 0;
      if (clock <= from) continue;
      this.known.set(client, clock);
      this.onAdvance?.(client, from, clock, now);
    }
  }

  private notify(): void {
    for (const waiter of this.waiters) waiter();
  }
}

/**
 * A writer's edits in order: the end of its clock after each one and when it was sent.
 * A reader that has seen the writer's clock reach `ends[i]` has received edit i.
 */
export class EditLog {
  readonly ends: number[] = [];
  readonly sentAt: number[] = [];

  constructor(readonly writer: RawPeer) {}

  get client(): number {
    return this.writer.doc.clientID;
  }

  /** Records an edit just sent (call right after `edit`). */
  record(sentAt: number): void {
    this.ends.push(Y.getState(this.writer.doc.store, this.writer.doc.clientID));
    this.sentAt.push(sentAt);
  }

  get count(): number {
    return this.ends.length;
  }
}

/**
 * Relay latencies: for every reader and every writer it follows, the time from each edit
 * being sent until the reader received it. Samples keep their send time, so a window of
 * the run can be selected afterwards.
 */
export class RelayLatencies {
  readonly sentAt: number[] = [];
  readonly latency: number[] = [];
  private readonly logs = new Map<number, EditLog>();
  /** Per reader: index of the next edit not yet received, per writer client. */
  private readonly cursors = new Map<RawPeer, Map<number, number>>();

  addWriter(log: EditLog): void {
    this.logs.set(log.client, log);
  }

  /** Follows `reader`: every update it receives from a known writer yields samples. */
  follow(reader: RawPeer): void {
    const cursors = new Map<number, number>();
    this.cursors.set(reader, cursors);
    reader.onAdvance = (client, _from, to, now) => {
      const log = this.logs.get(client);
      if (!log) return;
      let next = cursors.get(client) ?? 0;
      while (next < log.count && log.ends[next]! <= to) {
        this.sentAt.push(log.sentAt[next]!);
        this.latency.push(now - log.sentAt[next]!);
        next++;
      }
      cursors.set(client, next);
    };
  }

  /** Sorted latencies of edits sent within [from, to). */
  window(from: number, to: number): number[] {
    const selected: number[] = [];
    for (let i = 0; i < this.sentAt.length; i++)
      if (this.sentAt[i]! >= from && this.sentAt[i]! < to) selected.push(this.latency[i]!);
    return selected.sort((a, b) => a - b);
  }

  /** True when `reader` has received every edit logged so far of the writers it follows. */
  caughtUp(reader: RawPeer, writers: readonly EditLog[]): boolean {
    return writers.every(
      (log) => log.writer === reader || (reader.known.get(log.client) ?? 0) >= (log.ends.at(-1) ?? 0),
    );
  }
}
