import os from 'node:os';
import pg from 'pg';
import * as Y from 'yjs';
import {
  CHUNK,
  PACE_MS,
  PACED_TRACE,
  PACED_TXNS,
  PEER_NOTE,
  RAISED_THROTTLE,
  ROUNDS,
  type Targets,
} from './collab.bench.js';
import { HOCUSPOCUS_TABLE, type HocuspocusServer } from './collab/hocuspocus.js';
import {
  EditLog,
  openPeer,
  SavedFrames,
  sleepUntil,
  sorted,
  until,
  whenSynced,
  yieldToLoop,
  type CollabTarget,
  type Peer,
} from './collab/peers.js';
import { applyPatches, isNoop, loadTrace, type Txn } from './collab/trace.js';
import { percentile, roundsResult, sleep, type Result, type Round } from './harness.js';

/** Edits of the unpaced burst that measures sustained durable updates/s. */
const BURST_TRACE = 'automerge-paper';
const BURST_TXNS = 50_000;
/** Rows per INSERT in the reference loop: the same cap our update log uses. */
const REFERENCE_BATCH_ROWS = 2000;
/** The sustained-load row: SUSTAINED_RATE updates/s in total for SUSTAINED_SECONDS, over DOCUMENTS × WRITERS_PER_DOCUMENT writers. */
const SUSTAINED_RATE = 4000;
const SUSTAINED_SECONDS = 10;
const SUSTAINED_DOCUMENTS = 4;
const WRITERS_PER_DOCUMENT = 2;
/** The goal the sustained row is checked against. */
const SUSTAINED_GOAL_P99_MS = 50;

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

/** The Hocuspocus target this bench starts (collab/hocuspocus.ts), with its store hook. */
type PeerTarget = CollabTarget & { hocuspocus: HocuspocusServer };

const isPeerTarget = (target: CollabTarget | undefined): target is PeerTarget =>
  target !== undefined && 'hocuspocus' in target;

/** Characters of `client` a snapshot holds as deleted (its delete set; garbage-collected runs included). */
const deletedIn = (snapshot: Y.Snapshot, client: number): number =>
  (snapshot.ds.clients.get(client) ?? []).reduce((sum, item) => sum + item.len, 0);

/**
 * Peer: the same writer over a HocuspocusProvider. A transaction is durable when a completed
 * `store` of the database extension (the upsert resolved) wrote a state holding it: the
 * snapshot taken when that state was encoded has at least the writer's inserted and deleted
 * counters after it. Hocuspocus calls `store` after its debounce (2 s after the last change,
 * at most 10 s after the first), so the lag includes it.
 */
async function peerDurability(target: PeerTarget, txns: Txn[], paceMs: number): Promise<Durability> {
  const { room, params } = await target.newRoom();
  const writer = openPeer(target, room, params);
  const log = new EditLog(writer);
  const durableAt: number[] = [];
  let stores = 0;
  let notify: (() => void) | undefined;
  const client = writer.doc.clientID;
  const offStored = target.hocuspocus.onStored(room, (snapshot, now) => {
    stores++;
    const inserted = snapshot.sv.get(client) ?? 0;
    const deleted = deletedIn(snapshot, client);
    while (
      durableAt.length < log.count &&
      log.inserted[durableAt.length]! <= inserted &&
      log.deleted[durableAt.length]! <= deleted
    )
      durableAt.push(now);
    notify?.();
  });
  try {
    await whenSynced(target, [writer]);
    const firstEditAt = await drive(log, txns, paceMs);
    await until(`${target.name}: a store holding all ${log.count} transactions`, 60_000, (resolve) => {
      const check = () => durableAt.length === log.count && resolve();
      notify = check;
      check();
      return () => (notify = undefined);
    });
    return summarize(log, durableAt, firstEditAt, { savedMessages: stores });
  } finally {
    offStored();
    writer.close();
  }
}

const DEBOUNCE_NOTE =
  "the peer's lag includes Hocuspocus's store debounce as it ships (2 s after the last change, at most 10 s): durable = its database extension's store (upsert) resolved";

