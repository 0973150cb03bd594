import { CollabMessage } from '@brieflock/schema';
import * as decoding from 'lib0/decoding';
import pg from 'pg';
import * as Y from 'yjs';
import { CHUNK, PACE_MS, PACED_TRACE, PACED_TXNS, RAISED_THROTTLE, type Targets } from './collab.bench.js';
import { EditLog, openPeer, sleepUntil, sorted, until, whenSynced, yieldToLoop, type CollabTarget } from './collab/peers.js';
import { applyPatches, isNoop, loadTrace, type Txn } from './collab/trace.js';
import { percentile, result, type Result } from './harness.js';

/** Edits of the unpaced burst that measures sustained durable updates/s. */
const BURST_TRACE = 'automerge-paper';
const BURST_TXNS = 50_000;
/** Rows per INSERT in the reference loop: the same cap our update log uses. */
const REFERENCE_BATCH_ROWS = 2000;

interface Durability {
  /** Lag of every transaction that inserted text: local transaction → known durable. */
  lags: number[];
  /** Deletion-only transactions: a state vector cannot say whether they are durable. */
  deleteOnly: number;
  count: number;
  elapsedMs: number;
  savedMessages?: number;
}

/** Replays `txns` into the log's writer, paced or unpaced (paceMs 0); returns when the first edit started. */
async function drive(log: EditLog, txns: Txn[], paceMs: number): Promise<number> {
  const { doc, text } = log.writer;
  const firstEditAt = performance.now();
  for (let i = 0; i < txns.length; i++) {
    if (paceMs > 0) await sleepUntil(firstEditAt + i * paceMs);
    else if (i % CHUNK === 0) await yieldToLoop();
    const startedAt = performance.now();
    doc.transact(() => applyPatches(text, txns[i]!.patches));
    log.record(startedAt);
  }
  return firstEditAt;
}

/** Lags of the transactions that inserted (raised the writer's clock) from their durable times. */
function summarize(log: EditLog, durableAt: number[], firstEditAt: number, extra: Partial<Durability> = {}): Durability {
  const lags: number[] = [];
  let deleteOnly = 0;
  for (let i = 0; i < log.count; i++) {
    if (i > 0 && log.inserted[i] === log.inserted[i - 1]) deleteOnly++;
    else lags.push(durableAt[i]! - log.started[i]!);
  }
  return { lags: sorted(lags), deleteOnly, count: log.count, elapsedMs: durableAt.reduce((max, at) => Math.max(max, at), 0) - firstEditAt, ...extra };
}

/**
 * Ours: the writer asks for SAVED (type 100) messages; a transaction is durable when a
 * SAVED state vector covers the writer's clock after it. A deletion-only transaction does
 * not raise the clock, so it counts as durable with the next covered insertion (our update
 * log commits in arrival order) and is left out of the lag figures.
 */
async function oursDurability(target: CollabTarget, txns: Txn[], paceMs: number): Promise<Durability> {
  const { room, params } = await target.newRoom();
  const writer = openPeer(target, room, { ...params, saved: '1' });
  const log = new EditLog(writer);
  const durableAt: number[] = [];
  let savedMessages = 0;
  let durableClock = 0;
  let scanned = 0;
  let onAllDurable: (() => void) | undefined;
  // messageHandlers is a per-provider copy (y-websocket 3.1.0 slices the module's array).
  writer.provider.messageHandlers[CollabMessage.SAVED] = (_encoder, decoder) => {
    const now = performance.now();
    const stateVector = Y.decodeStateVector(decoding.readVarUint8Array(decoder));
    savedMessages++;
    durableClock = Math.max(durableClock, stateVector.get(writer.doc.clientID) ?? 0);
    // Durable: everything up to the last covered insertion. Deletions after it wait for
    // a later insertion to be covered (the replay ends with one, see trimToInsertion).
    let confirmed = durableAt.length;
    while (scanned < log.count && log.inserted[scanned]! <= durableClock) {
      if (scanned === 0 || log.inserted[scanned] !== log.inserted[scanned - 1]) confirmed = scanned + 1;
      scanned++;
    }
    while (durableAt.length < confirmed) durableAt.push(now);
    if (durableAt.length === log.count) onAllDurable?.();
  };
  try {
    await whenSynced(target, [writer]);
    const firstEditAt = await drive(log, trimToInsertion(txns), paceMs);
    await until(`${target.name}: SAVED covering all ${log.count} transactions (durable so far: ${durableAt.length})`, 60_000, (resolve, reject) => {
      if (durableAt.length === log.count) return resolve();
      onAllDurable = resolve;
      const onClose = (event: { code: number; reason: string } | null) => reject(new Error(`${target.name}: socket closed (code ${event?.code}) before everything was SAVED`));
      writer.provider.on('connection-close', onClose);
      return () => writer.provider.off('connection-close', onClose);
    });
    return summarize(log, durableAt, firstEditAt, { savedMessages });
  } finally {
    writer.close();
  }
}

