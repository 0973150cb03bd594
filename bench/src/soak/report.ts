import { percentile } from '../harness.js';
import { MiB, printRows, round, type Usage } from '../capacity/measure.js';

/** One reading a minute (and at the start and end of the load). */
export interface MinuteSample {
  /** Seconds since the load started. */
  at: number;
  rssMiB: number;
  databaseMiB: number;
  /** Over the minute before: server, PostgreSQL, load generator, whole machine (% of one core). */
  serverCpuPct: number;
  postgresCpuPct: number;
  generatorCpuPct: number;
  machineCpuPct: number;
  serverLoopP99Ms: number;
  generatorLoopP99Ms: number;
  /** The server's longest event-loop delay in the minute and its garbage collection time, ms. */
  serverLoopMaxMs: number;
  serverGcMs: number;
  /** The load generator's longest event-loop delay in the minute (a late reader inflates relay latency), ms. */
  generatorLoopMaxMs: number;
  /** Share of the minute the server's event loop waited for a free core, %. */
  serverRunQueueWaitPct: number;
  /** The machine's 1-minute load average (2 = both cores busy). */
  loadAverage: number;
  /** Relay p99 of the edits sent in the minute before (received by the time of the reading), ms. */
  relayP99Ms: number;
  editsSent: number;
  requests: number;
  errors: number;
}

export interface LatencyRow {
  what: string;
  samples: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export const latencyRow = (what: string, sorted: number[]): LatencyRow => ({
  what,
  samples: sorted.length,
  p50Ms: round(percentile(sorted, 50), 1),
  p99Ms: round(percentile(sorted, 99), 1),
  maxMs: round(sorted.at(-1) ?? NaN, 1),
});

export interface Criterion {
  name: string;
  limit: string;
  measured: string;
  pass: boolean;
}

/** Least-squares slope of `y` over `x`. */
export function slope(x: number[], y: number[]): number {
  const n = x.length;
  if (n < 2) return NaN;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (x[i]! - mx) * (y[i]! - my);
    den += (x[i]! - mx) ** 2;
  }
  return den === 0 ? NaN : num / den;
}

export const usageRow = (usage: Usage) => ({
  serverCpuPct: round(usage.serverCpuPct[0]!),
  postgresCpuPct: round(usage.postgresCpuPct),
  generatorCpuPct: round(usage.generatorCpuPct),
  machineCpuPct: round(usage.machineCpuPct),
  serverLoopP99Ms: round(usage.serverLoopP99Ms[0]!, 1),
  generatorLoopP99Ms: round(usage.generatorLoopP99Ms, 1),
  serverLoopMaxMs: round(usage.serverLoopMaxMs[0]!, 1),
  serverGcMs: round(usage.serverGcMs[0]!, 0),
  generatorLoopMaxMs: round(usage.generatorLoopMaxMs, 1),
});

export function printLatencies(title: string, rows: LatencyRow[]): void {
  printRows(
    title,
    ['what', 'samples', 'p50 ms', 'p99 ms', 'max ms'],
    rows.map((row) => [row.what, String(row.samples), row.p50Ms, row.p99Ms, row.maxMs]),
  );
}

export function printMinutes(samples: MinuteSample[]): void {
  printRows(
    'Every minute (CPU over the minute before, % of one core; the machine has 2 cores shared with other work)',
    [
      't s',
      'server RSS MiB',
      'DB MiB',
      'server CPU %',
      'PG CPU %',
      'load gen CPU %',
      'machine CPU %',
      'server loop p99 ms',
      'load gen loop p99 ms',
      'server loop max ms',
      'server GC ms',
      'load gen loop max ms',
      'server waits for a core %',
      'load avg',
      'relay p99 ms',
      'edits',
      'requests',
      'errors',
    ],
    samples.map((s) => [
      String(s.at),
      s.rssMiB,
      s.databaseMiB,
      s.serverCpuPct,
      s.postgresCpuPct,
      s.generatorCpuPct,
      s.machineCpuPct,
      s.serverLoopP99Ms,
      s.generatorLoopP99Ms,
      s.serverLoopMaxMs,
      s.serverGcMs,
      s.generatorLoopMaxMs,
      s.serverRunQueueWaitPct,
      s.loadAverage,
      s.relayP99Ms,
      String(s.editsSent),
      String(s.requests),
      String(s.errors),
    ]),
  );
}

export function printCriteria(criteria: Criterion[]): void {
  printRows(
    'Criteria',
    ['criterion', 'limit', 'measured', 'result'],
    criteria.map((c) => [c.name, c.limit, c.measured, c.pass ? 'PASS' : 'FAIL']),
  );
}

export const mib = (bytes: number): number => round(bytes / MiB, 1);