/** P3: persistence lag (paced), durable updates/s (unpaced burst) and lag under sustained load: ours, a plain insert loop (the floor) and the peer, in rounds. */
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
  const ours = targets.ours;
  const peer = isPeerTarget(targets.peer) ? targets.peer : undefined;
  type Side = { ours?: Durability; reference: Durability; peer?: Durability };
  const measure = async (txns: Txn[], paceMs: number): Promise<Side[]> => {
    const rounds: Side[] = [];
    for (let n = 0; n < ROUNDS; n++) {
      const oursRun = ours ? await oursDurability(ours, txns, paceMs) : undefined;
      const reference = await referenceDurability(databaseUrl, txns, paceMs);
      const peerRun = peer ? await peerDurability(peer, txns, paceMs) : undefined;
      rounds.push({ ours: oursRun, reference, peer: peerRun });
    }
    return rounds;
  };
  const pickRounds = (rounds: Side[], read: (run: Durability) => number): Round[] =>
    rounds.map((r) => ({
      ours: r.ours ? read(r.ours) : NaN,
      reference: read(r.reference),
      peer: r.peer ? read(r.peer) : undefined,
    }));
  const rate = (run: Durability) => run.count / (run.elapsedMs / 1000);
  const pct = (p: number) => (run: Durability) => percentile(run.lags, p);
  const round = (value: number) => Math.round(value * 1000) / 1000;
  const perRound = (rounds: Side[], read: (run: Durability) => number) =>
    (['ours', 'reference', 'peer'] as const)
      .map((side) => `${side} ${rounds.map((r) => (r[side] ? round(read(r[side]!)) : '-')).join(' / ')}`)
      .join('; ');
  try {
    const pacedRounds = await measure(pacedTxns, PACE_MS);
    const burstRounds = await measure(burstTxns, 0);
    const sustained = await benchSustained(targets, peer, databaseUrl);
    const first = pacedRounds[0]!.reference;
    return [
      roundsResult('P3', 'persistence lag p50, paced', 'ms', pickRounds(pacedRounds, pct(50)), {
        trace: `${PACED_TRACE}, first ${first.count} txns, 1 txn / ${PACE_MS} ms, ${ROUNDS} rounds`,
        samples: first.lags.length,
        deleteOnlyTxns: first.deleteOnly,
        oursSavedMessages: perRound(pacedRounds, (run) => run.savedMessages ?? NaN),
        peer: `${PEER_NOTE}; ${DEBOUNCE_NOTE}`,
        config: RAISED_THROTTLE,
      }),
      roundsResult('P3', 'persistence lag p99, paced', 'ms', pickRounds(pacedRounds, pct(99))),
      roundsResult(
        'P3',
        `durable updates/s, unpaced burst of ${burstRounds[0]!.reference.count} txns`,
        'updates/s',
        pickRounds(burstRounds, rate),
        {
          trace: `${BURST_TRACE}, first ${burstRounds[0]!.reference.count} txns, writer yields every ${CHUNK} txns`,
          lagP50Ms: perRound(burstRounds, pct(50)),
          lagP99Ms: perRound(burstRounds, pct(99)),
          peer: DEBOUNCE_NOTE,
          config: RAISED_THROTTLE,
        },
      ),
      ...sustained,
    ];
  } finally {
    await admin.query('drop table if exists bench_update_scratch');
    await admin.end();
  }
}

/** One writer of the sustained load: a provider (ours, the peer) or a bare Y.Doc (the floor). */
interface SustainedWriter {
  room: string;
  doc: Y.Doc;
  text: Y.Text;
  /** performance.now() at each transaction, and the writer's clock after it (one character each). */
  started: number[];
  clocks: number[];
  durableAt: number[];
}

interface Sustained {
  lags: number[];
  count: number;
  /** Updates per second actually issued. */
  issuedPerSecond: number;
  /** Transactions not in what PostgreSQL holds afterwards, and the rows holding it. */
  lost: number;
  storedRows: number;
}

