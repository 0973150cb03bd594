import http from 'node:http';

export interface Result {
  id: string;
  case: string;
  ours: number;
  /** The floor: the least any server could do for the same work (a bare relay, raw `pg`, …). */
  reference: number;
  unit: string;
  /** ours / reference; with rounds, the median of the rounds' ratios. */
  ratio: number;
  /** A peer doing the same job as a product would (Hocuspocus), where one is measured. */
  peer?: number;
  /** ours / peer; with rounds, the median of the rounds' ratios. */
  peerRatio?: number;
  /** With rounds: how many, and the lowest and highest ratio among them. */
  spread?: { rounds: number; ratio: [number, number]; peerRatio?: [number, number] };
  /** Extra figures (percentiles, counts) that explain the headline number. */
  notes?: Record<string, number | string>;
}

const round3 = (value: number) => Math.round(value * 1000) / 1000;

export function result(
  id: string,
  name: string,
  ours: number,
  reference: number,
  unit: string,
  notes?: Result['notes'],
): Result {
  return {
    id,
    case: name,
    ours: round3(ours),
    reference: round3(reference),
    unit,
    ratio: round3(ours / reference),
    notes,
  };
}

/** One round's figures for one row: ours, the floor and (where measured) the peer. */
export interface Round {
  ours: number;
  reference: number;
  peer?: number;
}

/**
 * A row from several rounds (at least three: these machines are noisy). Each side's figure
 * is the median of its rounds; each ratio is the median of the rounds' own ratios (each
 * round measures ours, the floor and the peer back to back), and `spread` keeps the lowest
 * and highest of them.
 */
export function roundsResult(id: string, name: string, unit: string, rounds: Round[], notes?: Result['notes']): Result {
  if (rounds.length < 3) throw new Error(`${id} ${name}: ${rounds.length} rounds, at least 3 are needed`);
  const ratios = rounds.map((r) => r.ours / r.reference);
  const row: Result = {
    id,
    case: name,
    ours: round3(median(rounds.map((r) => r.ours))),
    reference: round3(median(rounds.map((r) => r.reference))),
    unit,
    ratio: round3(median(ratios)),
    spread: { rounds: rounds.length, ratio: [round3(Math.min(...ratios)), round3(Math.max(...ratios))] },
    notes,
  };
  const peers = rounds.filter((r) => r.peer !== undefined);
  if (peers.length === rounds.length) {
    const peerRatios = rounds.map((r) => r.ours / r.peer!);
    row.peer = round3(median(rounds.map((r) => r.peer!)));
    row.peerRatio = round3(median(peerRatios));
    row.spread!.peerRatio = [round3(Math.min(...peerRatios)), round3(Math.max(...peerRatios))];
  }
  return row;
}

/** `1.23 (1.10–1.40)`: a ratio with the spread of its rounds. */
export function formatRatio(ratio: number | undefined, spread?: [number, number]): string {
  if (ratio === undefined) return '';
  return spread ? `${ratio.toFixed(2)} (${spread[0].toFixed(2)}–${spread[1].toFixed(2)})` : ratio.toFixed(2);
}

export const percentile = (sorted: number[], p: number): number =>
  sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/** POSTs JSON over a keep-alive connection and resolves with the status and body. */
export function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

export interface LoadStats {
  /** Mean wall time per request across the run, in µs (elapsed / requests). */
  perRequestUs: number;
  p50Ms: number;
  p99Ms: number;
  requestsPerSecond: number;
}

/** Runs `requests` calls of `call` with `concurrency` in flight; throws if any call fails. */
export async function load(call: () => Promise<void>, requests: number, concurrency: number): Promise<LoadStats> {
  const latencies: number[] = [];
  let issued = 0;
  const started = process.hrtime.bigint();
  const worker = async () => {
    while (issued < requests) {
      issued++;
      const t0 = process.hrtime.bigint();
      await call();
      latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
  latencies.sort((a, b) => a - b);
  return {
    perRequestUs: (elapsedMs * 1000) / requests,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    requestsPerSecond: requests / (elapsedMs / 1000),
  };
}

/** Prints results as an aligned table: ours, the floor, the peer, and both ratios with their spread. */
export function printTable(results: Result[]): void {
  const rows = [
    ['id', 'case', 'ours', 'floor', 'ratio (spread)', 'peer', 'vs peer (spread)', 'unit'],
    ...results.map((r) => [
      r.id,
      r.case,
      String(r.ours),
      String(r.reference),
      formatRatio(r.ratio, r.spread?.ratio),
      r.peer === undefined ? '' : String(r.peer),
      formatRatio(r.peerRatio, r.spread?.peerRatio),
      r.unit,
    ]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  for (const [index, row] of rows.entries()) {
    console.log(row.map((cell, column) => cell.padEnd(widths[column]!)).join('  '));
    if (index === 0) console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  }
}

/** Median of unsorted values. */
export const median = (values: number[]): number =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` every `intervalMs` until it returns a value other than undefined or false; throws after `timeoutMs` naming `what`. */
export async function waitFor<T>(
  check: () => T | undefined | false,
  what: string,
  timeoutMs = 30_000,
  intervalMs = 5,
): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(intervalMs);
  }
}

/** Runs `task` over `items` with at most `concurrency` in flight; results in input order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  concurrency: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}
