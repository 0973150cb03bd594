import type pg from 'pg';
import { sleep } from '../harness.js';
import { latencyRow, type LatencyRow } from './report.js';

export interface QueueFigures {
  queue: string;
  /** Jobs created during the load by state (completed, created, retry, active, failed, …). */
  states: Record<string, number>;
  /** Created → completed, for the jobs meant to run at once (no later start). */
  latency: LatencyRow;
}

export interface JobFigures {
  queues: QueueFigures[];
  /** Jobs meant to run at once and still not done after the wait. */
  backlog: number;
  failed: number;
}

/** Jobs meant to run as soon as they are queued (reminders and digests start later by design). */
const IMMEDIATE = `"created_on" >= $1 and "start_after" <= "created_on" + interval '1 second'`;

/**
 * The durable job queue's own record (pg-boss keeps each job with its created, started and
 * completed times): e-mail (kept in the outbox when no SMTP_URL is set, as here) and
 * webhook deliveries. Waits up to `timeoutMs` for the jobs queued since `since` to be done.
 */
export async function jobFigures(db: pg.Pool, since: Date, timeoutMs: number): Promise<JobFigures> {
  const pending = async () =>
    Number(
      (
        await db.query<{ n: string }>(
          `select count(*) as n from "pgboss"."job" where ${IMMEDIATE} and "state" in ('created', 'retry', 'active')`,
          [since],
        )
      ).rows[0]!.n,
    );
  const deadline = performance.now() + timeoutMs;
  while ((await pending()) > 0 && performance.now() < deadline) await sleep(250);
  const { rows: states } = await db.query<{ name: string; state: string; n: string }>(
    `select "name", "state"::text as state, count(*) as n from "pgboss"."job" where ${IMMEDIATE} group by 1, 2 order by 1, 2`,
    [since],
  );
  const { rows: waits } = await db.query<{ name: string; ms: number }>(
    `select "name", extract(epoch from ("completed_on" - "created_on")) * 1000 as ms from "pgboss"."job"
      where ${IMMEDIATE} and "state" = 'completed' order by 2`,
    [since],
  );
  const names = [...new Set(states.map((row) => row.name))];
  const queues = names.map((queue) => ({
    queue,
    states: Object.fromEntries(states.filter((row) => row.name === queue).map((row) => [row.state, Number(row.n)])),
    latency: latencyRow(
      `job ${queue}: queued → done`,
      waits.filter((row) => row.name === queue).map((row) => Number(row.ms)),
    ),
  }));
  const count = (wanted: string[]) =>
    states.filter((row) => wanted.includes(row.state)).reduce((sum, row) => sum + Number(row.n), 0);
  return { queues, backlog: count(['created', 'retry', 'active']), failed: count(['failed']) };
}
