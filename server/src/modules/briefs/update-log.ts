import type pg from 'pg';
import type { Logger } from '../../logger.js';

interface Pending {
  proposalId: string;
  data: Uint8Array;
  /** `performance.now()` when it was appended. */
  appendedAt: number;
  resolve(): void;
  reject(error: Error): void;
}

export interface UpdateLogOptions {
  /** Rows per INSERT; PostgreSQL allows 65,535 parameters, two per row. */
  maxBatchRows?: number;
  /** First retry delay after a failed commit; doubles up to `maxRetryDelayMs`. */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
}

const FOREIGN_KEY_VIOLATION = '23503';

/**
 * Told after each commit, with its rows (each with the `performance.now()` of its append)
 * and the `performance.now()` of the commit. Runs on the hot path: keep it cheap.
 */
export type CommitListener = (rows: readonly { readonly appendedAt: number }[], committedAt: number) => void;

/**
 * The durable log of live-brief updates, written with group commit: the first update
 * after an idle moment is committed one event-loop turn later (after the sockets it was
 * relayed to), and whatever arrives during a commit goes into the next one. Updates are durable a commit's round trip after receipt (about a
 * millisecond here), not after a debounce.
 *
 * When PostgreSQL is unavailable, pending updates stay in memory in order and the
 * commit is retried with backoff; nothing is dropped. `close()` drains the queue.
 */
export class UpdateLog {
  private queue: Pending[] = [];
  private flushing = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private retryDelay: number;
  private failures = 0;
  private closed = false;
  private stopped = false;
  private drainWaiters: (() => void)[] = [];
  private readonly commitListeners: CommitListener[] = [];
  private readonly maxBatchRows: number;
  private readonly baseRetryDelay: number;
  private readonly maxRetryDelay: number;
  /** Commits, rows and failed attempts since start-up, for tests and metrics. */
  readonly stats = { commits: 0, rows: 0, failures: 0 };

  constructor(
    /** A small pool of its own: appends are the hot path and skip the ORM's SQL formatting. */
    private readonly pool: pg.Pool,
    private readonly log: Logger,
    options: UpdateLogOptions = {},
  ) {
    this.maxBatchRows = options.maxBatchRows ?? 2000;
    this.baseRetryDelay = options.retryDelayMs ?? 100;
    this.maxRetryDelay = options.maxRetryDelayMs ?? 5000;
    this.retryDelay = this.baseRetryDelay;
  }

  /** Appends one update; resolves when it is committed. */
  append(proposalId: string, data: Uint8Array): Promise<void> {
    if (this.closed) return Promise.reject(new Error('the update log is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ proposalId, data, appendedAt: performance.now(), resolve, reject });
      if (!this.flushing && !this.retryTimer) {
        this.flushing = true;
        // The commit starts one event-loop turn later: the sockets this update was just
        // relayed to are served first (relay before storage), and whatever arrives in the
        // meantime joins the same commit.
        setImmediate(() => setImmediate(() => void this.flush()));
      }
    });
  }

  /** Calls `listener` after every commit (metrics: rows stored, time from append to commit). */
  onCommit(listener: CommitListener): void {
    this.commitListeners.push(listener);
  }

  /** Updates waiting to be committed. */
  get pending(): number {
    return this.queue.length;
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    while (this.queue.length > 0) {
      const batch = this.queue.slice(0, this.maxBatchRows);
      try {
        await this.insert(batch);
      } catch (error) {
        if ((error as { code?: string }).code === FOREIGN_KEY_VIOLATION && (await this.dropOrphans(batch))) continue;
        this.failures++;
        this.stats.failures++;
        this.log.warn(
          { err: error, pending: this.queue.length, attempt: this.failures, retryInMs: this.retryDelay },
          'brief updates could not be stored; keeping them and retrying',
        );
        this.flushing = false;
        if (this.stopped) return;
        this.retryTimer = setTimeout(() => {
          this.retryTimer = undefined;
          void this.flush();
        }, this.retryDelay);
        this.retryDelay = Math.min(this.retryDelay * 2, this.maxRetryDelay);
        return;
      }
      this.queue.splice(0, batch.length);
      if (this.failures > 0) this.log.info({ attempts: this.failures }, 'brief updates stored again after failures');
      this.failures = 0;
      this.retryDelay = this.baseRetryDelay;
      this.stats.commits++;
      this.stats.rows += batch.length;
      if (this.commitListeners.length > 0) {
        const committedAt = performance.now();
        for (const listener of this.commitListeners) {
          try {
            listener(batch, committedAt);
          } catch (error) {
            // Observing a commit must never keep its updates from being acknowledged.
            this.log.warn({ err: error }, 'commit listener failed');
          }
        }
      }
      for (const item of batch) item.resolve();
    }
    this.flushing = false;
    for (const resolve of this.drainWaiters.splice(0)) resolve();
  }

  private async insert(batch: Pending[]): Promise<void> {
    const ids = batch.map((item) => item.proposalId);
    const data = batch.map((item) => Buffer.from(item.data.buffer, item.data.byteOffset, item.data.byteLength));
    await this.pool.query(
      'insert into "brief_updates" ("proposal_id", "data") select * from unnest($1::uuid[], $2::bytea[])',
      [ids, data],
    );
  }

  /** A proposal deleted meanwhile cannot take updates: drop its rows, keep the others. */
  private async dropOrphans(batch: Pending[]): Promise<boolean> {
    const ids = [...new Set(batch.map((item) => item.proposalId))];
    const { rows } = await this.pool.query<{ id: string }>(
      'select "id" from "proposals" where "id" = any($1::uuid[])',
      [ids],
    );
    const existing = new Set(rows.map((row) => row.id));
    const orphans = this.queue.filter((item) => !existing.has(item.proposalId));
    if (orphans.length === 0) return false;
    this.queue = this.queue.filter((item) => existing.has(item.proposalId));
    for (const item of orphans) item.reject(new Error('the proposal no longer exists'));
    this.log.warn({ dropped: orphans.length }, 'updates for deleted proposals dropped');
    return true;
  }

  /**
   * Stops taking updates and waits until every pending one is committed, retrying
   * through outages, for at most `timeoutMs`. Resolves false when updates remain.
   */
  async close(timeoutMs = 8000): Promise<boolean> {
    this.closed = true;
    if (this.queue.length === 0 && !this.flushing) return true;
    if (this.retryTimer) {
      clearTimeout(this.retryTimer);
      this.retryTimer = undefined;
      void this.flush();
    }
    let timer: NodeJS.Timeout | undefined;
    const drained = await Promise.race([
      new Promise<boolean>((resolve) => this.drainWaiters.push(() => resolve(true))),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs))),
    ]);
    clearTimeout(timer);
    this.stopped = true;
    clearTimeout(this.retryTimer);
    if (!drained)
      this.log.error({ pending: this.queue.length }, 'shutting down with brief updates that could not be stored');
    return drained;
  }
}
