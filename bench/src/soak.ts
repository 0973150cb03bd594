import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { type BenchDatabase, openBenchDatabase } from './bench-database.js';
import { snapshot, usageBetween, round, type Snapshot } from './capacity/measure.js';
import { PostgresCpu, killChildren, startServer, type ServerChild } from './capacity/processes.js';
import { percentile, sleep, waitFor } from './harness.js';
import { Seed } from './seed.js';
import { Failures, SoakApi, type OperationClass } from './soak/api.js';
import { EditorFleet, PACE } from './soak/editors.js';
import { seedFleet } from './soak/fleet.js';
import { jobFigures } from './soak/jobs.js';
import { loadAverage, schedstatOf } from './soak/metrics.js';
import { WebhookReceiver } from './soak/receiver.js';
import {
  latencyRow,
  mib,
  printCriteria,
  printLatencies,
  printMinutes,
  slope,
  usageRow,
  type Criterion,
  type MinuteSample,
} from './soak/report.js';
import { SubscriberFleet } from './soak/subscribers.js';
import { WEBHOOK_EVENTS, Workflow } from './soak/workflow.js';

/**
 * `pnpm bench:soak`: a busy instance for a bounded stretch of a day. The built server runs
 * in a child process as in production; this process is its people: SOAK_PROPOSALS
 * proposals (default 300), each with 2–3 editors typing editing traces at human pace on
 * collaboration sockets, 3 graphql-ws subscribers of its events, comments across the
 * fleet, a freeze, signatures with passkeys and a milestone every few minutes per proposal,
 * webhooks to a receiver on loopback for some proposals, and reads of proposal pages.
 * Runs SOAK_MINUTES (default 10) of load, then checks that everything sent arrived.
 * Prints a table and PASS/FAIL per criterion, writes bench/results/soak.json, exits 1 when
 * a criterion fails.
 *
 * Environment: SOAK_MINUTES, SOAK_PROPOSALS, SOAK_FREEZE_MINUTES (per proposal, default 4),
 * SOAK_COMMENT_SECONDS (across the fleet, default 2), SOAK_QUERY_SECONDS (default 0.5),
 * SOAK_WEBHOOK_EVERY (every n-th proposal, default 5), DATABASE_URL (else an embedded
 * PostgreSQL; a database of the soak's own is created and dropped), REDIS_URL (passed to
 * the server when set).
 */

const numberFrom = (name: string, fallback: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number (got ${raw})`);
  return value;
};

const MINUTES = numberFrom('SOAK_MINUTES', 10);
const PROPOSALS = Math.round(numberFrom('SOAK_PROPOSALS', 300));
const FREEZE_EVERY_MS = numberFrom('SOAK_FREEZE_MINUTES', 4) * 60_000;
const COMMENT_EVERY_MS = numberFrom('SOAK_COMMENT_SECONDS', 2) * 1000;
const QUERY_EVERY_MS = numberFrom('SOAK_QUERY_SECONDS', 0.5) * 1000;
const WEBHOOK_EVERY = Math.round(numberFrom('SOAK_WEBHOOK_EVERY', 5));
const SAMPLE_EVERY_MS = 60_000;
/** Latencies are taken after this warm-up (code paths, connections, the first loads). */
const WARMUP_MS = Math.min(60_000, (MINUTES * 60_000) / 5);
/** The limits. */
const RELAY_P99_MS = 100;
const GRAPHQL_P99_MS = 1000;
const SUBSCRIPTION_P99_MS = 1000;
const WEBHOOK_P99_MS = 10_000;
const MEMORY_GROWTH_PCT = 10;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const redisUrl = process.env.REDIS_URL;
const startedAt = new Date();
const started = performance.now();
const dbName = `brieflock_soak_${process.pid}`;

let database: BenchDatabase | undefined;
let seed: Seed | undefined;
let db: pg.Pool | undefined;
let server: ServerChild | undefined;
let editors: EditorFleet | undefined;
let subscribers: SubscriberFleet | undefined;
let receiver: WebhookReceiver | undefined;

let cleaning: Promise<void> | undefined;
const cleanup = () =>
  (cleaning ??= (async () => {
    editors?.close();
    await subscribers?.close().catch(() => undefined);
    await receiver?.close().catch(() => undefined);
    await server?.stop().catch(() => undefined);
    killChildren();
    await seed?.close().catch(() => undefined);
    await db?.end().catch(() => undefined);
    await database?.drop();
  })());
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping the server and dropping the database`);
    void cleanup().finally(() => process.exit(130));
  });
}

