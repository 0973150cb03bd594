import type pg from 'pg';
import { sleep } from '../harness.js';
import type { Seed } from '../seed.js';
import { connectAll, seedRooms, smallBrief } from './fixtures.js';
import { MiB, printRows, round, type Probes } from './measure.js';
import { RawPeer } from './peer.js';
import { startServer, type ServerChild } from './processes.js';
import { type TypingResult, typeInRooms } from './typing.js';

export interface CaseContext {
  root: string;
  databaseUrl: string;
  seed: Seed;
  /** Connected to the database under test. */
  db: pg.Pool;
  postgres: Probes['postgres'];
}

/** Editors per document (a CLIENT and four FREELANCERs). */
export const EDITORS_PER_DOCUMENT = 5;
/** One keystroke per editor every 200 ms: 5 updates/s, about 60 words a minute. */
export const KEYSTROKE_MS = 200;
const WARMUP_MS = 2_000;
const WINDOW_MS = 15_000;
const IDLE_MS = 2_000;
/** The capacity criteria: relay p99 under this, and server CPU under this share of one core. */
export const P99_LIMIT_MS = 100;
export const CPU_LIMIT_PCT = 80;
/** A step this far past the limits (or losing updates) is overloaded: larger ones are not run. */
const OVERLOAD_P99_MS = 1_000;
const OVERLOAD_CPU_PCT = 95;

export interface EditorStep {
  editors: number;
  documents: number;
  connectSeconds: number;
  editsPerSecond: number;
  storedPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  samples: number;
  expectedSamples: number;
  serverCpuPct: number;
  /** Server CPU with every socket open and nobody typing, % of one core. */
  idleServerCpuPct: number;
  postgresCpuPct: number;
  generatorCpuPct: number;
  /** Busy CPU of the whole machine, % of one core (of 100 × cores). */
  machineCpuPct: number;
  /**
   * Event-loop delay over the window, ms: the server's p99 and longest, the load
   * generator's (its lateness inflates the latencies), and the server's GC time.
   */
  serverLoopP99Ms: number;
  serverLoopMaxMs: number;
  generatorLoopP99Ms: number;
  generatorLoopMaxMs: number;
  serverGcMs: number;
  serverRssMiB: number;
  allDelivered: boolean;
  allDurable: boolean;
  rowsStored: number;
  rowsExpected: number;
  unexpectedCloses: number;
  withinLimits: boolean;
}

/** Live documents loaded on a server, from /metrics. */
export const documentsLoaded = async (server: ServerChild): Promise<number> =>
  (await server.metrics()).get('brieflock_collab_documents_loaded') ?? NaN;

/**
 * a. Editors on one instance: at each step, `editors` people on `editors / 5` documents
 * (each holding the small ready brief), every one typing a character into a paragraph of
 * their own every 200 ms and moving their caret, for a 15 s window after a 2 s warm-up.
 * Steps stop after the first overloaded one (p99 of a second or more, the server's core
 * nearly full, or updates not delivered or not stored).
 */
export interface EditorsResult {
  steps: EditorStep[];
  capacity: number | null;
  skipped: number[];
  /** A step that could not be run to the end, and why. */
  failed?: string;
}

