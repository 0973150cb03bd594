import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CollabMessage, isDocumentFrame } from '@brieflock/schema';
import { docs, setupWSConnection } from '@y/websocket-server/utils';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import * as decoding from 'lib0/decoding';
import { WebsocketProvider } from 'y-websocket';
import WebSocket, { WebSocketServer } from 'ws';
import * as Y from 'yjs';

/**
 * A collaboration server to measure: ours or the reference (y-websocket protocol, driven by
 * `WebsocketProvider`s) or the peer (Hocuspocus, driven by `HocuspocusProvider`s). The same
 * writer and reader logic runs against each; only the provider differs.
 */
export interface CollabTarget {
  name: 'ours' | 'reference' | 'peer';
  /** The client that speaks to it; y-websocket when absent. */
  client?: 'y-websocket' | 'hocuspocus';
  /** Base URL the provider appends `/<room>` to, e.g. ws://127.0.0.1:4000/collab. */
  url: string;
  /** A fresh, empty document and the URL params every provider on it sends. */
  newRoom(): Promise<{ room: string; params: Record<string, string> }>;
  /**
   * True when the server answers `?saved=1` with SAVED messages (ours). Its writers then ask
   * for them, as Brieflock's own editor does, and count their document frames (SavedFrames).
   */
  reportsSaved: boolean;
}

/**
 * `@y/websocket-server` 0.1.1 as its own `server.js` runs it (noServer + upgrade, no
 * persistence since YPERSISTENCE is unset), on a free port in this process. Its `docs`
 * map never forgets a room without persistence, so rooms are dropped on close.
 */
export async function startReferenceServer(): Promise<CollabTarget & { close(): Promise<void> }> {
  const wss = new WebSocketServer({ noServer: true });
  wss.on('connection', setupWSConnection);
  const server = http.createServer((_request, response) => response.writeHead(404).end());
  server.on('upgrade', (request, socket, head) =>
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request)),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const rooms: string[] = [];
  return {
    name: 'reference',
    url: `ws://127.0.0.1:${port}/collab`,
    reportsSaved: false,
    // Same params shape as ours (the reference ignores the query string).
    newRoom: async () => {
      const room = randomUUID();
      rooms.push(room);
      return { room, params: { token: 'reference-ignores-this' } };
    },
    close: async () => {
      for (const ws of wss.clients) ws.terminate();
      await new Promise((resolve) => wss.close(resolve));
      await new Promise((resolve) => server.close(resolve));
      for (const room of rooms) {
        // setupWSConnection names the doc after the path without its leading slash.
        const name = `collab/${room}`;
        docs.get(name)?.destroy();
        docs.delete(name);
      }
    },
  };
}

interface PeerBase {
  doc: Y.Doc;
  text: Y.Text;
  /** Where its socket points, for messages. */
  url: string;
  close(): void;
}

/** A peer over the y-websocket protocol (ours, the reference). */
export interface YWebsocketPeer extends PeerBase {
  client: 'y-websocket';
  provider: WebsocketProvider;
}

/** A peer over Hocuspocus's protocol: a HocuspocusProvider on a socket of its own. */
export interface HocuspocusPeer extends PeerBase {
  client: 'hocuspocus';
  provider: HocuspocusProvider;
  socket: HocuspocusProviderWebsocket;
}

export type Peer = YWebsocketPeer | HocuspocusPeer;

// Every WebsocketProvider adds a process 'exit' listener; P1 holds 11 providers at once on purpose.
process.setMaxListeners(Math.max(process.getMaxListeners(), 32));

/**
 * A real provider with its own Y.Doc: a WebsocketProvider (BroadcastChannel off so peers in
 * this process meet only through the server), or for a Hocuspocus target a
 * HocuspocusProvider on a HocuspocusProviderWebsocket of its own (one socket per peer, as
 * separate people have; `params.token` is sent as its token).
 */
