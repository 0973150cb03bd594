import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { docs, setupWSConnection } from '@y/websocket-server/utils';
import { WebsocketProvider } from 'y-websocket';
import WebSocket, { WebSocketServer } from 'ws';
import * as Y from 'yjs';

/** A y-websocket server to measure: ours or the reference, driven by identical clients. */
export interface CollabTarget {
  name: 'ours' | 'reference';
  /** Base URL the provider appends `/<room>` to, e.g. ws://127.0.0.1:4000/collab. */
  url: string;
  /** A fresh, empty document and the URL params every provider on it sends. */
  newRoom(): Promise<{ room: string; params: Record<string, string> }>;
  /**
   * Resolves when the server has finished the background work a replay left (ours: storing
   * it), so that work does not run into the next measurement. Unmeasured.
   */
  settle?(room: string, params: Record<string, string>, writer: Y.Doc): Promise<void>;
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
  server.on('upgrade', (request, socket, head) => wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const rooms: string[] = [];
  return {
    name: 'reference',
    url: `ws://127.0.0.1:${port}/collab`,
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

export interface Peer {
  doc: Y.Doc;
  text: Y.Text;
  provider: WebsocketProvider;
  close(): void;
}

// Every WebsocketProvider adds a process 'exit' listener; P1 holds 11 providers at once on purpose.
process.setMaxListeners(Math.max(process.getMaxListeners(), 32));

/** A real WebsocketProvider with its own Y.Doc; BroadcastChannel off so peers in this process meet only through the server. */
export function openPeer(target: CollabTarget, room: string, params: Record<string, string>): Peer {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(target.url, room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params,
  });
  return {
    doc,
    text: doc.getText('bench'),
    provider,
    close() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/**
 * Resolves when `start` calls resolve, rejects on its reject or after `timeoutMs`.
 * `start` registers listeners and returns their cleanup, which runs either way.
 */
export function until<T = void>(
  what: string,
  timeoutMs: number,
  start: (resolve: (value: T) => void, reject: (error: Error) => void) => (() => void) | void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let cleanup: (() => void) | void;
    let done = false;
    const finish = (settle: () => void) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      cleanup?.();
      settle();
    };
    const timer = setTimeout(() => finish(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`))), timeoutMs);
    cleanup = start(
      (value) => finish(() => resolve(value)),
      (error) => finish(() => reject(error)),
    );
    if (done) cleanup?.();
  });
}

/** Waits for every peer's first sync; a refused or closed socket fails at once with its close code. */
export function whenSynced(target: CollabTarget, peers: Peer[], timeoutMs = 15_000): Promise<void[]> {
  return Promise.all(
    peers.map(({ provider }) =>
      until(`${target.name}: provider sync on ${provider.url}`, timeoutMs, (resolve, reject) => {
        if (provider.synced) return resolve();
        const onSync = (synced: boolean) => synced && resolve();
        const onClose = (event: { code: number; reason: string } | null) =>
          reject(new Error(`${target.name}: socket closed before sync (code ${event?.code ?? 'none'} ${event?.reason ?? ''}) on ${provider.url}`));
        const onError = (event: Event) =>
          reject(new Error(`${target.name}: socket error before sync: ${(event as { message?: string }).message ?? 'unknown'} on ${provider.url}`));
        provider.on('sync', onSync);
        provider.on('connection-close', onClose);
        provider.on('connection-error', onError);
        return () => {
          provider.off('sync', onSync);
          provider.off('connection-close', onClose);
          provider.off('connection-error', onError);
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
