import * as Y from 'yjs';
import { yieldToLoop } from '../collab/peers.js';
import { sleep } from '../harness.js';
import { documentsLoaded, type CaseContext } from './editors.js';
import { connectAll, seedRooms, smallBrief } from './fixtures.js';
import { printRows, round, snapshot, usageBetween } from './measure.js';
import { RawPeer } from './peer.js';
import { redisCpuSeconds, redisVersion, startServer, type ServerChild } from './processes.js';
import { typeInRooms } from './typing.js';
import { UNPACED_MESSAGES_PER_SECOND } from './writes.js';

/** Paced: documents with one editor on A and four readers (on A, or on B). */
const PACED_DOCUMENTS = 40;
const READERS = 4;
const KEYSTROKE_MS = 200;
const WARMUP_MS = 2_000;
const WINDOW_MS = 10_000;
const CHUNK = 256;
/** Redis's CPU is read over this long with nothing open first: its baseline. */
const IDLE_MS = 3_000;

type Placement = 'same instance (all on A)' | 'across instances (editor on A, readers on B)';
const SAME: Placement = 'same instance (all on A)';
const ACROSS: Placement = 'across instances (editor on A, readers on B)';

export interface RedisPacedRow {
  placement: Placement;
  documents: number;
  connections: number;
  editsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  samples: number;
  expectedSamples: number;
  cpuPctA: number;
  cpuPctB: number;
  redisCpuPct: number;
  /** Redis main-thread CPU per edit (its update, caret and acknowledgement messages) above the idle baseline, µs. */
  redisCpuUsPerEdit: number;
  machineCpuPct: number;
  allDelivered: boolean;
  allDurable: boolean;
}

export interface RedisUnpacedRow {
  placement: Placement;
  updates: number;
  /** First edit sent → the reader has received the last one, s. */
  convergeSeconds: number;
  updatesPerSecond: number;
  /** A new connection (where the reader is) then holds exactly the writer's text. */
  converged: boolean;
  durableSeconds: number;
  cpuPctA: number;
  cpuPctB: number;
  redisCpuUsPerUpdate: number;
  machineCpuPct: number;
}

export interface RedisResult {
  redisUrl: string;
  redisVersion?: string;
  /** Redis main-thread CPU with both instances up and no document open (other clients of that Redis included), % of one core. */
  redisIdleCpuPct: number;
  paced: RedisPacedRow[];
  unpaced: RedisUnpacedRow[];
}

const outcomeString = (doc: Y.Doc): string => {
  const paragraph = doc.getXmlFragment('outcome').get(0);
  const text = paragraph instanceof Y.XmlElement ? paragraph.get(0) : undefined;
  return text instanceof Y.XmlText ? text.toString() : '';
};

async function unloaded(servers: ServerChild[]): Promise<void> {
  const deadline = performance.now() + 30_000;
  for (const server of servers)
    while ((await documentsLoaded(server)) > 0 && performance.now() < deadline) await sleep(100);
}