export async function benchEditors(ctx: CaseContext, steps: number[]): Promise<EditorsResult> {
  const brief = smallBrief();
  const server = await startServer(ctx.root, 'editors', { DATABASE_URL: ctx.databaseUrl });
  const results: EditorStep[] = [];
  const skipped: number[] = [];
  let failed: string | undefined;
  const runStep = async (editors: number): Promise<EditorStep> => {
    const documents = Math.ceil(editors / EDITORS_PER_DOCUMENT);
    const rooms = await seedRooms(ctx.seed, `editors-${editors}`, documents, EDITORS_PER_DOCUMENT, brief.state);
    const connecting = performance.now();
    const peers = await connectAll(
      rooms.flatMap((room) =>
        room.members.map(
          (member) => () =>
            new RawPeer({
              url: server.collabUrl,
              proposalId: room.proposalId,
              token: member.token,
              saved: true,
              keepState: true,
            }),
        ),
      ),
    );
    const connectSeconds = (performance.now() - connecting) / 1000;
    let typed: TypingResult;
    try {
      const byRoom = rooms.map((_, r) => peers.slice(r * EDITORS_PER_DOCUMENT, (r + 1) * EDITORS_PER_DOCUMENT));
      typed = await typeInRooms(
        byRoom.map((roomPeers) => ({ writers: roomPeers, peers: roomPeers })),
        {
          intervalMs: KEYSTROKE_MS,
          warmupMs: WARMUP_MS,
          windowMs: WINDOW_MS,
          idleMs: IDLE_MS,
          caret: true,
          probes: { servers: [server], postgres: ctx.postgres },
        },
      );
    } finally {
      for (const peer of peers) peer.close();
    }
    // Documents unload once their last socket left and their updates are stored.
    const deadline = performance.now() + 30_000;
    while ((await documentsLoaded(server)) > 0 && performance.now() < deadline) await sleep(100);
    const { rows } = await ctx.db.query<{ count: string }>(
      'select count(*) from "brief_updates" where "proposal_id" = any($1::uuid[])',
      [rooms.map((room) => room.proposalId)],
    );
    const step: EditorStep = {
      editors,
      documents,
      connectSeconds: round(connectSeconds),
      editsPerSecond: round(typed.editsPerSecond),
      storedPerSecond: round(typed.usage.stored[0]! / typed.usage.seconds),
      p50Ms: round(typed.latency.p50, 2),
      p99Ms: round(typed.latency.p99, 2),
      maxMs: round(typed.latency.max, 2),
      samples: typed.latency.samples,
      expectedSamples: typed.expectedSamples,
      serverCpuPct: round(typed.usage.serverCpuPct[0]!),
      idleServerCpuPct: round(typed.idleCpuPct[0]!),
      postgresCpuPct: round(typed.usage.postgresCpuPct),
      generatorCpuPct: round(typed.usage.generatorCpuPct),
      machineCpuPct: round(typed.usage.machineCpuPct),
      serverLoopP99Ms: round(typed.usage.serverLoopP99Ms[0]!),
      serverLoopMaxMs: round(typed.usage.serverLoopMaxMs[0]!),
      generatorLoopP99Ms: round(typed.usage.generatorLoopP99Ms),
      generatorLoopMaxMs: round(typed.usage.generatorLoopMaxMs),
      serverGcMs: round(typed.usage.serverGcMs[0]!),
      serverRssMiB: round(typed.rssBytes[0]! / MiB),
      allDelivered: typed.allDelivered,
      allDurable: typed.allDurable,
      // One stored brief per document, plus every update the editors sent.
      rowsStored: Number(rows[0]!.count),
      rowsExpected: documents + typed.updatesSent,
      unexpectedCloses: typed.unexpectedCloses,
      withinLimits: false,
    };
    step.withinLimits =
      step.p99Ms < P99_LIMIT_MS &&
      step.serverCpuPct < CPU_LIMIT_PCT &&
      step.allDelivered &&
      step.allDurable &&
      step.rowsStored === step.rowsExpected &&
      step.unexpectedCloses === 0;
    return step;
  };
  try {
    for (const [index, editors] of steps.entries()) {
      let step: EditorStep;
      try {
        step = await runStep(editors);
      } catch (error) {
        failed = `${editors} editors: ${(error as Error).message}`;
        console.log(`  a. ${failed}`);
        skipped.push(...steps.slice(index + 1));
        break;
      }
      results.push(step);
      console.log(
        `  a. ${editors} editors: p99 ${step.p99Ms} ms, server CPU ${step.serverCpuPct} %, ${step.editsPerSecond} edits/s, stored ${step.rowsStored}/${step.rowsExpected} rows${step.withinLimits ? '' : ' (outside the limits)'}`,
      );
      const overloaded =
        step.p99Ms >= OVERLOAD_P99_MS ||
        step.serverCpuPct >= OVERLOAD_CPU_PCT ||
        !step.allDelivered ||
        !step.allDurable ||
        step.rowsStored !== step.rowsExpected;
      if (overloaded) {
        skipped.push(...steps.slice(index + 1));
        break;
      }
    }
  } finally {
    await server.stop();
  }
  const within = results.filter((step) => step.withinLimits);
  const capacity = within.length > 0 ? Math.max(...within.map((step) => step.editors)) : null;
  return { steps: results, capacity, skipped, failed };
}

export function printEditors(result: EditorsResult): void {
  printRows(
    `a. Editors on one instance (${EDITORS_PER_DOCUMENT} per document, a keystroke and a caret move every ${KEYSTROKE_MS} ms each; ${WINDOW_MS / 1000} s window)`,
    [
      'editors',
      'docs',
      'edits/s',
      'stored/s',
      'p50 ms',
      'p99 ms',
      'max ms',
      'server CPU %',
      'idle CPU %',
      'PG CPU %',
      'load gen CPU %',
      'machine CPU %',
      'server loop max ms',
      'server GC ms',
      'load gen loop max ms',
      'server RSS MiB',
      'stored rows',
      'delivered',
      'ok',
    ],
    result.steps.map((s) => [
      String(s.editors),
      String(s.documents),
      s.editsPerSecond,
      s.storedPerSecond,
      s.p50Ms,
      s.p99Ms,
      s.maxMs,
      s.serverCpuPct,
      s.idleServerCpuPct,
      s.postgresCpuPct,
      s.generatorCpuPct,
      s.machineCpuPct,
      s.serverLoopMaxMs,
      s.serverGcMs,
      s.generatorLoopMaxMs,
      s.serverRssMiB,
      `${s.rowsStored}/${s.rowsExpected}`,
      `${s.samples}/${s.expectedSamples}`,
      s.withinLimits ? 'yes' : 'no',
    ]),
  );
  if (result.failed) console.log(`failed: ${result.failed}`);
  if (result.skipped.length > 0)
    console.log(`not run: ${result.skipped.join(', ')} editors (a smaller step was already overloaded)`);
  const below = result.steps.filter((s) => !s.withinLimits && result.capacity !== null && s.editors < result.capacity);
  if (below.length > 0)
    console.log(
      `note: ${below.map((s) => s.editors).join(', ')} editors missed the limits although a larger step met them (a pause on a busy machine)`,
    );
  console.log(
    result.capacity === null
      ? `capacity: no step met p99 < ${P99_LIMIT_MS} ms and server CPU < ${CPU_LIMIT_PCT} % of a core`
      : `capacity: ${result.capacity} concurrent editors (largest step with relay p99 < ${P99_LIMIT_MS} ms and server CPU < ${CPU_LIMIT_PCT} % of a core, every update delivered and stored)`,
  );
}
