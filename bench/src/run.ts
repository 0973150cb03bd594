import { randomBytes } from 'node:crypto';
import 'reflect-metadata';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { App } from '../../server/src/app.js';
import { loadConfig } from '../../server/src/config.js';
import { startEmbeddedPostgres } from '../../server/src/db/embedded-postgres.js';
import { createLogger } from '../../server/src/logger.js';
import { benchRelayLatency, benchUnpacedReplay, oursTarget } from './collab.bench.js';
import { startHocuspocusTarget } from './collab/hocuspocus.js';
import { startReferenceServer } from './collab/peers.js';
import { benchEventFanOut } from './events.bench.js';
import { benchFreeze } from './freeze.bench.js';
import { benchHeavyRequests } from './heavy.bench.js';
import { benchProposalQuery, benchResolverPath } from './graphql.bench.js';
import { printTable, type Result } from './harness.js';
import { benchMemory } from './memory.bench.js';
import { benchColdOpen } from './open.bench.js';
import { benchBundle } from './bundle.bench.js';
import { benchPersistence } from './persist.bench.js';

/**
 * `pnpm bench`: each case against a reference measured in the same run.
 * Prints a table and writes bench/results/latest.json.
 *
 * BENCH_ONLY=reference runs only the reference halves of the collaboration cases (P1–P3)
 * without starting our app, prints the table (ours = NaN) and writes no results file; the
 * other cases need our app and are left out.
 * BENCH_CASES=P1,P3 runs only those cases (for profiling; no results file either, the
 * notes are printed after the table instead).
 *
 * P11 measures a bystander document's relay while heavy requests (a large compare, a
 * large PDF) are hammered on the same app, against the same bystander idle.
 *
 * P1–P3 and P8 also measure the peer, Hocuspocus with its database extension
 * (collab/hocuspocus.ts), in this process; P9 runs it in a child process of its own.
 *
 * P6–P8 use the app started here (P6 publishes through `app.events`, P8 checks that the
 * document is unloaded before each open). P9 builds the server and runs it, and the
 * reference, in child processes of their own, so each one's memory is its own.
 */
const referenceOnly = process.env.BENCH_ONLY === 'reference';
const cases = process.env.BENCH_CASES?.split(',').map((id) => id.trim().toUpperCase());
const wanted = (id: string) => !cases || cases.includes(id);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'brieflock-bench-pg-'));
await fs.chmod(dataDir, 0o755);
const embedded = process.env.DATABASE_URL ? undefined : await startEmbeddedPostgres({ dataDir });
const adminUrl = process.env.DATABASE_URL ?? embedded!.url;
const dbName = `brieflock_bench_${process.pid}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`create database "${dbName}"`);
const databaseUrl = Object.assign(new URL(adminUrl), { pathname: `/${dbName}` }).toString();

const queries: string[] = [];
// The unpaced cases (P2, P3) send far more than the default 300 messages/s per connection;
// P1's pace (200/s) stays below it, so raising it changes nothing there.
const config = loadConfig({
  NODE_ENV: 'production',
  PORT: '0',
  HOST: '127.0.0.1',
  DATABASE_URL: databaseUrl,
  LOG_LEVEL: 'silent',
  COLLAB_MESSAGES_PER_SECOND: '1000000',
  // P1's writer and 10 readers are one signed-up person: 11 sockets on one document, above
  // the default of 8 per person per document.
  COLLAB_MAX_SOCKETS_PER_DOCUMENT: '16',
  // A key for this run only: production refuses to start without one.
  SIGNING_KEY: randomBytes(32).toString('base64url'),
});
let app: App | undefined;
let reference: Awaited<ReturnType<typeof startReferenceServer>> | undefined;
let peer: Awaited<ReturnType<typeof startHocuspocusTarget>> | undefined;

const results: Result[] = [];
try {
  if (!referenceOnly) {
    // Imported here so a reference-only run does not need the server to load.
    const { startApp } = await import('../../server/src/app.js');
    if (wanted('P4') || wanted('P5')) {
      // P5 counts statements through MikroORM's query log, which formats every statement
      // (bytea as hex text): only this app logs queries, the collaboration cases get a clean one.
      const graphqlApp = await startApp(config, createLogger('silent'), { onQuery: (sql) => queries.push(sql) });
      try {
        if (wanted('P4')) results.push(await benchResolverPath(graphqlApp));
        if (wanted('P5')) results.push(...(await benchProposalQuery(graphqlApp, databaseUrl, queries)));
      } finally {
        await graphqlApp.close();
      }
    }
    app = await startApp(config, createLogger('silent'));
  }
  reference = await startReferenceServer();
  // The peer (Hocuspocus) for the collaboration rows, in this process like the floor.
  const collabCases = ['P1', 'P2', 'P3', 'P8'].some(wanted);
  if (!referenceOnly && collabCases) peer = await startHocuspocusTarget(databaseUrl);
  const targets = { ours: app ? await oursTarget(app) : undefined, reference, peer };
  if (wanted('P1')) results.push(...(await benchRelayLatency(targets)));
  if (wanted('P2')) results.push(...(await benchUnpacedReplay(targets)));
  if (wanted('P3')) results.push(...(await benchPersistence(targets, databaseUrl)));
  if (app) {
    if (wanted('P6')) results.push(...(await benchEventFanOut(app, databaseUrl)));
    if (wanted('P7')) results.push(...(await benchFreeze(app, databaseUrl)));
    if (wanted('P8')) results.push(...(await benchColdOpen(app, databaseUrl, peer)));
    if (wanted('P11')) results.push(...(await benchHeavyRequests(app, databaseUrl)));
    // Both servers run in child processes of their own; the app above idles meanwhile.
    if (wanted('P9')) results.push(...(await benchMemory(root, databaseUrl)));
    if (wanted('P10')) results.push(...(await benchBundle(root)));
  }
} finally {
  await peer?.close();
  await reference?.close();
  await app?.close();
  await admin.query(`drop database if exists "${dbName}" with (force)`);
  await admin.end();
  await embedded?.stop();
  await fs.rm(dataDir, { recursive: true, force: true });
}

printTable(results);
const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
console.log(`\nmachine: ${machine}`);
if (referenceOnly || cases) {
  // No results file to read them from: show the notes here.
  for (const row of results) if (row.notes) console.log(`${row.id} ${row.case}: ${JSON.stringify(row.notes)}`);
  console.log('BENCH_ONLY or BENCH_CASES set: bench/results/latest.json left as it was');
} else {
  await fs.mkdir(path.join(root, 'bench/results'), { recursive: true });
  await fs.writeFile(path.join(root, 'bench/results/latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log('wrote bench/results/latest.json');
}