async function paced(
  ctx: CaseContext,
  a: ServerChild,
  b: ServerChild,
  redisUrl: string,
  placement: Placement,
  idleCpuPct: number,
): Promise<RedisPacedRow> {
  const rooms = await seedRooms(ctx.seed, 'redis-paced', PACED_DOCUMENTS, 1 + READERS, smallBrief().state);
  const readerServer = placement === SAME ? a : b;
  const open = (server: ServerChild, proposalId: string, token: string) => () =>
    new RawPeer({ url: server.collabUrl, proposalId, token, saved: true, keepState: true });
  // Editors first: each document is loaded on A before its readers arrive.
  const writers = await connectAll(rooms.map((room) => open(a, room.proposalId, room.members[0]!.token)));
  const readers = await connectAll(
    rooms.flatMap((room) => room.members.slice(1).map((member) => open(readerServer, room.proposalId, member.token))),
  );
  try {
    const typed = await typeInRooms(
      rooms.map((_, r) => ({
        writers: [writers[r]!],
        peers: [writers[r]!, ...readers.slice(r * READERS, (r + 1) * READERS)],
      })),
      {
        intervalMs: KEYSTROKE_MS,
        warmupMs: WARMUP_MS,
        windowMs: WINDOW_MS,
        idleMs: 0,
        caret: true,
        probes: { servers: [a, b], postgres: ctx.postgres, redisUrl },
      },
    );
    const edits = typed.editsPerSecond * typed.usage.seconds;
    return {
      placement,
      documents: PACED_DOCUMENTS,
      connections: writers.length + readers.length,
      editsPerSecond: round(typed.editsPerSecond),
      p50Ms: round(typed.latency.p50, 2),
      p99Ms: round(typed.latency.p99, 2),
      maxMs: round(typed.latency.max, 2),
      samples: typed.latency.samples,
      expectedSamples: typed.expectedSamples,
      cpuPctA: round(typed.usage.serverCpuPct[0]!),
      cpuPctB: round(typed.usage.serverCpuPct[1]!),
      redisCpuPct: round(typed.usage.redisCpuPct, 2),
      redisCpuUsPerEdit: round(
        ((typed.usage.redisCpuSeconds - (idleCpuPct / 100) * typed.usage.seconds) / edits) * 1e6,
      ),
      machineCpuPct: round(typed.usage.machineCpuPct),
      allDelivered: typed.allDelivered,
      allDurable: typed.allDurable,
    };
  } finally {
    for (const peer of [...writers, ...readers]) peer.close();
    await unloaded([a, b]);
  }
}

async function unpaced(
  ctx: CaseContext,
  a: ServerChild,
  b: ServerChild,
  redisUrl: string,
  placement: Placement,
  updates: number,
  idleCpuPct: number,
): Promise<RedisUnpacedRow> {
  const [room] = await seedRooms(ctx.seed, 'redis-unpaced', 1, 2, smallBrief().state);
  const readerServer = placement === SAME ? a : b;
  const peer = (server: ServerChild, token: string, keepState: boolean) => () =>
    new RawPeer({ url: server.collabUrl, proposalId: room!.proposalId, token, saved: true, keepState });
  const [writer] = await connectAll([peer(a, room!.members[0]!.token, true)]);
  const [reader] = await connectAll([peer(readerServer, room!.members[1]!.token, false)]);
  let checker: RawPeer | undefined;
  try {
    reader!.onAdvance = () => undefined;
    const paragraph = writer!.doc.getXmlFragment('outcome').get(0) as Y.XmlElement;
    const text = paragraph.get(0) as Y.XmlText;
    await sleep(300);
    const probes = { servers: [a, b], redisUrl };
    const before = await snapshot(probes);
    const started = performance.now();
    for (let n = 0; n < updates; n++) {
      writer!.edit(() => text.insert(text.length, 'x'));
      if ((n + 1) % CHUNK === 0) await yieldToLoop();
    }
    const end = Y.getState(writer!.doc.store, writer!.doc.clientID);
    const client = writer!.doc.clientID;
    await reader!.waitUntil(
      'the reader to receive every update',
      () => (reader!.known.get(client) ?? 0) >= end,
      120_000,
    );
    const convergeSeconds = (performance.now() - started) / 1000;
    await writer!.waitUntil('every update durable', () => writer!.allDurable, 120_000);
    const durableSeconds = (performance.now() - started) / 1000;
    const after = await snapshot(probes);
    const usage = usageBetween(before, after);
    // A new connection where the reader is: it must hold exactly what the writer wrote.
    [checker] = await connectAll([peer(readerServer, room!.members[1]!.token, true)]);
    const converged = outcomeString(checker!.doc) === text.toString();
    return {
      placement,
      updates,
      convergeSeconds: round(convergeSeconds, 2),
      updatesPerSecond: round(updates / convergeSeconds, 0),
      converged,
      durableSeconds: round(durableSeconds, 2),
      cpuPctA: round(usage.serverCpuPct[0]!),
      cpuPctB: round(usage.serverCpuPct[1]!),
      machineCpuPct: round(usage.machineCpuPct),
      redisCpuUsPerUpdate: round(((usage.redisCpuSeconds - (idleCpuPct / 100) * usage.seconds) / updates) * 1e6, 2),
    };
  } finally {
    for (const p of [writer, reader, checker]) p?.close();
    await unloaded([a, b]);
  }
}

