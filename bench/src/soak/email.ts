import type pg from 'pg';
import { sleep } from '../harness.js';

export interface EmailJobs {
  /** By status: sent (SMTP accepted), kept (the outbox, without SMTP), failed, voided, queued. */
  byStatus: Record<string, number>;
  /** Sorted queued → handled (sent_at − created_at) of e-mails queued since `since`, ms. */
  latencyMs: number[];
  queued: number;
  failed: number;
}

/**
 * E-mail goes out through the job queue (queued in the transaction of its cause, then sent
 * over SMTP, or kept in the outbox when no SMTP_URL is set). Waits up to `timeoutMs` for
 * the queue to drain, then reads how long each e-mail queued since `since` waited.
 */
export async function emailJobs(db: pg.Pool, since: Date, timeoutMs: number): Promise<EmailJobs> {
  const queuedNow = async () =>
    Number(
      (
        await db.query<{ n: string }>(
          `select count(*) as n from "emails" where "status" = 'queued' and "created_at" >= $1`,
          [since],
        )
      ).rows[0]!.n,
    );
  const deadline = performance.now() + timeoutMs;
  while ((await queuedNow()) > 0 && performance.now() < deadline) await sleep(250);
  const { rows } = await db.query<{ status: string; n: string }>(
    `select "status", count(*) as n from "emails" where "created_at" >= $1 group by "status"`,
    [since],
  );
  const byStatus = Object.fromEntries(rows.map((row) => [row.status, Number(row.n)]));
  const latencies = await db.query<{ ms: number }>(
    `select extract(epoch from ("sent_at" - "created_at")) * 1000 as ms from "emails"
      where "created_at" >= $1 and "sent_at" is not null order by 1`,
    [since],
  );
  return {
    byStatus,
    latencyMs: latencies.rows.map((row) => Number(row.ms)),
    queued: byStatus.queued ?? 0,
    failed: byStatus.failed ?? 0,
  };
}
