import pg from 'pg';
import * as Y from 'yjs';
import { CHUNK, PACE_MS, PACED_TRACE, PACED_TXNS, RAISED_THROTTLE, type Targets } from './collab.bench.js';
import {
  EditLog,
  openPeer,
  SavedFrames,
  sleepUntil,
  sorted,
  whenSynced,
  yieldToLoop,
  type CollabTarget,
} from './collab/peers.js';
import { applyPatches, isNoop, loadTrace, type Txn } from './collab/trace.js';
import { percentile, result, type Result } from './harness.js';

/** Edits of the unpaced burst that measures sustained durable updates/s. */
const BURST_TRACE = 'automerge-paper';
const BURST_TXNS = 50_000;
/** Rows per INSERT in the reference loop: the same cap our update log uses. */
const REFERENCE_BATCH_ROWS = 2000;

interface Durability {
  /** Lag of every transaction (deletion-only ones included): local transaction → known durable. */
  lags: number[];
  /** Transactions that only deleted (counted in `lags`, noted in the results). */
  deleteOnly: number;
  count: number;
  elapsedMs: number;
  savedMessages?: number;
}

/**
 * Replays `txns` into the log's writer, paced or unpaced (paceMs 0); returns when the first
 * edit started. `afterTxn` runs right after each transaction, told whether it was recorded.
 */
async function drive(
  log: EditLog,
  txns: Txn[],
  paceMs: number,
  afterTxn?: (recorded: boolean) => void,
): Promise<number> {
  const { doc, text } = log.writer;
  const firstEditAt = performance.now();
  for (let i = 0; i < txns.length; i++) {
    if (paceMs > 0) await sleepUntil(firstEditAt + i * paceMs);
    else if (i % CHUNK === 0) await yieldToLoop();
    const startedAt = performance.now();
    doc.transact(() => applyPatches(text, txns[i]!.patches));
    const recorded = log.record(startedAt);
    afterTxn?.(recorded);
  }
  return firstEditAt;
}

/** Lags of every transaction from their durable times. */
function summarize(
  log: EditLog,
  durableAt: number[],
  firstEditAt: number,
  extra: Partial<Durability> = {},
): Durability {
  const lags: number[] = [];
  let deleteOnly = 0;
  for (let i = 0; i < log.count; i++) {
    // Deletion-only: the writer's clock (characters ever inserted) did not move.
    if (i > 0 && log.inserted[i] === log.inserted[i - 1]) deleteOnly++;
    lags.push(durableAt[i]! - log.started[i]!);
  }
  return {
    lags: sorted(lags),
    deleteOnly,
    count: log.count,
    elapsedMs: durableAt.reduce((max, at) => Math.max(max, at), 0) - firstEditAt,
    ...extra,
  };
}

/**
 * Ours: the writer asks for SAVED (`CollabMessage.SAVED`) messages and counts the document frames it
 * sends (SavedFrames). Every transaction, deletion-only ones included, goes out as exactly
 * one document frame (checked); the transaction sent as frame n is durable when a SAVED
 * message's durable frame count reaches n.
 */
async function oursDurability(target: CollabTarget, txns: Txn[], paceMs: number): Promise<Durability> {
  const { room, params } = await target.newRoom();
  const writer = openPeer(target, room, { ...params, saved: '1' });
  const saved = new SavedFrames(writer);
  const log = new EditLog(writer);
  /** The document frame number each logged transaction was sent as. */
  const frameOf: number[] = [];
  const durableAt: number[] = [];
  const offSaved = saved.onSaved((now) => {
    while (durableAt.length < frameOf.length && frameOf[durableAt.length]! <= saved.durable) durableAt.push(now);
  });
  try {
    await whenSynced(target, [writer]);
    // Frames before the first edit (the writer's sync step 2) count too: numbering goes on from them.
    let lastFrame = saved.sent;
    const firstEditAt = await drive(log, txns, paceMs, (recorded) => {
      const frames = saved.sent - lastFrame;
      if (frames !== (recorded ? 1 : 0))
        throw new Error(
          `${target.name}: transaction ${log.count} went out as ${frames} document frames, expected ${recorded ? 1 : 0}`,
        );
      lastFrame = saved.sent;
      if (recorded) frameOf.push(lastFrame);
    });
    await saved.allDurable(`${target.name}: SAVED covering all ${log.count} transactions`, 60_000);
    if (durableAt.length !== log.count)
      throw new Error(`${target.name}: ${durableAt.length} of ${log.count} transactions timed as durable`);
    return summarize(log, durableAt, firstEditAt, { savedMessages: saved.savedMessages });
  } finally {
    offSaved();
    writer.close();
  }
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
      await client.query('insert into bench_update_scratch (proposal_id, data) select $1, unnest($2::bytea[])', [
        room,
        batch.map((item) => item.data),
      ]);
      const now = performance.now();
      for (const item of batch) durableAt[item.index] = now;
    }
  };
  try {
    const looping = loop();
    const firstEditAt = await drive(log, txns, paceMs);
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
  await admin.query(
    'create index if not exists bench_update_scratch_proposal on bench_update_scratch (proposal_id, id)',
  );
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
        deleteOnlyTxns: refPaced.deleteOnly,
        oursSavedMessages: oursPaced?.savedMessages ?? NaN,
        config: RAISED_THROTTLE,
      }),
      result('P3', 'persistence lag p99, paced', pct(oursPaced, 99), pct(refPaced, 99), 'ms'),
      result(
        'P3',
        `durable updates/s, unpaced burst of ${refBurst.count} txns`,
        rate(oursBurst),
        rate(refBurst),
        'updates/s',
        {
          trace: `${BURST_TRACE}, first ${refBurst.count} txns, writer yields every ${CHUNK} txns`,
          oursLagP50Ms: round(pct(oursBurst, 50)),
          oursLagP99Ms: round(pct(oursBurst, 99)),
          referenceLagP50Ms: round(pct(refBurst, 50)),
          referenceLagP99Ms: round(pct(refBurst, 99)),
          oursSavedMessages: oursBurst?.savedMessages ?? NaN,
          config: RAISED_THROTTLE,
        },
      ),
    ];
  } finally {
    await admin.query('drop table if exists bench_update_scratch');
    await admin.end();
  }
}
