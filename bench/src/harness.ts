import http from 'node:http';

export interface Result {
  id: string;
  case: string;
  ours: number;
  reference: number;
  unit: string;
  ratio: number;
  /** Extra figures (percentiles, counts) that explain the headline number. */
  notes?: Record<string, number | string>;
}

export function result(
  id: string,
  name: string,
  ours: number,
  reference: number,
  unit: string,
  notes?: Result['notes'],
): Result {
  const round = (value: number) => Math.round(value * 1000) / 1000;
  return {
    id,
    case: name,
    ours: round(ours),
    reference: round(reference),
    unit,
    ratio: round(ours / reference),
    notes,
  };
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

/** Prints results as an aligned table. */
export function printTable(results: Result[]): void {
  const rows = [
    ['id', 'case', 'ours', 'reference', 'unit', 'ratio'],
    ...results.map((r) => [r.id, r.case, String(r.ours), String(r.reference), r.unit, r.ratio.toFixed(2)]),
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
