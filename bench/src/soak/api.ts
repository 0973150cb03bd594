import { postJson } from '../harness.js';

/** Operation classes the soak reports GraphQL latency for. */
export type OperationClass = 'query' | 'comment' | 'freeze' | 'sign' | 'milestone' | 'setup';

/** One failure of any kind: a request, a socket, a delivery. */
export interface Failure {
  at: number;
  what: string;
}

/** Failures by kind, with the first few messages kept for the report. */
export class Failures {
  readonly counts = new Map<string, number>();
  readonly samples: Failure[] = [];

  add(kind: string, what: string): void {
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
    if (this.samples.length >= 30) return;
    const failure = { at: performance.now(), what: `${kind}: ${what.slice(0, 300)}` };
    this.samples.push(failure);
    // The first few as they happen: a long run shows its trouble at once.
    if (this.samples.length <= 5) console.log(`  error: ${failure.what}`);
  }

  get total(): number {
    let sum = 0;
    for (const count of this.counts.values()) sum += count;
    return sum;
  }
}

/** A GraphQL answer that carried errors (or no data), or a request that failed. */
export class RequestError extends Error {}

/**
 * GraphQL over HTTP as the web client sends it (`Authorization: Bearer`), timing every
 * request by its class and counting every one that fails: a transport error, a status
 * other than 200, or an answer with `errors`.
 */
export class SoakApi {
  /** Per class: each request's start (ms, performance clock) and duration. */
  readonly samples = new Map<OperationClass, { at: number[]; ms: number[] }>();
  requests = 0;

  constructor(
    private readonly url: string,
    private readonly failures: Failures,
  ) {}

  // biome-ignore lint/suspicious/noExplicitAny: a GraphQL response's data, typed by each caller's query
  async gql<T = any>(
    kind: OperationClass,
    query: string,
    variables: Record<string, unknown>,
    token: string,
  ): Promise<T> {
    const started = performance.now();
    this.requests++;
    let status = 0;
    let body = '';
    try {
      ({ status, body } = await postJson(
        `${this.url}/graphql`,
        { query, variables },
        { authorization: `Bearer ${token}` },
      ));
    } catch (error) {
      this.failures.add(`graphql ${kind}`, `${operationName(query)}: ${(error as Error).message}`);
      throw new RequestError(`${operationName(query)}: ${(error as Error).message}`);
    }
    const ms = performance.now() - started;
    let parsed: { data?: T; errors?: unknown[] } = {};
    try {
      parsed = JSON.parse(body) as typeof parsed;
    } catch {
      // Counted below: no data.
    }
    if (status !== 200 || parsed.errors?.length || !parsed.data) {
      const what = `${operationName(query)} answered ${status}: ${body.slice(0, 300)}`;
      this.failures.add(`graphql ${kind}`, what);
      throw new RequestError(what);
    }
    const bucket = this.samples.get(kind) ?? { at: [], ms: [] };
    this.samples.set(kind, bucket);
    bucket.at.push(started);
    bucket.ms.push(ms);
    return parsed.data;
  }

  /** Sorted durations of requests of `kind` started within [from, to). */
  window(kind: OperationClass, from: number, to: number): number[] {
    const bucket = this.samples.get(kind);
    if (!bucket) return [];
    const selected: number[] = [];
    for (let i = 0; i < bucket.at.length; i++)
      if (bucket.at[i]! >= from && bucket.at[i]! < to) selected.push(bucket.ms[i]!);
    return selected.sort((a, b) => a - b);
  }
}

/** `freezeProposal` of `mutation($i: …) { freezeProposal(…) … }`: the first field selected. */
const operationName = (query: string): string => /\{\s*(\w+)/.exec(query)?.[1] ?? 'operation';
