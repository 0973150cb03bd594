import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type * as Y from 'yjs';
import { COLLAB_LIMITS, COLLAB_PATH, CloseCode } from '@brieflock/schema';
import type { Logger } from '../logger.js';
import { Connection, type SendLimits } from './connection.js';
import { isRefusal, type CollabHooks, type CollabPeer } from './hooks.js';
import { KeepAlive } from './keep-alive.js';
import { PresenceOwners } from './presence-owners.js';
import { Revocations } from './revocations.js';
import { type SocketLimits, SocketQuota } from './socket-quota.js';
import { closeSocket } from './socket.js';
import { selectProtocol, tokenWithoutProtocol } from './subprotocol.js';
import { Room } from './room.js';
import type { ClientIdLimits } from './room-member.js';
import type { DocumentRelay } from './relay.js';

export interface CollabServerOptions {
  hooks: CollabHooks;
  log: Logger;
  /** True when the request's Origin may open a socket (absent Origin: not a browser). */
  originAllowed(request: IncomingMessage): boolean;
  messagesPerSecond: number;
  /** Bytes that may wait in one socket's send buffer before it is closed (default: COLLAB_LIMITS). */
  maxBufferedBytes?: number;
  /** Yjs client ids an update may bring, and a document may hold (default: COLLAB_LIMITS). */
  clientIdLimits?: ClientIdLimits;
  /** Sockets one person may hold on one document and on this instance (defaults: COLLAB_LIMITS). */
  socketLimits?: SocketLimits;
  /** Interval of keep-alive pings; a socket that misses one is closed. */
  pingIntervalMs?: number;
  /** Interval of the check that closes sockets whose session expired. */
  sweepIntervalMs?: number;
  /** Other instances serving the same documents (through Redis); null or absent: none. */
  relay?: DocumentRelay | null;
  /**
   * How long an update relayed from another instance may stay unconfirmed before this
   * instance stores it itself (its sender may have died before committing it).
   */
  unconfirmedTimeoutMs?: number;
}

/** Default for `unconfirmedTimeoutMs`: far above a commit's round trip, even under load. */
const UNCONFIRMED_TIMEOUT_MS = 5_000;

/** Frames a socket may send while its document loads before it is paused, and closed. */
const PAUSE_EARLY_AT = 64;
const MAX_EARLY_FRAMES = 4096;

/** The origin of the server's own edits (see `edit`): none of the transport's kinds. */
const SERVER_EDIT_ORIGIN = null;

/** How long a shutdown waits for clients to answer its close frames. */
const CLOSE_HANDSHAKE_MS = 2_000;

const REFUSAL_CLOSE = {
  unauthenticated: CloseCode.UNAUTHENTICATED,
  forbidden: CloseCode.FORBIDDEN,
  'not-found': CloseCode.NOT_FOUND,
} as const;

/**
 * The y-websocket endpoint at `/collab/<documentName>`. It owns sockets and rooms; who
 * may connect and where documents are stored is decided through the hooks.
 */
export class CollabServer {
  private readonly wss = new WebSocketServer({
    noServer: true,
    maxPayload: COLLAB_LIMITS.maxFrameBytes,
    perMessageDeflate: false,
    // Without this, ws would select the first subprotocol offered: maybe the token's.
    handleProtocols: selectProtocol,
  });
  private readonly rooms = new Map<string, Room>();
  private readonly loading = new Map<string, Promise<Room>>();
  private readonly keepAlive: KeepAlive;
  private readonly sweepTimer: NodeJS.Timeout;
  private readonly unconfirmedTimer: NodeJS.Timeout | undefined;
  private closing = false;
  private readonly revocations = new Revocations();
  /** Kept here, not in the room: a presence id stays its first user's after the room unloads. */
  private readonly presenceOwners = new PresenceOwners();
  private readonly quota: SocketQuota;
  private readonly sendLimits: SendLimits;
  /** Sockets closed because they did not read what they were sent. */
  private slowReadersClosed = 0;