/**
 * Types SUSTAINED_RATE one-character insertions per second in total, round robin over the
 * writers, for SUSTAINED_SECONDS: every millisecond or so it issues whatever the rate says is
 * due, each its own transaction. Resolves with the rate actually issued, in updates/s.
 */
async function typeSustained(writers: SustainedWriter[], afterTxn: (writer: SustainedWriter) => void): Promise<number> {
  const total = SUSTAINED_RATE * SUSTAINED_SECONDS;
  const startedAt = performance.now();
  let issued = 0;
  // Each writer types at its own cursor, which moves on after each character (a person
  // typing), starting at the end; what the others type ahead of it shifts it.
  const cursors = new Map<SustainedWriter, number>();
  while (issued < total) {
    const due = Math.min(total, Math.floor(((performance.now() - startedAt) * SUSTAINED_RATE) / 1000) + 1);
    for (; issued < due; issued++) {
      const writer = writers[issued % writers.length]!;
      const t0 = performance.now();
      const at = Math.min(cursors.get(writer) ?? writer.text.length, writer.text.length);
      writer.doc.transact(() => writer.text.insert(at, 'x'));
      cursors.set(writer, at + 1);
      writer.started.push(t0);
      writer.clocks.push(Y.getState(writer.doc.store, writer.doc.clientID));
      afterTxn(writer);
    }
    await sleep(1);
  }
  return (total / (performance.now() - startedAt)) * 1000;
}

/** Lost transactions: for each writer, how far its clock is ahead of what the stored state holds of it. */
function lostAgainst(stored: Y.Doc, writers: SustainedWriter[]): number {
  return writers.reduce(
    (lost, writer) => lost + (writer.clocks.at(-1)! - Y.getState(stored.store, writer.doc.clientID)),
    0,
  );
}

/**
 * Rebuilds each writer's document from the rows `select` reads of it (one bytea column,
 * `data`, the room as $1) and counts the transactions missing from what is stored.
 */
async function lostInStore(
  db: pg.Client,
  select: string,
  writers: SustainedWriter[],
): Promise<{ lost: number; storedRows: number }> {
  let lost = 0;
  let storedRows = 0;
  for (const room of new Set(writers.map((w) => w.room))) {
    const { rows } = await db.query<{ data: Buffer }>(select, [room]);
    storedRows += rows.length;
    const stored = new Y.Doc();
    for (const row of rows) Y.applyUpdate(stored, row.data);
    lost += lostAgainst(
      stored,
      writers.filter((w) => w.room === room),
    );
    stored.destroy();
  }
  return { lost, storedRows };
}

const newWriter = (room: string, doc: Y.Doc): SustainedWriter => ({
  room,
  doc,
  text: doc.getText('bench'),
  started: [],
  clocks: [],
  durableAt: [],
});

const allDurable = (writers: SustainedWriter[]) => writers.every((w) => w.durableAt.length === w.started.length);

function sustainedResult(
  writers: SustainedWriter[],
  issuedPerSecond: number,
  lost: number,
  storedRows: number,
): Sustained {
  const lags = writers.flatMap((w) => w.started.map((at, i) => w.durableAt[i]! - at));
  return { lags: sorted(lags), count: lags.length, issuedPerSecond, lost, storedRows };
}