export function openPeer(target: CollabTarget, room: string, params: Record<string, string>): Peer {
  const doc = new Y.Doc();
  const text = doc.getText('bench');
  if (target.client === 'hocuspocus') {
    const socket = new HocuspocusProviderWebsocket({
      url: target.url,
      WebSocketPolyfill: WebSocket,
    });
    const provider = new HocuspocusProvider({
      websocketProvider: socket,
      name: room,
      document: doc,
      token: params.token ?? null,
    });
    // A provider given its socket does not attach itself.
    provider.attach();
    return {
      client: 'hocuspocus',
      doc,
      text,
      url: `${target.url} (${room})`,
      provider,
      socket,
      close() {
        provider.destroy();
        socket.destroy();
        doc.destroy();
      },
    };
  }
  const provider = new WebsocketProvider(target.url, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params,
  });
  return {
    client: 'y-websocket',
    doc,
    text,
    url: provider.url,
    provider,
    close() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/**
 * Exact durability of one peer's edits, deletions included, from Brieflock's SAVED messages
 * (see CollabMessage.SAVED): `sent` counts the document frames this peer has sent
 * on its socket (its send is wrapped when the provider reports `connected`, which it does
 * before sending anything on a new socket), `durable` is the latest count of them the
 * server reports durable in PostgreSQL. Each local transaction goes out as one frame, so
 * a transaction sent as frame n is durable once `durable` >= n.
 *
 * Create it right after openPeer with `saved: '1'`, before the socket opens. The counts are
 * per socket: a second socket would start them over, so it is reported as an error.
 */
export class SavedFrames {
  sent = 0;
  durable = 0;
  savedMessages = 0;
  /** Set when the counts can no longer be trusted (reconnect, SAVED without a count). */
  error: Error | undefined;
  private sockets = 0;
  private readonly listeners = new Set<(now: number) => void>();
  private readonly provider: WebsocketProvider;

  constructor(readonly peer: Peer) {
    if (peer.client !== 'y-websocket') throw new Error('SAVED messages are part of our y-websocket endpoint only');
    const { provider } = peer;
    this.provider = provider;
    provider.on('status', ({ status }: { status: string }) => {
      const ws = provider.ws;
      if (status !== 'connected' || !ws) return;
      if (++this.sockets > 1)
        this.fail(new Error(`reconnected on ${provider.url}: frame counts start over, the measurement is void`));
      const send = ws.send.bind(ws);
      ws.send = (data: Parameters<typeof ws.send>[0]) => {
        if (isDocumentFrame(data)) this.sent++;
        send(data);
      };
    });
    // messageHandlers is a per-provider copy (y-websocket 3.1.0 slices the module's array).
    provider.messageHandlers[CollabMessage.SAVED] = (_encoder, decoder) => {
      const now = performance.now();
      decoding.readVarUint8Array(decoder); // the durable state vector: not needed here
      if (!decoding.hasContent(decoder))
        return this.fail(new Error('SAVED message without a durable frame count: the server predates it'));
      this.savedMessages++;
      this.durable = Math.max(this.durable, decoding.readVarUint(decoder));
      for (const listener of this.listeners) listener(now);
    };
  }

  private fail(error: Error): void {
    this.error ??= error;
    for (const listener of this.listeners) listener(performance.now());
  }

  /** Calls `listener` with the arrival time of every SAVED message (and on failure); returns its removal. */
  onSaved(listener: (now: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves once the server reports durable every document frame sent so far. */
  allDurable(what: string, timeoutMs: number): Promise<void> {
    const target = this.sent;
    const { provider } = this;
    return until(`${what} (${target} frames sent, ${this.durable} durable so far)`, timeoutMs, (resolve, reject) => {
      const check = () => {
        if (this.error) reject(this.error);
        else if (this.durable >= target) resolve();
      };
      const offSaved = this.onSaved(check);
      const onClose = (event: { code: number } | null) =>
        reject(new Error(`socket closed (code ${event?.code}) before ${what}`));
      provider.on('connection-close', onClose);
      check();
      return () => {
        offSaved();
        provider.off('connection-close', onClose);
      };
    });
  }
}

/**
 * Resolves when `start` calls resolve, rejects on its reject or after `timeoutMs`.
 * `start` registers listeners and returns their cleanup, which runs either way.
 */
export function until<T = void>(
  what: string,
  timeoutMs: number,
  // biome-ignore lint/suspicious/noConfusingVoidType: listeners that need no cleanup return nothing at all
  start: (resolve: (value: T) => void, reject: (error: Error) => void) => (() => void) | void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    // biome-ignore lint/suspicious/noConfusingVoidType: whatever start returned
    let cleanup: (() => void) | void;
    let done = false;
    const finish = (settle: () => void) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      cleanup?.();
      settle();
    };
    const timer = setTimeout(
      () => finish(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`))),
      timeoutMs,
    );
    cleanup = start(
      (value) => finish(() => resolve(value)),
      (error) => finish(() => reject(error)),
    );
    if (done) cleanup?.();
  });
}

/** Waits for every peer's first sync; a refused or closed socket fails at once with its close code. */
export function whenSynced(target: CollabTarget, peers: Peer[], timeoutMs = 15_000): Promise<unknown[]> {
  return Promise.all(
    peers.map((peer) =>
      until(`${target.name}: provider sync on ${peer.url}`, timeoutMs, (resolve, reject) => {
        const closed = (event: { code?: number; reason?: string } | null | undefined) =>
          reject(
            new Error(
              `${target.name}: socket closed before sync (code ${event?.code ?? 'none'} ${event?.reason ?? ''}) on ${peer.url}`,
            ),
          );
        const failed = (event: unknown) =>
          reject(
            new Error(
              `${target.name}: socket error before sync: ${(event as { message?: string } | undefined)?.message ?? 'unknown'} on ${peer.url}`,
            ),
          );
        if (peer.client === 'hocuspocus') {
          const { provider } = peer;
          if (provider.isSynced) return resolve();
          const onSynced = ({ state }: { state: boolean }) => state && resolve();
          const onClose = ({ event }: { event: { code: number; reason: string } }) => closed(event);
          const onDenied = ({ reason }: { reason: string }) => failed({ message: `authentication failed: ${reason}` });
          provider.on('synced', onSynced);
          provider.on('close', onClose);
          provider.on('authenticationFailed', onDenied);
          return () => {
            provider.off('synced', onSynced);
            provider.off('close', onClose);
            provider.off('authenticationFailed', onDenied);
          };
        }
        const { provider } = peer;
        if (provider.synced) return resolve();
        const onSync = (synced: boolean) => synced && resolve();
        provider.on('sync', onSync);
        provider.on('connection-close', closed);
        provider.on('connection-error', failed);
        return () => {
          provider.off('sync', onSync);
          provider.off('connection-close', closed);
          provider.off('connection-error', failed);
        };
      }),
    ),
  );
}

/**
 * What the writer did, one entry per local transaction: when it started (performance.now())
 * and the writer's progress after it. Progress is two monotonic counters: characters ever
 * inserted (the writer's Yjs clock; the traces are ASCII, one clock tick per character) and
 * characters ever deleted (clock − text length). Every transaction raises at least one of
 * them, so a replica holding at least both counters of entry i has applied transaction i.
 */
export class EditLog {
  readonly started: number[] = [];
  readonly inserted: number[] = [];
  readonly deleted: number[] = [];

  constructor(readonly writer: Peer | { doc: Y.Doc; text: Y.Text }) {}

  get count(): number {
    return this.started.length;
  }

  /** Records a transaction that started at `startedAt`; false when it changed nothing. */
  record(startedAt: number): boolean {
    const inserted = Y.getState(this.writer.doc.store, this.writer.doc.clientID);
    const deleted = inserted - this.writer.text.length;
    const last = this.count - 1;
    if (last >= 0 && inserted === this.inserted[last] && deleted === this.deleted[last]) return false;
    this.started.push(startedAt);
    this.inserted.push(inserted);
    this.deleted.push(deleted);
    return true;
  }
}

/** Follows one reader's doc and the time each writer transaction became visible in it. */
export class ReaderCursor {
  next = 0;
  readonly latencies: number[] = [];
  private onCaughtUp: (() => void) | undefined;
  private readonly onUpdate = () => this.advance(performance.now());

  constructor(
    private readonly log: EditLog,
    private readonly reader: Peer,
  ) {
    // 'update' fires once the reader's transaction applying the relayed message is done.
    reader.doc.on('update', this.onUpdate);
  }

  private advance(now: number): void {
    const inserted = Y.getState(this.reader.doc.store, this.log.writer.doc.clientID);
    const deleted = inserted - this.reader.text.length;
    const { log } = this;
    while (this.next < log.count && log.inserted[this.next]! <= inserted && log.deleted[this.next]! <= deleted) {
      this.latencies.push(now - log.started[this.next]!);
      this.next++;
    }
    if (this.next === log.count) this.onCaughtUp?.();
  }

  /** Resolves once the reader has applied every transaction logged so far. */
  caughtUp(what: string, timeoutMs: number): Promise<void> {
    return until(what, timeoutMs, (resolve) => {
      if (this.next === this.log.count) return resolve();
      this.onCaughtUp = resolve;
      return () => (this.onCaughtUp = undefined);
    });
  }

  detach(): void {
    this.reader.doc.off('update', this.onUpdate);
  }
}

/** Sorted copy; percentiles are read from it. */
export const sorted = (values: number[]): number[] => [...values].sort((a, b) => a - b);

/** Waits until `at` (performance.now() time): the pace of a replay, not a wait for a condition. */
export const sleepUntil = (at: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, Math.max(0, at - performance.now())));

/** Lets the event loop run (sockets, server, readers) between chunks of an unpaced replay. */
export const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