  constructor(private readonly options: CollabServerOptions) {
    this.sendLimits = {
      maxBufferedBytes: options.maxBufferedBytes ?? COLLAB_LIMITS.maxBufferedBytes,
      onSlowReader: () => this.slowReadersClosed++,
    };
    this.quota = new SocketQuota(
      options.socketLimits ?? {
        perDocument: COLLAB_LIMITS.maxSocketsPerDocument,
        perUser: COLLAB_LIMITS.maxSocketsPerUser,
      },
    );
    this.keepAlive = new KeepAlive(() => this.wss.clients, options.pingIntervalMs ?? 30_000);
    this.sweepTimer = setInterval(() => this.closeExpired(), options.sweepIntervalMs ?? 30_000);
    this.sweepTimer.unref();
    const { relay } = options;
    if (relay) {
      const timeoutMs = options.unconfirmedTimeoutMs ?? UNCONFIRMED_TIMEOUT_MS;
      this.unconfirmedTimer = setInterval(
        () => {
          for (const room of this.rooms.values()) room.storeUnconfirmed(timeoutMs);
        },
        Math.max(50, Math.min(1_000, timeoutMs / 2)),
      );
      this.unconfirmedTimer.unref();
      // Back from a Redis outage: every loaded document catches up with the others.
      relay.onResync(() => {
        for (const room of this.rooms.values()) room.hello();
      });
    }
  }

  /** True when the upgrade request is for this endpoint. */
  handles(url: URL): boolean {
    return url.pathname === COLLAB_PATH || url.pathname.startsWith(`${COLLAB_PATH}/`);
  }

  /** Takes over an HTTP upgrade for `/collab/<name>`. */
  async upgrade(request: IncomingMessage, socket: Duplex, head: Buffer, url: URL): Promise<void> {
    const { log } = this.options;
    const reject = (status: number, text: string) => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (this.closing) return reject(503, 'Service Unavailable');
    if (!this.options.originAllowed(request)) {
      log.warn(
        { origin: request.headers.origin, path: url.pathname },
        'collaboration socket refused: origin not allowed',
      );
      return reject(403, 'Forbidden');
    }
    // A client that cannot accept the `brieflock` subprotocol would abort the handshake.
    if (tokenWithoutProtocol(request)) return reject(400, 'Bad Request');
    let name: string;
    try {
      name = this.nameOf(decodeURIComponent(url.pathname.slice(COLLAB_PATH.length + 1)));
    } catch {
      return reject(400, 'Bad Request');
    }
    socket.on('error', () => socket.destroy());
    const authenticatedAt = performance.now();
    let decision: Awaited<ReturnType<CollabHooks['authenticate']>>;
    try {
      decision = await this.options.hooks.authenticate(request, url, name);
    } catch (error) {
      log.error({ err: error, document: name }, 'collaboration authentication failed');
      return reject(503, 'Service Unavailable');
    }
    if (socket.destroyed) return;
    this.wss.handleUpgrade(request, socket, head, (ws) => {
      if (isRefusal(decision)) {
        // Accepting, then closing with a code, tells a browser client why (an HTTP error
        // on upgrade reaches it only as an abnormal closure) and stops a provider from retrying.
        closeSocket(ws, REFUSAL_CLOSE[decision.refused], decision.reason);
        return;
      }
      // Counted from now until the socket closes, loading included.
      const release = this.quota.take(decision.user.id, name);
      if (!release) {
        log.warn({ document: name, userId: decision.user.id }, 'collaboration socket refused: too many sockets');
        closeSocket(ws, CloseCode.TOO_MANY_SOCKETS, 'too many sockets of this person');
        return;
      }
      ws.once('close', release);
      void this.attach(ws, name, decision, url.searchParams.get('saved') === '1', authenticatedAt);
    });
  }