/** Ours under the sustained load: each writer asks for SAVED and times its frames, as P3's paced run. */
async function oursSustained(target: CollabTarget, databaseUrl: string): Promise<Sustained> {
  const peers: Peer[] = [];
  const writers: (SustainedWriter & { saved: SavedFrames; frameOf: number[]; lastFrame: number })[] = [];
  const offs: (() => void)[] = [];
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    for (let d = 0; d < SUSTAINED_DOCUMENTS; d++) {
      const { room, params } = await target.newRoom();
      for (let w = 0; w < WRITERS_PER_DOCUMENT; w++) {
        const peer = openPeer(target, room, { ...params, saved: '1' });
        peers.push(peer);
        const writer = {
          ...newWriter(room, peer.doc),
          text: peer.text,
          saved: new SavedFrames(peer),
          frameOf: [] as number[],
          lastFrame: 0,
        };
        offs.push(
          writer.saved.onSaved((now) => {
            const { durableAt, frameOf, saved } = writer;
            while (durableAt.length < frameOf.length && frameOf[durableAt.length]! <= saved.durable)
              durableAt.push(now);
          }),
        );
        writers.push(writer);
      }
    }
    await whenSynced(target, peers);
    for (const writer of writers) writer.lastFrame = writer.saved.sent;
    const issued = await typeSustained(writers, (w) => {
      const writer = w as (typeof writers)[number];
      if (writer.saved.sent !== writer.lastFrame + 1)
        throw new Error(`${target.name}: a transaction went out as ${writer.saved.sent - writer.lastFrame} frames`);
      writer.lastFrame = writer.saved.sent;
      writer.frameOf.push(writer.lastFrame);
    });
    await Promise.all(
      writers.map((w) => w.saved.allDurable(`${target.name}: SAVED covering the sustained load`, 60_000)),
    );
    if (!allDurable(writers)) throw new Error(`${target.name}: not every sustained transaction was timed as durable`);
    const { lost, storedRows } = await lostInStore(
      db,
      'select "data" from "brief_updates" where "proposal_id" = $1 order by "id"',
      writers,
    );
    return sustainedResult(writers, issued, lost, storedRows);
  } finally {
    for (const off of offs) off();
    for (const peer of peers) peer.close();
    await db.end();
  }
}

/** The peer under the same load: durable when a completed store's snapshot holds the transaction. */
async function peerSustained(target: PeerTarget, databaseUrl: string): Promise<Sustained> {
  const peers: Peer[] = [];
  const writers: SustainedWriter[] = [];
  const offs: (() => void)[] = [];
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    for (let d = 0; d < SUSTAINED_DOCUMENTS; d++) {
      const { room, params } = await target.newRoom();
      const onRoom: SustainedWriter[] = [];
      for (let w = 0; w < WRITERS_PER_DOCUMENT; w++) {
        const peer = openPeer(target, room, params);
        peers.push(peer);
        const writer = { ...newWriter(room, peer.doc), text: peer.text };
        onRoom.push(writer);
        writers.push(writer);
      }
      offs.push(
        target.hocuspocus.onStored(room, (snapshot, now) => {
          for (const writer of onRoom) {
            const clock = snapshot.sv.get(writer.doc.clientID) ?? 0;
            while (writer.durableAt.length < writer.clocks.length && writer.clocks[writer.durableAt.length]! <= clock)
              writer.durableAt.push(now);
          }
        }),
      );
    }
    await whenSynced(target, peers);
    const issued = await typeSustained(writers, () => {});
    await until(`${target.name}: stores holding the sustained load`, 60_000, (resolve) => {
      const timer = setInterval(() => allDurable(writers) && resolve(), 10);
      return () => clearInterval(timer);
    });
    const { lost, storedRows } = await lostInStore(db, `select data from ${HOCUSPOCUS_TABLE} where name = $1`, writers);
    return sustainedResult(writers, issued, lost, storedRows);
  } finally {
    for (const off of offs) off();
    for (const peer of peers) peer.close();
    await db.end();
  }
}

