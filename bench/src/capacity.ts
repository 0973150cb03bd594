import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { type BenchDatabase, openBenchDatabase } from './bench-database.js';
import { benchDocuments, printDocuments, type DocumentsRow } from './capacity/documents.js';
import {
  benchEditors,
  CPU_LIMIT_PCT,
  EDITORS_PER_DOCUMENT,
  KEYSTROKE_MS,
  P99_LIMIT_MS,
  printEditors,
} from './capacity/editors.js';
import { PostgresCpu, killChildren, redisAnswers, startServer } from './capacity/processes.js';
import { benchRedis, printRedis, type RedisResult } from './capacity/redis.js';
import { benchSubscribers, printSubscribers, type SubscribersResult } from './capacity/subscribers.js';
import { benchWrites, printWrites, type WritesRow } from './capacity/writes.js';
import { Seed } from './seed.js';

/**
 * `pnpm bench:capacity`: what one instance of the built server carries on this machine.
 * The server runs in child processes (`node server/dist/main.js`, as in production), the
 * load comes from this process. Parts:
 *   a. concurrent editors typing on one instance (steps until the limits are crossed)
 *   b. memory per open document and per connection
 *   c. durable updates per second into PostgreSQL, one document against many
 *   d. two instances through Redis: relay latency and the update rate that crosses
 *   e. event fan-out to 1k, 2k, 5k graphql-ws subscribers
 * Uses DATABASE_URL when set (a database of its own is created and dropped), else an
 * embedded PostgreSQL; Redis at REDIS_URL or redis://127.0.0.1:6379 for part d.
 * CAPACITY_PARTS=a,c runs only those parts (and leaves bench/results/capacity.json as it was).
 */

const EDITOR_STEPS = [50, 100, 200, 300, 400, 600, 800];
const DOCUMENTS = 1000;
const LARGE_DOCUMENTS = 50;
const DURABLE_UPDATES = 50_000;
const WRITE_SPREADS = [1, 10, 50, 200];
const REDIS_UNPACED_UPDATES = 20_000;
const SUBSCRIBER_LEVELS = [1000, 2000, 5000];

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const parts = process.env.CAPACITY_PARTS?.split(',').map((part) => part.trim().toLowerCase());
const wanted = (part: string) => !parts || parts.includes(part);
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const startedAt = new Date();
const started = performance.now();

let database: BenchDatabase | undefined;
let seed: Seed | undefined;
let db: pg.Pool | undefined;
const dbName = `brieflock_capacity_${process.pid}`;

let cleaning: Promise<void> | undefined;
const cleanup = () =>
  (cleaning ??= (async () => {
    killChildren();
    await seed?.close().catch(() => undefined);
    await db?.end().catch(() => undefined);
    await database?.drop();
  })());
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping the servers and dropping the database`);
    void cleanup().finally(() => process.exit(130));
  });
}

const results: Record<string, unknown> = {};
try {
  database = await openBenchDatabase(dbName, 'brieflock-capacity-pg-');
  const { admin, url: databaseUrl } = database;
  // The server applies the migrations at start-up: once, before anything is seeded.
  await (await startServer(root, 'migrations', { DATABASE_URL: databaseUrl })).stop();
  seed = new Seed(databaseUrl);
  db = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  const ctx = { root, databaseUrl, seed, db, postgres: new PostgresCpu(admin, dbName) };
  const cpus = os.cpus();
  const machine = `${cpus.length} × ${cpus[0]?.model.trim() ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const postgres = database.label;
  console.log(`capacity of one instance: ${machine}; ${postgres}; ${startedAt.toISOString()}`);
  Object.assign(results, { date: startedAt.toISOString(), machine, database: postgres });

  if (wanted('a')) {
    console.log('\na. editors on one instance …');
    const editors = await benchEditors(ctx, EDITOR_STEPS);
    results.editors = {
      ...editors,
      how: `${EDITORS_PER_DOCUMENT} editors per document, one character and one caret move every ${KEYSTROKE_MS} ms each; capacity = largest step with relay p99 < ${P99_LIMIT_MS} ms and server CPU < ${CPU_LIMIT_PCT} % of one core`,
    };
    printEditors(editors);
  }
  if (wanted('b')) {
    console.log('\nb. open documents …');
    const documents: DocumentsRow[] = await benchDocuments(ctx, DOCUMENTS, LARGE_DOCUMENTS);
    results.documents = documents;
    printDocuments(documents);
  }
  if (wanted('c')) {
    console.log('\nc. durable write rate …');
    const writes: WritesRow[] = await benchWrites(ctx, DURABLE_UPDATES, WRITE_SPREADS);
    results.writes = writes;
    printWrites(writes);
  }
  if (wanted('d')) {
    console.log('\nd. two instances through Redis …');
    if (await redisAnswers(redisUrl)) {
      const redis: RedisResult = await benchRedis(ctx, redisUrl, REDIS_UNPACED_UPDATES);
      results.redis = redis;
      printRedis(redis);
    } else {
      results.redis = { skipped: `no Redis answers at ${redisUrl}` };
      console.log(`d. SKIPPED: no Redis answers at ${redisUrl} (set REDIS_URL or start one at 127.0.0.1:6379)`);
    }
  }
  if (wanted('e')) {
    console.log('\ne. subscribers …');
    const subscribers: SubscribersResult = await benchSubscribers(ctx, SUBSCRIBER_LEVELS);
    results.subscribers = subscribers;
    printSubscribers(subscribers);
  }
} finally {
  await cleanup();
}

const seconds = Math.round((performance.now() - started) / 1000);
results.durationSeconds = seconds;
console.log(`\ntook ${seconds} s`);
if (parts) {
  console.log('CAPACITY_PARTS set: bench/results/capacity.json left as it was');
} else {
  await fs.mkdir(path.join(root, 'bench/results'), { recursive: true });
  await fs.writeFile(path.join(root, 'bench/results/capacity.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log('wrote bench/results/capacity.json');
}