const failures = new Failures();
let passed = false;
const results: Record<string, unknown> = {};
try {
  database = await openBenchDatabase(dbName, 'brieflock-soak-pg-');
  const { admin, url: databaseUrl } = database;
  const cpus = os.cpus();
  const machine = `${cpus.length} × ${cpus[0]?.model.trim() ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const postgres = `${database.label}${redisUrl ? ', Redis' : ''}`;
  console.log(`soak of one instance: ${machine}; ${postgres}; ${startedAt.toISOString()}`);
  console.log(
    `${PROPOSALS} proposals, ${MINUTES} min of load; per proposal a freeze every ${FREEZE_EVERY_MS / 60_000} min; fleet-wide a comment every ${COMMENT_EVERY_MS / 1000} s and a query every ${QUERY_EVERY_MS / 1000} s; a webhook on every ${WEBHOOK_EVERY}th proposal`,
  );

  // The server applies the migrations at start-up: once, before anything is seeded.
  // A variable, not a literal: the server takes more settings than the capacity cases pass.
  const env = {
    DATABASE_URL: databaseUrl,
    WEBHOOK_ALLOW_PRIVATE: 'true',
    ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
  };
  await (await startServer(root, 'migrations', env)).stop();
  seed = new Seed(databaseUrl);
  db = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  const proposals = await seedFleet(seed, db, PROPOSALS);
  server = await startServer(root, 'soak', env);
  const api = new SoakApi(server.url, failures);
  receiver = new WebhookReceiver(failures);
  await receiver.start();
  subscribers = new SubscriberFleet(server.url, proposals, failures);
  editors = new EditorFleet(server.collabUrl, proposals);
  const workflow = new Workflow(api, server.url, proposals, subscribers, {
    commentEveryMs: COMMENT_EVERY_MS,
    queryEveryMs: QUERY_EVERY_MS,
    freezeEveryMs: FREEZE_EVERY_MS,
    webhookEvery: WEBHOOK_EVERY,
  });

  const setup = performance.now();
  await workflow.registerWebhooks(receiver.url);
  await workflow.registerPasskeys(8);
  await subscribers.connect();
  await editors.connect();
  const editorsCount = editors.peers.length;
  console.log(
    `setup: ${editorsCount} editors, ${subscribers.connections} subscribers, ${workflow.webhookPaths.size} webhooks, passkeys registered in ${round((performance.now() - setup) / 1000)} s`,
  );

  const databaseBytes = async () =>
    Number((await admin.query<{ size: string }>('select pg_database_size($1) as size', [dbName])).rows[0]!.size);
  const probes = { servers: [server], postgres: new PostgresCpu(admin, dbName) };
  const loadStart = performance.now();
  const loadWallStart = new Date();
  const serverCpuAtStart = server.cpuSeconds();
  const loadEnd = loadStart + MINUTES * 60_000;
  editors.start();
  workflow.start(WARMUP_MS);
  const samples: MinuteSample[] = [];
  let previous: Snapshot = await snapshot(probes);
  let previousSched = schedstatOf(server.pid);
  const sample = async () => {
    const now = await snapshot(probes);
    const usage = usageRow(usageBetween(previous, now));
    const sched = schedstatOf(server!.pid);
    const relayWindow = editors!.latencies.window(previous.at, now.at);
    const waitPct = round(((sched.waitNs - previousSched.waitNs) / 1e6 / (now.at - previous.at)) * 100, 1);
    previous = now;
    previousSched = sched;
    const row: MinuteSample = {
      at: Math.round((performance.now() - loadStart) / 1000),
      rssMiB: mib(server!.rssBytes()),
      databaseMiB: mib(await databaseBytes()),
      ...usage,
      serverRunQueueWaitPct: waitPct,
      loadAverage: loadAverage(),
      relayP99Ms: round(percentile(relayWindow, 99), 1),
      editsSent: editors!.editsSent,
      requests: api.requests,
      errors: failures.total,
    };
    samples.push(row);
    console.log(
      `  ${row.at} s: RSS ${row.rssMiB} MiB, DB ${row.databaseMiB} MiB, CPU % server ${row.serverCpuPct} PG ${row.postgresCpuPct} load gen ${row.generatorCpuPct} machine ${row.machineCpuPct}, server waits for a core ${row.serverRunQueueWaitPct} %, load avg ${row.loadAverage}, relay p99 ${row.relayP99Ms} ms, loop p99 server ${row.serverLoopP99Ms} load gen ${row.generatorLoopP99Ms} ms, loop max server ${row.serverLoopMaxMs} load gen ${row.generatorLoopMaxMs} ms, server GC ${row.serverGcMs} ms, ${row.editsSent} edits, ${row.requests} requests, ${row.errors} errors${row.errors ? ` ${JSON.stringify(Object.fromEntries(failures.counts))}` : ''}`,
    );
  };
  await sample();
  let halfMemory: NodeJS.MemoryUsage | undefined;
  while (performance.now() < loadEnd) {
    const next = Math.min(loadEnd, loadStart + samples.length * SAMPLE_EVERY_MS);
    await sleep(Math.max(0, next - performance.now()));
    await sample();
    if (!halfMemory && performance.now() - loadStart >= (loadEnd - loadStart) / 2)
      halfMemory = await server.memoryAfterGc().catch((error: unknown) => {
        console.log(`  memory after GC not read: ${(error as Error).message}`);
        return undefined;
      });
  }
  const endMemory = await server.memoryAfterGc().catch((error: unknown) => {
    console.log(`  memory after GC not read: ${(error as Error).message}`);
    return undefined;
  });
  editors.stop();
  await workflow.stop();
  const loadStop = performance.now();

  // Everything sent must arrive: edits at every other editor and durable, events at every
  // subscriber, webhook deliveries at the receiver.
  const settled = await editors.settle(60_000);
  await waitFor(() => subscribers!.missing().total === 0, 'every event at every subscriber', 30_000, 50).catch(
    () => undefined,
  );
  const webhookMissing = () => {
    let total = 0;
    const byKind: Record<string, number> = {};
    for (const [proposalId, webhookPath] of workflow.webhookPaths) {
      for (const [kind, count] of subscribers!.expected.get(proposalId) ?? new Map<string, number>()) {
        if (!WEBHOOK_EVENTS.includes(kind)) continue;
        const short = Math.max(0, count - receiver!.count(webhookPath, kind));
        if (short > 0) {
          total += short;
          byKind[kind] = (byKind[kind] ?? 0) + short;
        }
      }
    }
    return { total, byKind };
  };
  await waitFor(() => webhookMissing().total === 0, 'every webhook delivery', 60_000, 100).catch(() => undefined);
  const missingEvents = subscribers.missing();
  const missingWebhooks = webhookMissing();
  // Everything the load asked of the server was done by now (backlog included): its CPU
  // over the load and the settling, spread over the load's duration, is what the load needs.
  const serverCpuDemandPct = round(
    ((server.cpuSeconds() - serverCpuAtStart) / ((loadStop - loadStart) / 1000)) * 100,
    1,
  );
  const metrics = await server.metrics();
  const finalRss = server.rssBytes();

  // Figures.
  const from = loadStart + WARMUP_MS;
  const relay = latencyRow(
    'relay: edit sent → received by each other editor (edits that insert)',
    editors.latencies.window(from, loadStop),
  );
  const classes: [OperationClass, string][] = [
    ['query', 'GraphQL queries (proposal page, list, version)'],
    ['comment', 'GraphQL mutations: comment (startThread, replyToThread)'],
    ['freeze', 'GraphQL mutations: freeze (freezeProposal)'],
    ['sign', 'GraphQL mutations: sign (startVersionSigning, signVersion)'],
    ['milestone', 'GraphQL mutations: milestone (start, submit, accept)'],
  ];
  const graphql = classes.map(([kind, what]) => ({ kind, ...latencyRow(what, api.window(kind, from, Infinity)) }));
  const subscription = latencyRow('subscription: event published → received', subscribers.window(from, Infinity));
  const webhook = latencyRow('job: webhook event → received by the receiver', receiver.window(from, Infinity));
  const half = Math.floor(samples.length / 2);
  const rssHalf = samples.find((s) => s.at >= (MINUTES * 60) / 2)?.rssMiB ?? samples[half]!.rssMiB;
  const rssEnd = samples.at(-1)!.rssMiB;
  const growthPct = round(((rssEnd - rssHalf) / rssHalf) * 100, 1);
  const heapHalf = halfMemory ? mib(halfMemory.heapUsed) : NaN;
  const heapEnd = endMemory ? mib(endMemory.heapUsed) : NaN;
  const afterWarmup = samples.filter((s) => s.at * 1000 >= WARMUP_MS);
  const dbPerHourMiB = round(
    slope(
      afterWarmup.map((s) => s.at),
      afterWarmup.map((s) => s.databaseMiB),
    ) * 3600,
    1,
  );
  const tables = (
    await db.query<{ name: string; bytes: string }>(
      `select n.nspname || '.' || c.relname as name, pg_total_relation_size(c.oid) as bytes
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema')
        order by pg_total_relation_size(c.oid) desc limit 8`,
    )
  ).rows.map((row) => ({ table: row.name, MiB: mib(Number(row.bytes)) }));
  // A pool's answer on a dead connection would still show as an error above; this keeps sockets in view.
  // E-mail and webhook deliveries go through the durable job queue.
  const jobs = await jobFigures(db, loadWallStart, 60_000);
  const errorsByKind: Record<string, number> = Object.fromEntries(failures.counts);
  if (jobs.failed) errorsByKind['jobs failed'] = jobs.failed;
  if (jobs.backlog) errorsByKind['jobs not done 60 s after the load'] = jobs.backlog;
  if (settled.undelivered) errorsByKind['editors missing edits'] = settled.undelivered;
  if (settled.notDurable) errorsByKind['editors with edits not durable'] = settled.notDurable;
  if (settled.unexpectedCloses) errorsByKind['collab sockets closed unexpectedly'] = settled.unexpectedCloses;
  if (missingEvents.total) errorsByKind['event deliveries missing'] = missingEvents.total;
  if (missingWebhooks.total) errorsByKind['webhook deliveries missing'] = missingWebhooks.total;
  if (receiver.duplicates) errorsByKind['webhook deliveries repeated'] = receiver.duplicates;
  const errors = Object.values(errorsByKind).reduce((sum, n) => sum + n, 0);

  const criteria: Criterion[] = [
    {
      name: 'errors (requests, sockets, missing deliveries)',
      limit: '0',
      measured: String(errors),
      pass: errors === 0,
    },
    {
      name: 'server RSS growth over the last half',
      limit: `≤ ${MEMORY_GROWTH_PCT} %`,
      measured: `${growthPct} % (${rssHalf} → ${rssEnd} MiB)`,
      pass: growthPct <= MEMORY_GROWTH_PCT,
    },
    {
      name: 'relay p99',
      limit: `< ${RELAY_P99_MS} ms`,
      measured: `${relay.p99Ms} ms`,
      pass: relay.p99Ms < RELAY_P99_MS,
    },
    ...graphql.map((row) => ({
      name: `GraphQL ${row.kind} p99`,
      limit: `< ${GRAPHQL_P99_MS} ms`,
      measured: `${row.p99Ms} ms (${row.samples})`,
      pass: row.samples > 0 && row.p99Ms < GRAPHQL_P99_MS,
    })),
    {
      name: 'subscription delivery p99',
      limit: `< ${SUBSCRIPTION_P99_MS} ms`,
      measured: `${subscription.p99Ms} ms`,
      pass: subscription.samples > 0 && subscription.p99Ms < SUBSCRIPTION_P99_MS,
    },
    {
      name: 'webhook delivery p99',
      limit: `< ${WEBHOOK_P99_MS / 1000} s`,
      measured: `${webhook.p99Ms} ms`,
      pass: webhook.samples > 0 && webhook.p99Ms < WEBHOOK_P99_MS,
    },
  ];
  passed = criteria.every((c) => c.pass);

  const loadSeconds = (loadStop - loadStart) / 1000;
  const load = {
    proposals: PROPOSALS,
    editors: editorsCount,
    subscribers: subscribers.connections,
    webhooks: workflow.webhookPaths.size,
    minutes: MINUTES,
    pace: PACE,
    freezeEveryMinutes: FREEZE_EVERY_MS / 60_000,
    commentEverySeconds: COMMENT_EVERY_MS / 1000,
    queryEverySeconds: QUERY_EVERY_MS / 1000,
    editsPerSecond: round(editors.editsSent / loadSeconds),
    /** Edits that only deleted: sent and counted, not timed (they carry no id a reader follows). */
    deletionOnlyEdits: editors.deletionsOnly,
    requestsPerSecond: round(api.requests / loadSeconds),
    eventDeliveries: subscribers.arrivedAt.length,
    webhookDeliveries: receiver.arrivedAt.length,
    ...workflow.counts,
  };
  console.log(
    `\nload: ${load.editors} editors (${load.editsPerSecond} edits/s), ${load.subscribers} subscribers (${load.eventDeliveries} deliveries), ${load.requestsPerSecond} GraphQL requests/s: ${load.queries} queries, ${load.comments} comments, ${load.freezes} freezes, ${load.signatures} signatures (${load.executed} executed), ${load.milestonesAccepted} milestones accepted, ${load.webhookDeliveries} webhook deliveries to ${load.webhooks} endpoints`,
  );
  const mean = (values: number[]) => round(values.reduce((a, b) => a + b, 0) / Math.max(1, values.length), 1);
  const averages = {
    serverCpuPct: mean(afterWarmup.map((s) => s.serverCpuPct)),
    postgresCpuPct: mean(afterWarmup.map((s) => s.postgresCpuPct)),
    generatorCpuPct: mean(afterWarmup.map((s) => s.generatorCpuPct)),
    machineCpuPct: mean(afterWarmup.map((s) => s.machineCpuPct)),
    serverRunQueueWaitPct: mean(afterWarmup.map((s) => s.serverRunQueueWaitPct)),
    loadAverage: mean(afterWarmup.map((s) => s.loadAverage)),
    serverCpuDemandPct,
  };
  console.log(
    `after warm-up, on average: server ${averages.serverCpuPct} % of a core, PostgreSQL ${averages.postgresCpuPct} %, load generator ${averages.generatorCpuPct} %, whole machine ${averages.machineCpuPct} % of its 200 %; the server's event loop waited for a free core ${averages.serverRunQueueWaitPct} % of the time; load average ${averages.loadAverage}; the server's CPU over the load and the settling after it, per second of load: ${serverCpuDemandPct} % of a core`,
  );
  printLatencies(`Latency (after ${WARMUP_MS / 1000} s of warm-up; e-mail over the whole load)`, [
    relay,
    ...graphql,
    subscription,
    webhook,
    ...jobs.queues.map((queue) => queue.latency),
  ]);
  for (const queue of jobs.queues) console.log(`jobs ${queue.queue} by state: ${JSON.stringify(queue.states)}`);
  printMinutes(samples);
  console.log(
    `\nserver heap after GC: ${heapHalf} MiB at half time, ${heapEnd} MiB at the end; RSS after settling ${mib(finalRss)} MiB; documents loaded ${metrics.get('brieflock_collab_documents_loaded')}`,
  );
  console.log(`database: ${dbPerHourMiB} MiB per hour of this load (slope of pg_database_size); largest tables:`);
  for (const { table, MiB } of tables) console.log(`  ${table}: ${MiB} MiB`);
  if (errors > 0) {
    console.log('\nerrors by kind:', JSON.stringify(errorsByKind));
    if (Object.keys(missingEvents.byKind).length)
      console.log('missing events by kind:', JSON.stringify(missingEvents.byKind));
    if (Object.keys(missingWebhooks.byKind).length)
      console.log('missing webhooks by kind:', JSON.stringify(missingWebhooks.byKind));
    for (const failure of failures.samples.slice(0, 10))
      console.log(`  at ${round((failure.at - loadStart) / 1000)} s: ${failure.what}`);
  }
  const extra = subscribers.extra();
  if (Object.keys(extra).length) console.log('event deliveries beyond those expected, by kind:', JSON.stringify(extra));
  printCriteria(criteria);
  Object.assign(results, {
    date: startedAt.toISOString(),
    machine,
    database: postgres,
    load,
    averages,
    latency: { relay, graphql, subscription, webhook },
    jobs: jobs.queues,
    memory: {
      rssHalfMiB: rssHalf,
      rssEndMiB: rssEnd,
      growthPct,
      heapAfterGcHalfMiB: heapHalf,
      heapAfterGcEndMiB: heapEnd,
    },
    database_: { perHourMiB: dbPerHourMiB, tables },
    errors: { total: errors, byKind: errorsByKind, samples: failures.samples.map((f) => f.what) },
    minutes: samples,
    criteria,
    passed,
  });
} finally {
  await cleanup();
}

const seconds = Math.round((performance.now() - started) / 1000);
results.durationSeconds = seconds;
console.log(`\ntook ${seconds} s: ${passed ? 'PASS' : 'FAIL'}`);
await fs.mkdir(path.join(root, 'bench/results'), { recursive: true });
await fs.writeFile(path.join(root, 'bench/results/soak.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log('wrote bench/results/soak.json');
process.exit(passed ? 0 : 1);
