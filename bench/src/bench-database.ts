import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../server/src/db/embedded-postgres.js';
import { sleep } from './harness.js';

/** A database of one bench run's own, on DATABASE_URL's server or an embedded PostgreSQL. */
export interface BenchDatabase {
  name: string;
  /** The run's database. */
  url: string;
  /** A connection to the server as the admin URL gives it (for sizes and backend lists). */
  admin: pg.Client;
  /** e.g. `PostgreSQL 18.4 (embedded)`. */
  label: string;
  /** Drops the database once its connections are gone, then stops an embedded server. */
  drop(): Promise<void>;
}

/**
 * Creates database `name` on the server at DATABASE_URL, or on an embedded PostgreSQL in a
 * temporary directory (`tmpPrefix`) when it is unset.
 */
export async function openBenchDatabase(name: string, tmpPrefix: string): Promise<BenchDatabase> {
  let embedded: EmbeddedPostgres | undefined;
  let dataDir: string | undefined;
  if (!process.env.DATABASE_URL) {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), tmpPrefix));
    await fs.chmod(dataDir, 0o755);
    embedded = await startEmbeddedPostgres({ dataDir });
  }
  const adminUrl = process.env.DATABASE_URL ?? embedded!.url;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  const version = (await admin.query<{ server_version: string }>('show server_version')).rows[0]!.server_version;
  let dropping: Promise<void> | undefined;
  return {
    name,
    url: Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString(),
    admin,
    label: `PostgreSQL ${version} (${process.env.DATABASE_URL ? 'DATABASE_URL' : 'embedded'})`,
    drop: () =>
      (dropping ??= (async () => {
        // A pool resolves its end() before its connections' goodbyes reach the server; a
        // forced drop meanwhile would hit them as errors. Wait until they are gone.
        const deadline = performance.now() + 5_000;
        while (performance.now() < deadline) {
          const { rows } = await admin
            .query<{ n: number }>('select count(*)::int as n from pg_stat_activity where datname = $1', [name])
            .catch(() => ({ rows: [{ n: 0 }] }));
          if (rows[0]!.n === 0) break;
          await sleep(50);
        }
        await admin
          .query(`drop database if exists "${name}" with (force)`)
          .catch((error: unknown) => console.error(`could not drop ${name}: ${String(error)}`));
        await admin.end().catch(() => undefined);
        await embedded?.stop().catch(() => undefined);
        if (dataDir) await fs.rm(dataDir, { recursive: true, force: true }).catch(() => undefined);
      })()),
  };
}