  private async attach(
    ws: WebSocket,
    name: string,
    peer: CollabPeer,
    wantsSaved: boolean,
    authenticatedAt: number,
  ): Promise<void> {
    const { log } = this.options;
    // Frames that arrive while the document loads wait in order.
    const early: [Buffer, boolean][] = [];
    let connection: Connection | undefined;
    this.keepAlive.watch(ws);
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (connection) connection.receive(data, isBinary);
      else if (early.length < MAX_EARLY_FRAMES) {
        early.push([data, isBinary]);
        // A slow load slows the sender down (TCP backpressure) instead of dropping it.
        if (early.length >= PAUSE_EARLY_AT && !ws.isPaused) ws.pause();
      } else closeSocket(ws, CloseCode.RATE_LIMITED, 'too many messages before the document loaded');
    });
    ws.on('error', (error) => log.debug({ err: error, document: name }, 'collaboration socket error'));
    let room: Room;
    try {
      room = await this.room(name);
      // The room may have been unloaded between its promise resolving and now.
      while (this.rooms.get(name) !== room) room = await this.room(name);
    } catch (error) {
      log.error({ err: error, document: name }, 'document could not be loaded; socket refused');
      closeSocket(ws, CloseCode.LOAD_FAILED, 'document could not be loaded');
      return;
    }
    if (ws.readyState !== ws.OPEN) {
      void this.releaseIfIdle(room);
      return;
    }
    const revoked = this.revocations.find(name, peer, authenticatedAt);
    if (revoked) {
      closeSocket(ws, revoked.code, revoked.reason);
      void this.releaseIfIdle(room);
      return;
    }
    connection = new Connection(ws, room, peer, wantsSaved, this.options.messagesPerSecond, log, this.sendLimits);
    const joined = connection;
    room.join(joined);
    ws.on('close', () => {
      joined.closed = true;
      room.leave(joined);
      void this.releaseIfIdle(room);
    });
    joined.start();
    for (const [data, isBinary] of early.splice(0)) joined.receive(data, isBinary);
    if (ws.isPaused && !joined.throttled) ws.resume();
    log.debug({ document: name, userId: peer.user.id, role: peer.user.role }, 'collaboration socket joined');
  }

  /** The name a room is kept under, however the caller spelled it. */
  private nameOf(requested: string): string {
    return this.options.hooks.documentName?.(requested) ?? requested;
  }

  /** The loaded room, loading it once however many sockets arrive together. */
  private room(name: string): Promise<Room> {
    const loaded = this.rooms.get(name);
    if (loaded) return Promise.resolve(loaded);
    let pending = this.loading.get(name);
    if (!pending) {
      const room = new Room(name, this.options.hooks, this.options.log, {
        relay: this.options.relay ?? null,
        clientIdLimits: this.options.clientIdLimits,
        presenceOwners: this.presenceOwners.of(name),
      });
      pending = room.load().then(
        () => {
          this.rooms.set(name, room);
          return room;
        },
        (error: unknown) => {
          room.destroy();
          throw error;
        },
      );
      pending.finally(() => this.loading.delete(name)).catch(() => undefined);
      this.loading.set(name, pending);
    }
    return pending;
  }

  /** Unloads a room after its last socket left and everything it holds is durable. */
  private async releaseIfIdle(room: Room): Promise<void> {
    if (room.members.size > 0) return;
    await room.flushed();
    if (room.members.size > 0 || this.rooms.get(room.name) !== room) return;
    this.rooms.delete(room.name);
    room.destroy();
    this.options.log.debug({ document: room.name }, 'document unloaded');
  }

  /** The live document when it is loaded in this process. */
  loadedDocument(name: string): Y.Doc | undefined {
    return this.rooms.get(this.nameOf(name))?.doc;
  }

  /**
   * Applies `change` to a document as the server (loading it if it is not loaded), relays
   * the update to every socket and instance like any other, and resolves with `change`'s
   * result once the update is stored. A room loaded only for this unloads afterwards.
   */
  async edit<T>(requested: string, change: (doc: Y.Doc) => T): Promise<T> {
    if (this.closing) throw new Error('collaboration server is shutting down');
    const name = this.nameOf(requested);
    let room = await this.room(name);
    // The room may have been unloaded between its promise resolving and now.
    while (this.rooms.get(name) !== room) room = await this.room(name);
    let result!: T;
    try {
      // No origin: the room stores, relays and reports it as a change made here.
      room.doc.transact(() => {
        result = change(room.doc);
      }, SERVER_EDIT_ORIGIN);
      await room.flushed();
    } finally {
      void this.releaseIfIdle(room);
    }
    return result;
  }

  /** Closes the sockets on `name` that match, e.g. a removed participant's. */
  disconnect(requested: string, match: (peer: CollabPeer) => boolean, code: number, reason: string): number {
    const name = this.nameOf(requested);
    this.revocations.remember({ name, match, code, reason });
    return this.closeMatching(name, match, code, reason);
  }

  private closeMatching(name: string, match: (peer: CollabPeer) => boolean, code: number, reason: string): number {
    const room = this.rooms.get(name);
    if (!room) return 0;
    let closed = 0;
    for (const member of [...room.members]) {
      if (!match(member.peer)) continue;
      member.close(code, reason);
      room.leave(member);
      closed++;
    }
    void this.releaseIfIdle(room);
    return closed;
  }

  /** Closes the matching sockets on every document, e.g. those of a signed-out session. */
  disconnectEverywhere(match: (peer: CollabPeer) => boolean, code: number, reason: string): number {
    this.revocations.remember({ name: null, match, code, reason });
    let closed = 0;
    for (const name of [...this.rooms.keys()]) closed += this.closeMatching(name, match, code, reason);
    return closed;
  }

  /**
   * Counts for metrics and tests; `bufferedBytes` is the most any open socket has waiting
   * in its send buffer right now.
   */
  stats(): {
    documents: number;
    connections: number;
    unconfirmed: number;
    bufferedBytes: number;
    slowReadersClosed: number;
  } {
    let connections = 0;
    let unconfirmed = 0;
    for (const room of this.rooms.values()) {
      connections += room.members.size;
      unconfirmed += room.unconfirmedCount;
    }
    let bufferedBytes = 0;
    for (const ws of this.wss.clients) bufferedBytes = Math.max(bufferedBytes, ws.bufferedAmount);
    return {
      documents: this.rooms.size,
      connections,
      unconfirmed,
      bufferedBytes,
      slowReadersClosed: this.slowReadersClosed,
    };
  }

  /** A socket lives no longer than the session it was opened with. */
  private closeExpired(): void {
    const now = Date.now();
    for (const room of this.rooms.values()) {
      for (const member of [...room.members]) {
        const expiresAt = member.peer.expiresAt;
        if (expiresAt && expiresAt.getTime() <= now) {
          member.close(CloseCode.UNAUTHENTICATED, 'session expired');
          room.leave(member);
        }
      }
    }
  }

  /** Closes every socket (going away, so clients reconnect elsewhere) and waits until all is stored. */
  async close(): Promise<void> {
    this.closing = true;
    this.keepAlive.stop();
    clearInterval(this.sweepTimer);
    clearInterval(this.unconfirmedTimer);
    // A client answers our close frame only after every frame it sent before seeing it.
    // Waiting (briefly) for those answers lets the edits still on the wire be applied and
    // stored; terminating at once would drop them.
    const answered = [...this.wss.clients].map(
      (ws) => new Promise<void>((resolve) => ws.once('close', () => resolve())),
    );
    for (const ws of this.wss.clients) closeSocket(ws, CloseCode.GOING_AWAY, 'server shutting down');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all(answered),
      new Promise<void>((resolve) => (timer = setTimeout(resolve, CLOSE_HANDSHAKE_MS))),
    ]);
    clearTimeout(timer);
    await Promise.allSettled([...this.loading.values()]);
    // What other instances relayed and did not confirm yet is stored here as well: one of
    // them may be going away too.
    for (const room of this.rooms.values()) room.storeUnconfirmed();
    await Promise.all([...this.rooms.values()].map((room) => room.flushed()));
    for (const room of this.rooms.values()) room.destroy();
    this.rooms.clear();
    for (const ws of this.wss.clients) ws.terminate();
    this.wss.close();
  }
}
