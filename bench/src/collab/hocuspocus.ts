import { randomUUID } from 'node:crypto';
import { Database } from '@hocuspocus/extension-database';
import { Server } from '@hocuspocus/server';
import pg from 'pg';
import * as Y from 'yjs';
import type { CollabTarget } from './peers.js';

/**
 * The peer: Hocuspocus 4 (`@hocuspocus/server`) with `@hocuspocus/extension-database`
 * keeping each document in PostgreSQL, in a table of its own, as its documentation has it:
 * `fetch` reads the stored state, `store` upserts the state the extension encodes (the
 * whole document, `Y.encodeStateAsUpdate`). Everything else as it ships: `debounce` 2 s,
 * `maxDebounce` 10 s, `unloadImmediately`, no authentication hook (any token is accepted).
 *
 * This file imports packages only and uses only erasable TypeScript, so P9 can run it in a
 * child process of its own with Node's type stripping (`node bench/src/collab/hocuspocus.ts`,
 * PORT, HOST and DATABASE_URL from the environment).
 */
export const HOCUSPOCUS_TABLE = 'hocuspocus_documents';

/** What one completed `store` made durable: the document's snapshot when the extension encoded it. */
export type StoredListener = (stored: Y.Snapshot, durableAt: number) => void;

export interface HocuspocusServer {
  server: Server;
  port: number;
  /** Stores completed so far (every document). */
  stores(): number;
  /**
   * Calls `listener` after every completed store of `documentName` with the snapshot of the
   * document taken when its state was encoded for that store; returns its removal.
   */
  onStored(documentName: string, listener: StoredListener): () => void;
  close(): Promise<void>;
}

export async function startHocuspocusServer(options: {
  databaseUrl: string;
  port?: number;
  host?: string;
  /** In this process the bench owns the signals; a child process of its own stops on SIGTERM. */
  stopOnSignals?: boolean;
}): Promise<HocuspocusServer> {
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
  await pool.query(
    `create table if not exists ${HOCUSPOCUS_TABLE} (name text primary key, data bytea not null, updated_at timestamptz not null default now())`,
  );
  const listeners = new Map<string, Set<StoredListener>>();
  let stores = 0;
  const server = new Server({
    port: options.port ?? 0,
    address: options.host ?? '127.0.0.1',
    quiet: true,
    stopOnSignals: options.stopOnSignals ?? false,
    extensions: [
      new Database({
        fetch: async ({ documentName }) => {
          const { rows } = await pool.query<{ data: Buffer }>(`select data from ${HOCUSPOCUS_TABLE} where name = $1`, [
            documentName,
          ]);
          return rows[0] ? new Uint8Array(rows[0].data) : null;
        },
        store: async ({ documentName, document, state }) => {
          // The extension encoded `state` from `document` just before calling this, synchronously.
          const watching = listeners.get(documentName);
          const snapshot = watching?.size ? Y.snapshot(document) : undefined;
          await pool.query(
            `insert into ${HOCUSPOCUS_TABLE} (name, data) values ($1, $2)
             on conflict (name) do update set data = excluded.data, updated_at = now()`,
            [documentName, state],
          );
          stores++;
          const now = performance.now();
          if (snapshot) for (const listener of watching!) listener(snapshot, now);
        },
      }),
    ],
  });
  await server.listen();
  return {
    server,
    port: server.address.port,
    stores: () => stores,
    onStored(documentName, listener) {
      const set = listeners.get(documentName) ?? new Set<StoredListener>();
      listeners.set(documentName, set);
      set.add(listener);
      return () => set.delete(listener);
    },
    async close() {
      await server.destroy();
      await pool.end();
    },
  };
}

/** The peer as a collaboration target in this process, on a free port; a fresh document name per room. */
export async function startHocuspocusTarget(
  databaseUrl: string,
): Promise<CollabTarget & { hocuspocus: HocuspocusServer; close(): Promise<void> }> {
  const hocuspocus = await startHocuspocusServer({ databaseUrl });
  return {
    name: 'peer',
    client: 'hocuspocus',
    url: `ws://127.0.0.1:${hocuspocus.port}/collab`,
    reportsSaved: false,
    newRoom: async () => ({ room: randomUUID(), params: { token: 'hocuspocus-accepts-any-token' } }),
    hocuspocus,
    close: () => hocuspocus.close(),
  };
}

if (import.meta.main) {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL is required');
  await startHocuspocusServer({
    databaseUrl,
    port: Number(process.env.PORT ?? 0),
    host: process.env.HOST ?? '127.0.0.1',
    stopOnSignals: true,
  });
}
