import type { WebSocket } from 'ws';
import { COLLAB_LIMITS, CloseCode } from '@brieflock/schema';
import type { Logger } from '../logger.js';
import type { CollabPeer } from './hooks.js';
import { awarenessStatesMessage, syncStep1Message } from './messages.js';
import { type SocketOrigin, socketOrigin } from './origins.js';
import { MessageReceiver, ProtocolViolation } from './receiver.js';
import type { MemberRoom, RoomMember } from './room-member.js';
import { closeSocket } from './socket.js';

/** How much may wait in a socket's send buffer, and who hears of a socket closed for it. */
export interface SendLimits {
  maxBufferedBytes: number;
  onSlowReader?(bufferedBytes: number): void;
}

/**
 * One socket on one room. Its frames go to a `MessageReceiver`, at most at the allowed
 * rate: a sender past its allowance is slowed down, and a violation closes this socket
 * and nothing else.
 */
export class Connection implements RoomMember {
  readonly controlledIds = new Set<number>();
  readonly writtenIds = new Set<number>();
  readonly origin: SocketOrigin = socketOrigin(this);
  private readonly receiver: MessageReceiver;
  private tokens: number;
  private byteTokens: number = COLLAB_LIMITS.byteBurst;
  private lastRefill = performance.now();
  private resumeTimer: NodeJS.Timeout | undefined;
  /** Frames received past the allowance, handled in order as it refills. */
  private readonly backlog: [Buffer, boolean][] = [];
  closed = false;
  /** Document frames (sync step 2 and updates) received from an editor on this socket. */
  private framesApplied = 0;

  constructor(
    readonly socket: WebSocket,
    readonly room: MemberRoom,
    readonly peer: CollabPeer,
    readonly wantsSaved: boolean,
    private readonly messagesPerSecond: number,
    private readonly log: Logger,
    private readonly sendLimits: SendLimits = { maxBufferedBytes: COLLAB_LIMITS.maxBufferedBytes },
  ) {
    this.receiver = new MessageReceiver(room, this, this.origin);
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
    this.send(syncStep1Message(this.room.doc));
    const states = [...this.room.awareness.getStates().keys()];
    if (states.length > 0) this.send(awarenessStatesMessage(this.room.awareness, states));
    if (this.wantsSaved) this.send(this.room.savedMessage(this));
  }

  send(message: Uint8Array): void {
    if (this.closed || this.socket.readyState !== this.socket.OPEN) return;
    // A socket that does not read would make ws queue every frame for it in memory. Past
    // the bound it is closed (its close frame waits behind what is queued; ws destroys the
    // socket if the handshake does not finish), and nothing more is queued for it.
    const buffered = this.socket.bufferedAmount;
    if (buffered > this.sendLimits.maxBufferedBytes) {
      this.log.warn(
        { document: this.room.name, userId: this.peer.user.id, bufferedBytes: buffered },
        'collaboration socket closed: it does not read what it is sent',
      );
      this.sendLimits.onSlowReader?.(buffered);
      this.close(CloseCode.SLOW_READER, 'not reading');
      return;
    }
    this.socket.send(message, { binary: true }, (error) => {
      if (error) this.close(CloseCode.INTERNAL_ERROR, 'send failed');
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
    if (this.backlog.length === 0 && this.takeToken(data.length)) {
      this.handle(data, isBinary);
      return;
    }
    this.backlog.push([data, isBinary]);
    this.holdBack();
  }

  private handle(data: Buffer, isBinary: boolean): void {
    try {
      if (!isBinary) throw new ProtocolViolation(CloseCode.UNSUPPORTED_DATA, 'binary frames only');
      const applied = this.receiver.receive(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      if (!applied) return;
      this.framesApplied++;
      if (this.wantsSaved) this.room.framesApplied(this, this.framesApplied);
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
