import { monitorEventLoopDelay } from 'node:perf_hooks';
import { percentile } from '../harness.js';
import {
  PostgresCpu,
  generatorCpuSeconds,
  machineBusySeconds,
  redisCpuSeconds,
  type ServerChild,
} from './processes.js';

/** What the cases read around a measured window. */
export interface Probes {
  servers: ServerChild[];
  postgres?: PostgresCpu;
  redisUrl?: string;
}

/** The load generator's own event-loop delay: when it is late, so are its measurements. */
const LOOP_RESOLUTION_MS = 10;
const generatorLoop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
generatorLoop.enable();

export interface Snapshot {
  at: number;
  generator: number;
  machine: number;
  /** p99 and longest event-loop delay of the load generator since the previous snapshot, ms. */
  generatorLoopP99Ms: number;
  generatorLoopMaxMs: number;
  /** Per server: its p99 event-loop delay since the previous scrape (prom-client resets it on each), ms. */
  servers: {
    cpu: number;
    stored: number;
    lagSum: number;
    lagCount: number;
    loopP99Ms: number;
    loopMaxMs: number;
    gcSeconds: number;
  }[];
  postgres?: Map<number, number>;
  redis?: number;
}

export async function snapshot(probes: Probes): Promise<Snapshot> {
  const servers = await Promise.all(
    probes.servers.map(async (server) => {
      const metrics = await server.metrics();
      return {
        cpu: server.cpuSeconds(),
        stored: metrics.get('brieflock_brief_updates_stored_total') ?? NaN,
        lagSum: metrics.get('brieflock_persistence_lag_seconds_sum') ?? NaN,
        lagCount: metrics.get('brieflock_persistence_lag_seconds_count') ?? NaN,
        // prom-client samples at the same 10 ms resolution, which its delays include.
        loopP99Ms: Math.max(0, (metrics.get('nodejs_eventloop_lag_p99_seconds') ?? NaN) * 1000 - LOOP_RESOLUTION_MS),
        loopMaxMs: Math.max(0, (metrics.get('nodejs_eventloop_lag_max_seconds') ?? NaN) * 1000 - LOOP_RESOLUTION_MS),
        gcSeconds: metrics.get('nodejs_gc_duration_seconds_sum{*}') ?? NaN,
      };
    }),
  );
  const postgres = probes.postgres ? await probes.postgres.sample() : undefined;
  const redis = probes.redisUrl ? await redisCpuSeconds(probes.redisUrl).catch(() => NaN) : undefined;
  // Delays as measured include the sampling interval itself.
  const generatorLoopP99Ms = Math.max(0, generatorLoop.percentile(99) / 1e6 - LOOP_RESOLUTION_MS);
  const generatorLoopMaxMs = Math.max(0, generatorLoop.max / 1e6 - LOOP_RESOLUTION_MS);
  generatorLoop.reset();
  return {
    at: performance.now(),
    generator: generatorCpuSeconds(),
    machine: machineBusySeconds(),
    generatorLoopP99Ms,
    generatorLoopMaxMs,
    servers,
    postgres,
    redis,
  };
}

export interface Usage {
  seconds: number;
  /** Per server: CPU as % of one core. */
  serverCpuPct: number[];
  /** Per server: CPU seconds. */
  serverCpuSeconds: number[];
  /** Per server: updates committed to PostgreSQL. */
  stored: number[];
  /** Per server: mean time from an update's arrival at the update log to its commit, ms. */
  meanPersistenceLagMs: number[];
  generatorCpuPct: number;
  /** Busy CPU of the whole machine (every process, all cores), % of one core: above the parts measured, other work competed. */
  machineCpuPct: number;
  /** p99 and longest event-loop delay over the window: the load generator's and each server's, ms. */
  generatorLoopP99Ms: number;
  generatorLoopMaxMs: number;
  serverLoopP99Ms: number[];
  serverLoopMaxMs: number[];
  /** Per server: garbage collection time in the window, ms. */
  serverGcMs: number[];
  postgresCpuPct: number;
  postgresCpuSeconds: number;
  redisCpuPct: number;
  redisCpuSeconds: number;
}

export function usageBetween(before: Snapshot, after: Snapshot): Usage {
  const seconds = (after.at - before.at) / 1000;
  const pct = (cpu: number) => (cpu / seconds) * 100;
  const serverCpuSeconds = after.servers.map((server, n) => server.cpu - before.servers[n]!.cpu);
  const postgresCpuSeconds =
    before.postgres && after.postgres ? PostgresCpu.between(before.postgres, after.postgres) : NaN;
  const redisCpuSeconds = (after.redis ?? NaN) - (before.redis ?? NaN);
  return {
    seconds,
    serverCpuPct: serverCpuSeconds.map(pct),
    serverCpuSeconds,
    stored: after.servers.map((server, n) => server.stored - before.servers[n]!.stored),
    meanPersistenceLagMs: after.servers.map((server, n) => {
      const count = server.lagCount - before.servers[n]!.lagCount;
      return count > 0 ? ((server.lagSum - before.servers[n]!.lagSum) / count) * 1000 : NaN;
    }),
    generatorCpuPct: pct(after.generator - before.generator),
    machineCpuPct: pct(after.machine - before.machine),
    generatorLoopP99Ms: after.generatorLoopP99Ms,
    generatorLoopMaxMs: after.generatorLoopMaxMs,
    serverLoopP99Ms: after.servers.map((server) => server.loopP99Ms),
    serverLoopMaxMs: after.servers.map((server) => server.loopMaxMs),
    serverGcMs: after.servers.map((server, n) => (server.gcSeconds - before.servers[n]!.gcSeconds) * 1000),
    postgresCpuPct: pct(postgresCpuSeconds),
    postgresCpuSeconds,
    redisCpuPct: pct(redisCpuSeconds),
    redisCpuSeconds,
  };
}

/** p50, p99 and max of sorted samples, in ms. */
export const spread = (sorted: number[]) => ({
  p50: percentile(sorted, 50),
  p99: percentile(sorted, 99),
  max: sorted.at(-1) ?? NaN,
  samples: sorted.length,
});

/** A number for tables and JSON: `digits` decimals, NaN kept. */
export const round = (value: number, digits = 1): number =>
  Number.isFinite(value) ? Math.round(value * 10 ** digits) / 10 ** digits : value;

export const MiB = 2 ** 20;

/** Prints rows under a header as an aligned table. */
export function printRows(title: string, header: string[], rows: (string | number)[][]): void {
  const cells = [header, ...rows.map((row) => row.map((cell) => (typeof cell === 'number' ? format(cell) : cell)))];
  const widths = header.map((_, column) => Math.max(...cells.map((row) => (row[column] ?? '').length)));
  console.log(`\n${title}`);
  for (const [index, row] of cells.entries()) {
    console.log(
      row
        .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
        .join('  '),
    );
    if (index === 0) console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  }
}

const format = (value: number): string => {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en');
  if (Math.abs(value) >= 100) return value.toFixed(0);
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
};
