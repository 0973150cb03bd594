import type { IncomingMessage, ServerResponse } from 'node:http';
import pg from 'pg';
import type { Logger } from '../logger.js';

/** One dependency the app needs to serve: resolves when it answers, rejects otherwise. */
export interface ReadinessCheck {
  name: string;
  /** `signal` aborts when the check ran out of time: release what it holds. */
  check(signal: AbortSignal): Promise<void>;
}

export interface ReadinessReport {
  status: 'ready' | 'unavailable';
  /** Per check: `ok`, or `error: <reason>`. */
  checks: Record<string, string>;
}

/** How long one check may take before it counts as failed. */
export const READINESS_TIMEOUT_MS = 2_000;

/** What a failed check reports: one short line, without credentials of any URL in it. */
function reasonOf(error: unknown): string {
  const message =
    error instanceof Error ? error.message || (error as { code?: string }).code || error.name : String(error);
  const line = message.split('\n', 1)[0]!.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/?#\s@]*@/gi, '$1***@');
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

/**
 * Readiness: runs its checks concurrently, each bounded by a timeout, so a hung
 * dependency makes the answer "unavailable" promptly instead of hanging. Probes that
 * arrive while a round is running share its result.
 */
export class Readiness {
  private readonly checks: ReadinessCheck[];
  private readonly timeoutMs: number;
  private round: Promise<ReadinessReport> | undefined;
  private closed = false;
  private readonly closers: (() => Promise<void>)[] = [];

  constructor(checks: (ReadinessCheck & { close?(): Promise<void> })[], { timeoutMs = READINESS_TIMEOUT_MS } = {}) {
    this.checks = [...checks];
    this.timeoutMs = timeoutMs;
    for (const check of checks) if (check.close) this.closers.push(() => check.close!());
  }

  /** Runs every check (or joins the round already running). */
  report(): Promise<ReadinessReport> {
    if (this.closed) {
      return Promise.resolve({
        status: 'unavailable',
        checks: Object.fromEntries(this.checks.map((check) => [check.name, 'error: shutting down'])),
      });
    }
    this.round ??= this.runAll().finally(() => (this.round = undefined));
    return this.round;
  }

  private async runAll(): Promise<ReadinessReport> {
    const results = await Promise.all(this.checks.map((check) => this.run(check)));
    const checks = Object.fromEntries(this.checks.map((check, index) => [check.name, results[index]!]));
    return { status: results.every((result) => result === 'ok') ? 'ready' : 'unavailable', checks };
  }

  private async run(check: ReadinessCheck): Promise<string> {
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new Error(`no answer within ${this.timeoutMs} ms`));
      }, this.timeoutMs);
    });
    try {
      await Promise.race([Promise.resolve().then(() => check.check(controller.signal)), timedOut]);
      return 'ok';
    } catch (error) {
      return `error: ${reasonOf(error)}`;
    } finally {
      clearTimeout(timer);
    }
  }

  /** `GET /readyz`: 200 when every check answers, 503 otherwise; JSON either way. */
  readonly handler = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const report = await this.report();
    res.writeHead(report.status === 'ready' ? 200 : 503, {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : JSON.stringify(report));
  };

  /** From now on reports "unavailable" (the app is shutting down); releases the checks' connections. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.closers.map((close) => close().catch(() => undefined)));
  }
}

/**
 * `select 1` on a connection of its own (so a hung database cannot tie up the app's
 * pools); a connection whose check timed out is destroyed, never reused.
 */
export function postgresCheck(
  databaseUrl: string,
  { timeoutMs = READINESS_TIMEOUT_MS, log }: { timeoutMs?: number; log?: Logger } = {},
): ReadinessCheck & { close(): Promise<void> } {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: 1,
    connectionTimeoutMillis: timeoutMs,
    idleTimeoutMillis: 60_000,
    allowExitOnIdle: true,
    application_name: 'brieflock-readiness',
  });
  // An idle connection that dies is replaced by the next check, which reports the outage.
  pool.on('error', (error) => log?.debug({ err: error }, 'readiness connection lost'));
  return {
    name: 'postgres',
    async check(signal) {
      const client = await pool.connect();
      let released = false;
      const release = (error?: Error) => {
        if (released) return;
        released = true;
        client.release(error);
      };
      const abandon = () => release(new Error('readiness check timed out'));
      if (signal.aborted) {
        abandon();
        throw new Error('readiness check timed out');
      }
      signal.addEventListener('abort', abandon, { once: true });
      try {
        await client.query('select 1');
        release();
      } catch (error) {
        // Passing the error destroys the connection instead of returning it to the pool.
        release(error instanceof Error ? error : new Error(String(error)));
        throw error;
      } finally {
        signal.removeEventListener('abort', abandon);
      }
    },
    close: () => pool.end(),
  };
}