/** Cuts trailing deletion-only transactions, whose durability no state vector can confirm. */
function trimToInsertion(txns: Txn[]): Txn[] {
  let end = txns.length;
  while (end > 0 && txns[end - 1]!.patches.every(([, , insert]) => insert.length === 0)) end--;
  return txns.slice(0, end);
}

/**
 * Reference: the same writer and payloads, each Yjs update queued at its local transaction,
 * and a plain loop that inserts whatever is queued (up to 2000 rows) into a scratch table
 * shaped like brief_updates in the same database, one autocommit INSERT at a time.
 */
async function referenceDurability(databaseUrl: string, txns: Txn[], paceMs: number): Promise<Durability> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const doc = new Y.Doc();
  const log = new EditLog({ doc, text: doc.getText('bench') });
  const queue: { index: number; data: Buffer }[] = [];
  const durableAt: number[] = [];
  let wake: (() => void) | undefined;
  let writing = true;
  doc.on('update', (update: Uint8Array) => {
    // Fires inside transact, before log.record: the entry about to be recorded.
    queue.push({ index: log.count, data: Buffer.from(update.buffer, update.byteOffset, update.byteLength) });
    wake?.();
  });
  const room = `reference-${process.pid}-${Date.now()}`;
  const loop = async () => {
    while (writing || queue.length > 0) {
      if (queue.length === 0) {
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
        continue;
      }
      const batch = queue.splice(0, REFERENCE_BATCH_ROWS);
      await client.query('insert into bench_update_scratch (proposal_id, data) select $1, unnest($2::bytea[])', [room, batch.map((item) => item.data)]);
      const now = performance.now();
      for (const item of batch) durableAt[item.index] = now;
    }
  };
  try {
    const looping = loop();
    const firstEditAt = await drive(log, trimToInsertion(txns), paceMs);
    writing = false;
    wake?.();
    await looping;
    return summarize(log, durableAt, firstEditAt);
  } finally {
    await client.end();
    doc.destroy();
  }
}

/** P3: persistence lag (paced) and sustained durable updates/s (unpaced burst), ours vs a batched insert loop. */
export async function benchPersistence(targets: Targets, databaseUrl: string): Promise<Result[]> {
  const paced = await loadTrace(PACED_TRACE);
  const burst = await loadTrace(BURST_TRACE);
  if (!paced || !burst) return [];
  const pacedTxns = paced.txns.filter((txn) => !isNoop(txn)).slice(0, PACED_TXNS);
  const burstTxns = burst.txns.filter((txn) => !isNoop(txn)).slice(0, BURST_TXNS);
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`create table if not exists bench_update_scratch (
    id bigserial primary key, proposal_id text not null, data bytea not null, created_at timestamptz not null default now())`);
  await admin.query('create index if not exists bench_update_scratch_proposal on bench_update_scratch (proposal_id, id)');
  try {
    const ours = targets.ours;
    const oursPaced = ours ? await oursDurability(ours, pacedTxns, PACE_MS) : undefined;
    const refPaced = await referenceDurability(databaseUrl, pacedTxns, PACE_MS);
    const oursBurst = ours ? await oursDurability(ours, burstTxns, 0) : undefined;
    const refBurst = await referenceDurability(databaseUrl, burstTxns, 0);
    const rate = (run: Durability | undefined) => (run ? run.count / (run.elapsedMs / 1000) : NaN);
    const pct = (run: Durability | undefined, p: number) => percentile(run?.lags ?? [], p);
    const round = (value: number) => Math.round(value * 1000) / 1000;
    return [
      result('P3', 'persistence lag p50, paced', pct(oursPaced, 50), pct(refPaced, 50), 'ms', {
        trace: `${PACED_TRACE}, first ${refPaced.count} txns, 1 txn / ${PACE_MS} ms`,
        samples: refPaced.lags.length,
        deleteOnlyTxnsNotMeasured: refPaced.deleteOnly,
        oursSavedMessages: oursPaced?.savedMessages ?? NaN,
        config: RAISED_THROTTLE,
      }),
      result('P3', 'persistence lag p99, paced', pct(oursPaced, 99), pct(refPaced, 99), 'ms'),
      result('P3', `durable updates/s, unpaced burst of ${refBurst.count} txns`, rate(oursBurst), rate(refBurst), 'updates/s', {
        trace: `${BURST_TRACE}, first ${refBurst.count} txns, writer yields every ${CHUNK} txns`,
        oursLagP50Ms: round(pct(oursBurst, 50)),
        oursLagP99Ms: round(pct(oursBurst, 99)),
        referenceLagP50Ms: round(pct(refBurst, 50)),
        referenceLagP99Ms: round(pct(refBurst, 99)),
        oursSavedMessages: oursBurst?.savedMessages ?? NaN,
        config: RAISED_THROTTLE,
      }),
    ];
  } finally {
    await admin.query('drop table if exists bench_update_scratch');
    await admin.end();
  }
}
