import type { WebSocket } from 'ws';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { COLLAB_LIMITS, CloseCode, CollabMessage } from '@brieflock/schema';
import type { Logger } from '../logger.js';
import type { CollabPeer } from './hooks.js';
import { closeSocket } from './socket.js';
import type { Room } from './room.js';
import { decodesCompletely, plausibleUpdate } from './update-guard.js';

const SYNC_STEP_1 = 0;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;
/** Presence states one socket may publish (a tab has one; a few for reconnect overlap). */
const MAX_CONTROLLED_IDS = 8;
/** Close codes for frames that break the protocol. */
const UNSUPPORTED_DATA = 1003;

/** A frame this server does not accept; closes only its own socket. */
class ProtocolViolation extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * One socket on one room. It reads y-protocols frames, enforces the peer's role on
 * every message (a viewer's document content is dropped, its presence is labelled with
 * its real identity) and throttles senders that exceed their message allowance.
 */
export class Connection {
  readonly controlledIds = new Set<number>();
  private tokens: number;
  private byteTokens: number = COLLAB_LIMITS.byteBurst;
  private lastRefill = performance.now();
  private resumeTimer: NodeJS.Timeout | undefined;
  /** Frames received past the allowance, handled in order as it refills. */
  private readonly backlog: [Buffer, boolean][] = [];
  closed = false;
  /** Document frames (sync step 2 and updates) received from an editor on this socket. */
  private framesApplied = 0;
  /** [store sequence, frames] pairs not yet durable, oldest first. */
  readonly pendingAcks: [number, number][] = [];
  /** Frames of this socket whose effects are durable, as last announced. */
  durableFrames = 0;

  constructor(
    readonly socket: WebSocket,
    readonly room: Room,
    readonly peer: CollabPeer,
    readonly wantsSaved: boolean,
    private readonly messagesPerSecond: number,
    private readonly log: Logger,
  ) {
    this.tokens = messagesPerSecond * COLLAB_LIMITS.burstSeconds;
    // A client that goes away keeps the edits it sent: frames still held back by the
    // throttle are handled now. (A socket the server closed, e.g. a removed participant's,
    // has had its backlog cleared by `close`.)
    socket.once('close', () => {
      clearTimeout(this.resumeTimer);
      while (!this.closed && this.backlog.length > 0) {
        const [data, isBinary] = this.backlog.shift()!;
        this.handle(data, isBinary);
      }
    });
  }