/**
 * d. Two instances sharing documents through Redis: paced typing with the readers on the
 * editor's instance and then on the other one; and the highest update rate that crosses
 * (an unpaced writer on A, a reader on A, then on B). Redis's own CPU from INFO cpu (it
 * may serve other clients on this machine as well).
 */
export async function benchRedis(ctx: CaseContext, redisUrl: string, unpacedUpdates: number): Promise<RedisResult> {
  const env = {
    DATABASE_URL: ctx.databaseUrl,
    REDIS_URL: redisUrl,
    COLLAB_MESSAGES_PER_SECOND: UNPACED_MESSAGES_PER_SECOND,
  };
  const a = await startServer(ctx.root, 'A', env);
  let b: ServerChild | undefined;
  try {
    b = await startServer(ctx.root, 'B', env);
    const idleBefore = await redisCpuSeconds(redisUrl);
    const idleStarted = performance.now();
    await sleep(IDLE_MS);
    const redisIdleCpuPct = round(
      (((await redisCpuSeconds(redisUrl)) - idleBefore) / ((performance.now() - idleStarted) / 1000)) * 100,
      2,
    );
    const result: RedisResult = {
      redisUrl,
      redisVersion: await redisVersion(redisUrl).catch(() => undefined),
      redisIdleCpuPct,
      paced: [],
      unpaced: [],
    };
    for (const placement of [SAME, ACROSS]) {
      const row = await paced(ctx, a, b, redisUrl, placement, redisIdleCpuPct);
      result.paced.push(row);
      console.log(`  d. paced, ${placement}: p50 ${row.p50Ms} ms, p99 ${row.p99Ms} ms`);
    }
    for (const placement of [SAME, ACROSS]) {
      const row = await unpaced(ctx, a, b, redisUrl, placement, unpacedUpdates, redisIdleCpuPct);
      result.unpaced.push(row);
      console.log(
        `  d. unpaced, ${placement}: ${row.updatesPerSecond} updates/s${row.converged ? '' : ' (DID NOT CONVERGE)'}`,
      );
    }
    return result;
  } finally {
    await Promise.all([a.stop(), b?.stop()]);
  }
}

export function printRedis(result: RedisResult): void {
  printRows(
    `d1. Through Redis ${result.redisVersion ?? ''} (idle: ${result.redisIdleCpuPct} % CPU), paced: ${PACED_DOCUMENTS} documents, 1 editor on A + ${READERS} readers each, a keystroke and a caret move every ${KEYSTROKE_MS} ms (${WINDOW_MS / 1000} s window)`,
    [
      'placement',
      'edits/s',
      'p50 ms',
      'p99 ms',
      'max ms',
      'delivered',
      'A CPU %',
      'B CPU %',
      'Redis CPU %',
      'Redis µs/edit',
      'machine CPU %',
      'all durable',
    ],
    result.paced.map((r) => [
      r.placement,
      r.editsPerSecond,
      r.p50Ms,
      r.p99Ms,
      r.maxMs,
      `${r.samples}/${r.expectedSamples}`,
      r.cpuPctA,
      r.cpuPctB,
      r.redisCpuPct,
      r.redisCpuUsPerEdit,
      r.machineCpuPct,
      r.allDurable ? 'yes' : 'no',
    ]),
  );
  printRows(
    'd2. Through Redis, unpaced: one writer on A, one reader; first edit → reader holds the last one',
    [
      'placement',
      'updates',
      'converge s',
      'updates/s',
      'converged',
      'durable s',
      'A CPU %',
      'B CPU %',
      'Redis µs/update',
      'machine CPU %',
    ],
    result.unpaced.map((r) => [
      r.placement,
      r.updates,
      r.convergeSeconds,
      r.updatesPerSecond,
      r.converged ? 'yes' : 'NO',
      r.durableSeconds,
      r.cpuPctA,
      r.cpuPctB,
      r.redisCpuUsPerUpdate,
      r.machineCpuPct,
    ]),
  );
}