/** The floor under the same load: every update queued at its transaction and inserted by a plain loop, as P3's reference. */
async function referenceSustained(databaseUrl: string): Promise<Sustained> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const writers: SustainedWriter[] = [];
  const queue: { writer: SustainedWriter; index: number; data: Buffer }[] = [];
  let wake: (() => void) | undefined;
  let writing = true;
  const run = `reference-sustained-${process.pid}-${Date.now()}`;
  for (let d = 0; d < SUSTAINED_DOCUMENTS; d++)
    for (let w = 0; w < WRITERS_PER_DOCUMENT; w++) {
      const writer = newWriter(`${run}-${d}`, new Y.Doc());
      writer.doc.on('update', (update: Uint8Array) => {
        // Fires inside transact, before the writer records it: the entry about to be recorded.
        queue.push({
          writer,
          index: writer.started.length,
          data: Buffer.from(update.buffer, update.byteOffset, update.byteLength),
        });
        wake?.();
      });
      writers.push(writer);
    }
  const loop = async () => {
    while (writing || queue.length > 0) {
      if (queue.length === 0) {
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
        continue;
      }
      const batch = queue.splice(0, REFERENCE_BATCH_ROWS);
      await client.query(
        'insert into bench_update_scratch (proposal_id, data) select * from unnest($1::text[], $2::bytea[])',
        [batch.map((item) => item.writer.room), batch.map((item) => item.data)],
      );
      const now = performance.now();
      for (const item of batch) item.writer.durableAt[item.index] = now;
    }
  };
  try {
    const looping = loop();
    const issued = await typeSustained(writers, () => {});
    writing = false;
    wake?.();
    await looping;
    const { rows } = await client.query<{ count: string }>(
      'select count(*) from bench_update_scratch where proposal_id like $1',
      [`${run}-%`],
    );
    const storedRows = Number(rows[0]!.count);
    const total = writers.reduce((sum, w) => sum + w.started.length, 0);
    return sustainedResult(writers, issued, total - storedRows, storedRows);
  } finally {
    await client.end();
    for (const writer of writers) writer.doc.destroy();
  }
}

/**
 * P3, sustained: the goal "persistence lag p99 under 50 ms at 4,000 updates/s sustained,
 * 0 lost". Ours, the floor and the peer each take the same load in turn, in rounds; lost
 * counts transactions missing from what PostgreSQL holds afterwards.
 */
async function benchSustained(targets: Targets, peer: PeerTarget | undefined, databaseUrl: string): Promise<Result[]> {
  const rounds: { ours?: Sustained; reference: Sustained; peer?: Sustained }[] = [];
  const loads: string[] = [];
  for (let n = 0; n < ROUNDS; n++) {
    loads.push(os.loadavg()[0]!.toFixed(1));
    const ours = targets.ours ? await oursSustained(targets.ours, databaseUrl) : undefined;
    const reference = await referenceSustained(databaseUrl);
    const peerRun = peer ? await peerSustained(peer, databaseUrl) : undefined;
    rounds.push({ ours, reference, peer: peerRun });
  }
  const read = (p: number) => (run: Sustained) => percentile(run.lags, p);
  const pickRounds = (f: (run: Sustained) => number): Round[] =>
    rounds.map((r) => ({
      ours: r.ours ? f(r.ours) : NaN,
      reference: f(r.reference),
      peer: r.peer ? f(r.peer) : undefined,
    }));
  const perRound = (f: (run: Sustained) => number) =>
    (['ours', 'reference', 'peer'] as const)
      .map((side) => `${side} ${rounds.map((r) => (r[side] ? Math.round(f(r[side]!) * 10) / 10 : '-')).join(' / ')}`)
      .join('; ');
  const label = `${SUSTAINED_RATE.toLocaleString('en')} updates/s sustained for ${SUSTAINED_SECONDS} s (${SUSTAINED_DOCUMENTS} documents × ${WRITERS_PER_DOCUMENT} writers)`;
  const lost = (run: Sustained) => run.lost;
  return [
    roundsResult('P3', `persistence lag p50, ${label}`, 'ms', pickRounds(read(50)), {
      goal: `p99 under ${SUSTAINED_GOAL_P99_MS} ms, 0 lost`,
      issuedPerSec: perRound((run) => run.issuedPerSecond),
      updatesPerRound: rounds[0]!.reference.count,
      lost: perRound(lost),
      storedRows: perRound((run) => run.storedRows),
      // Every writer, our server and PostgreSQL share the machine: its load says how much of it they had.
      loadAverageAtRoundStart: loads.join(' / '),
      how: 'one-character insertions, each its own transaction, each writer typing on at its own cursor, round robin over the writers; lost = transactions missing from the state rebuilt from PostgreSQL afterwards (the floor: rows counted)',
      peer: DEBOUNCE_NOTE,
      config: RAISED_THROTTLE,
    }),
    roundsResult('P3', `persistence lag p99, ${label}`, 'ms', pickRounds(read(99)), { lost: perRound(lost) }),
  ];
}