  /** Greets the client: our state vector, then the presence of everyone here. */
  start(): void {
    const step1 = encoding.createEncoder();
    encoding.writeVarUint(step1, CollabMessage.SYNC);
    encoding.writeVarUint(step1, SYNC_STEP_1);
    encoding.writeVarUint8Array(step1, Y.encodeStateVector(this.room.doc));
    this.send(encoding.toUint8Array(step1));
    const states = [...this.room.awareness.getStates().keys()];
    if (states.length > 0)
      this.send(this.awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.room.awareness, states)));
    if (this.wantsSaved) this.send(this.room.savedMessage(this));
  }

  send(message: Uint8Array): void {
    if (this.closed || this.socket.readyState !== this.socket.OPEN) return;
    this.socket.send(message, { binary: true }, (error) => {
      if (error) this.close(1011, 'send failed');
    });
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.resumeTimer);
    this.backlog.length = 0;
    closeSocket(this.socket, code, reason);
  }

  /** True while frames past the allowance wait (the socket is paused for them). */
  get throttled(): boolean {
    return this.backlog.length > 0;
  }

  /** Takes one frame, at most at the allowed rate; a violation closes this socket and nothing else. */
  receive(data: Buffer, isBinary: boolean): void {
    if (this.closed) return;
    if (this.backlog.length === 0 && this.takeToken(data.length)) return this.handle(data, isBinary);
    this.backlog.push([data, isBinary]);
    this.holdBack();
  }

  private handle(data: Buffer, isBinary: boolean): void {
    try {
      if (!isBinary) throw new ProtocolViolation(UNSUPPORTED_DATA, 'binary frames only');
      this.dispatch(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    } catch (error) {
      const violation =
        error instanceof ProtocolViolation
          ? error
          : new ProtocolViolation(CloseCode.PROTOCOL_ERROR, 'malformed message');
      this.log.warn(
        {
          document: this.room.name,
          userId: this.peer.user.id,
          code: violation.code,
          reason: violation.message,
          detail: error instanceof ProtocolViolation ? undefined : String(error),
        },
        'collaboration frame refused',
      );
      this.close(violation.code, violation.message);
    }
  }

  private dispatch(frame: Uint8Array): void {
    const decoder = decoding.createDecoder(frame);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case CollabMessage.SYNC:
        return this.onSync(decoder);
      case CollabMessage.AWARENESS:
        return this.onAwareness(decoding.readVarUint8Array(decoder));
      case CollabMessage.QUERY_AWARENESS: {
        const states = [...this.room.awareness.getStates().keys()];
        this.send(this.awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.room.awareness, states)));
        return;
      }
      default:
        throw new ProtocolViolation(CloseCode.PROTOCOL_ERROR, 'unknown message type');
    }
  }

  private onSync(decoder: decoding.Decoder): void {
    const step = decoding.readVarUint(decoder);
    if (step === SYNC_STEP_1) {
      const stateVector = decoding.readVarUint8Array(decoder);
      let update: Uint8Array;
      try {
        update = Y.encodeStateAsUpdate(this.room.doc, stateVector);
      } catch {
        throw new ProtocolViolation(CloseCode.PROTOCOL_ERROR, 'malformed state vector');
      }
      const reply = encoding.createEncoder();
      encoding.writeVarUint(reply, CollabMessage.SYNC);
      encoding.writeVarUint(reply, SYNC_STEP_2);
      encoding.writeVarUint8Array(reply, update);
      this.send(encoding.toUint8Array(reply));
      return;
    }
    if (step !== SYNC_STEP_2 && step !== SYNC_UPDATE)
      throw new ProtocolViolation(CloseCode.PROTOCOL_ERROR, 'unknown sync message');
    const update = decoding.readVarUint8Array(decoder);
    // A viewer's content is never applied, stored or relayed. Its socket stays open: a
    // read-only client replying to sync step 1 with its (empty or stale) state is normal.
    if (!this.peer.canWrite) return;
    if (!plausibleUpdate(update) || !decodesCompletely(update))
      throw new ProtocolViolation(CloseCode.PROTOCOL_ERROR, 'malformed update');
    if (!this.room.fits(update.length)) throw new ProtocolViolation(CloseCode.DOCUMENT_TOO_LARGE, 'document too large');
    try {
      Y.applyUpdate(this.room.doc, update, this);
    } catch {
      throw new ProtocolViolation(CloseCode.PROTOCOL_ERROR, 'malformed update');
    }
    this.framesApplied++;
    if (this.wantsSaved) this.room.noteFramesApplied(this, this.framesApplied);
  }

  private onAwareness(update: Uint8Array): void {
    if (update.length > COLLAB_LIMITS.maxAwarenessBytes)
      throw new ProtocolViolation(CloseCode.MESSAGE_TOO_BIG, 'presence too large');
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    if (count > MAX_CONTROLLED_IDS) throw new ProtocolViolation(CloseCode.PROTOCOL_ERROR, 'too many presence states');
    const out = encoding.createEncoder();
    const entries: [number, number, string][] = [];
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const raw = decoding.readVarString(decoder);
      const state: unknown = JSON.parse(raw);
      if (!this.mayPublishFor(clientId)) continue;
      entries.push([clientId, clock, JSON.stringify(this.labelled(state))]);
    }
    if (entries.length === 0) return;
    encoding.writeVarUint(out, entries.length);
    for (const [clientId, clock, state] of entries) {
      encoding.writeVarUint(out, clientId);
      encoding.writeVarUint(out, clock);
      encoding.writeVarString(out, state);
    }
    awarenessProtocol.applyAwarenessUpdate(this.room.awareness, encoding.toUint8Array(out), this);
  }

  /** A socket speaks only for the presence ids it introduced, never for another socket's. */
  private mayPublishFor(clientId: number): boolean {
    if (this.controlledIds.has(clientId)) return true;
    for (const other of this.room.connections) if (other !== this && other.controlledIds.has(clientId)) return false;
    // A state heard from another instance: only its own user takes it over (a client that
    // reconnected here after its instance went away).
    const existing = this.room.awareness.states.get(clientId) as { user?: { id?: unknown } } | undefined;
    if (existing && existing.user?.id !== this.peer.user.id) return false;
    if (this.controlledIds.size >= MAX_CONTROLLED_IDS) return false;
    return true;
  }

  /** The state as others see it: `user` is always the authenticated identity and role. */
  private labelled(state: unknown): unknown {
    if (state === null) return null;
    if (typeof state !== 'object' || Array.isArray(state))
      throw new ProtocolViolation(CloseCode.PROTOCOL_ERROR, 'malformed presence');
    return { ...(state as Record<string, unknown>), user: this.peer.user };
  }

  private awarenessMessage(update: Uint8Array): Uint8Array {
    const message = encoding.createEncoder();
    encoding.writeVarUint(message, CollabMessage.AWARENESS);
    encoding.writeVarUint8Array(message, update);
    return encoding.toUint8Array(message);
  }

  /**
   * Token bucket. Pausing the socket alone does not slow a sender down: the frames of a
   * read already under way (thousands of small ones fit in one) would still be
   * handled. So frames past the allowance wait in order in `backlog` while the socket is
   * paused (TCP backpressure reaches the sender), and are handled as the bucket refills:
   * a fast client slows down instead of losing edits. Frames and bytes are both
   * metered, so a sender of large frames cannot keep the event loop busy decoding.
   */
  private takeToken(bytes: number): boolean {
    const now = performance.now();
    const elapsed = (now - this.lastRefill) / 1000;
    this.lastRefill = now;
    this.tokens = Math.min(
      this.messagesPerSecond * COLLAB_LIMITS.burstSeconds,
      this.tokens + elapsed * this.messagesPerSecond,
    );
    this.byteTokens = Math.min(COLLAB_LIMITS.byteBurst, this.byteTokens + elapsed * COLLAB_LIMITS.bytesPerSecond);
    // A frame larger than the byte burst could never pass; one at full allowance may.
    const byteCost = Math.min(bytes, COLLAB_LIMITS.byteBurst);
    if (this.tokens < 1 || this.byteTokens < byteCost) return false;
    this.tokens -= 1;
    this.byteTokens -= byteCost;
    return true;
  }

  private holdBack(): void {
    if (this.resumeTimer || this.closed) return;
    if (!this.socket.isPaused) this.socket.pause();
    const next = Math.min(this.backlog[0]?.[0].length ?? 0, COLLAB_LIMITS.byteBurst);
    const waitMs = Math.max(
      1,
      Math.ceil(((1 - this.tokens) / this.messagesPerSecond) * 1000),
      Math.ceil(((next - this.byteTokens) / COLLAB_LIMITS.bytesPerSecond) * 1000),
    );
    this.resumeTimer = setTimeout(() => {
      this.resumeTimer = undefined;
      this.drainBacklog();
    }, waitMs);
  }

  private drainBacklog(): void {
    while (!this.closed && this.backlog.length > 0 && this.takeToken(this.backlog[0]![0].length)) {
      const [data, isBinary] = this.backlog.shift()!;
      this.handle(data, isBinary);
    }
    if (this.closed) return;
    if (this.backlog.length > 0) this.holdBack();
    else this.socket.resume();
  }
}
