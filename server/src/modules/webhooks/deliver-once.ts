import { randomUUID } from 'node:crypto';
import type { ProposalEventKind } from '@brieflock/schema';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from '../../logger.js';
import { type Notice, type NotifyDeps, notify, quoted, webhooksLink } from '../notifications/notify.js';
import { dateOf, type Timestamp } from '../read-model.js';
import type { ServerKeys } from '../trust/server-keys.js';
import { DEFAULT_RETRY_POLICY, nextAttemptAt, type RetryPolicy } from './retry-policy.js';
import { type ResolveAll, type SendOutcome, sendWebhook } from './send-webhook.js';
import type { DeliveryStatus } from './webhook.entity.js';
import { type JobSender, WEBHOOK_DELIVERY_QUEUE } from './webhook-jobs.js';
import { decryptWebhookSecret } from './webhook-secrets.js';
import { webhookHeaders } from './webhook-signature.js';

export interface DeliveryDeps {
  keys: ServerKeys;
  log: Logger;
  /** WEBHOOK_ALLOW_PRIVATE. */
  allowPrivate: boolean;
  /** Where the next attempt is enqueued after a failure; without it a failure is only recorded. */
  jobs?: JobSender;
  /** How the creator of an endpoint that gets disabled is told; without it the disabling is only logged. */
  notify?: NotifyDeps;
  retry?: RetryPolicy;
  /** Test hooks: the deadline of one attempt, and name resolution. */
  timeoutMs?: number;
  resolve?: ResolveAll;
}

export interface DeliveryResult {
  /** GONE: no such attempt (its webhook was deleted). */
  status: DeliveryStatus | 'GONE';
  /** When the next attempt was scheduled, after a failure. */
  nextAttemptAt: Date | null;
  /** True when this failure ended the retry window and the endpoint was disabled. */
  disabled: boolean;
  /** The WEBHOOK_DISABLED notifications written with the disabling: publish them once it committed. */
  notices: Notice[];
}

type AttemptRow = {
  id: string;
  webhook_id: string;
  message_id: string;
  event: ProposalEventKind;
  payload: unknown;
  attempt: number;
  status: DeliveryStatus;
  first_attempt_at: Timestamp | null;
  url: string;
  secret_ciphertext: string;
  enabled: boolean;
  proposal_id: string;
  created_by_id: string;
  creator_is_client: boolean;
};

const result = (status: DeliveryResult['status'], next: Date | null = null): DeliveryResult => ({
  status,
  nextAttemptAt: next,
  disabled: false,
  notices: [],
});

/**
 * Makes one delivery attempt and records it: POSTs the stored body, signed afresh (the
 * timestamp is this attempt's), to the endpoint. A failed attempt, with a queue given,
 * schedules the next one in the same transaction as its record — so the log's
 * `nextAttemptAt` is exactly when it runs — or, once the retry window from the first
 * attempt is over, disables the endpoint. An attempt already recorded (a job run twice)
 * is not made again.
 */
export async function deliverOnce(em: EntityManager, deps: DeliveryDeps, deliveryId: string): Promise<DeliveryResult> {
  const [row] = await em.execute<AttemptRow[]>(
    `select d."id", d."webhook_id", d."message_id", d."event", d."payload", d."attempt", d."status", d."first_attempt_at",
            w."url", w."secret_ciphertext", w."enabled", w."proposal_id", w."created_by_id",
            exists (select 1 from "participants" p where p."proposal_id" = w."proposal_id" and p."user_id" = w."created_by_id" and p."role" = 'CLIENT') as "creator_is_client"
       from "webhook_deliveries" d join "webhooks" w on w."id" = d."webhook_id"
      where d."id" = ?`,
    [deliveryId],
  );
  if (!row) return result('GONE');
  if (row.status !== 'PENDING') return result(row.status);
  if (!row.enabled || !row.creator_is_client) {
    const reason = row.enabled ? 'its creator is no longer a client of the proposal' : 'the webhook is disabled';
    await em.execute(
      `update "webhook_deliveries" set "status" = 'CANCELLED', "error" = ? where "id" = ? and "status" = 'PENDING'`,
      [reason, row.id],
    );
    return result('CANCELLED');
  }

  const attemptedAt = new Date();
  const outcome = await attempt(deps, row, attemptedAt);
  const log = deps.log.child({ webhookId: row.webhook_id, messageId: row.message_id, attempt: row.attempt });
  return em.transactional(async (tx) => {
    const recorded = await tx.execute<{ first_attempt_at: Timestamp }[]>(
      `update "webhook_deliveries"
          set "status" = ?, "response_code" = ?, "error" = ?, "attempted_at" = ?, "delivered_at" = ?,
              "first_attempt_at" = coalesce("first_attempt_at", ?)
        where "id" = ? and "status" = 'PENDING'
        returning "first_attempt_at"`,
      [
        outcome.status,
        outcome.responseCode,
        outcome.error,
        attemptedAt,
        outcome.status === 'SUCCEEDED' ? new Date() : null,
        attemptedAt,
        row.id,
      ],
    );
    // Another run of the same job recorded it first.
    if (recorded.length === 0) return result(outcome.status);
    if (outcome.status === 'SUCCEEDED') return result('SUCCEEDED');
    log.info(
      { status: outcome.status, responseCode: outcome.responseCode, error: outcome.error },
      'webhook attempt failed',
    );
    if (!deps.jobs) return result(outcome.status);

    const firstAttemptAt = dateOf(recorded[0]!.first_attempt_at);
    const next = nextAttemptAt(deps.retry ?? DEFAULT_RETRY_POLICY, row.attempt, firstAttemptAt, new Date());
    if (next) {
      await scheduleRetry(tx, deps.jobs, row, firstAttemptAt, next);
      return result(outcome.status, next);
    }
    const notices = await disableWebhook(tx, deps, log, row, firstAttemptAt);
    return notices ? { ...result(outcome.status), disabled: true, notices } : result(outcome.status);
  });
}

async function attempt(deps: DeliveryDeps, row: AttemptRow, at: Date): Promise<SendOutcome> {
  let secret: string;
  try {
    secret = decryptWebhookSecret(deps.keys, row.webhook_id, row.secret_ciphertext);
  } catch (error) {
    // SIGNING_KEY was replaced: nothing can be signed for this endpoint any more.
    return { status: 'FAILED', responseCode: null, error: `cannot sign: ${(error as Error).message}`.slice(0, 300) };
  }
  // jsonb hands the stored body back the same way every time: each retry sends the same bytes.
  const body = JSON.stringify(row.payload);
  return sendWebhook(row.url, body, webhookHeaders(secret, row.message_id, at, body), {
    allowPrivate: deps.allowPrivate,
    timeoutMs: deps.timeoutMs,
    resolve: deps.resolve,
  });
}

/** The next attempt: a new row of the same message, and its job, due at `next`. */
async function scheduleRetry(
  tx: EntityManager,
  jobs: JobSender,
  row: AttemptRow,
  firstAttemptAt: Date,
  next: Date,
): Promise<void> {
  await tx.execute(`update "webhook_deliveries" set "next_attempt_at" = ? where "id" = ?`, [next, row.id]);
  const retryId = randomUUID();
  await tx.execute(
    `insert into "webhook_deliveries" ("id", "webhook_id", "message_id", "event", "payload", "attempt", "status", "first_attempt_at", "scheduled_at")
     select ?, "webhook_id", "message_id", "event", "payload", "attempt" + 1, 'PENDING', ?, ? from "webhook_deliveries" where "id" = ?`,
    [retryId, firstAttemptAt, next, row.id],
  );
  await jobs.send(
    tx,
    WEBHOOK_DELIVERY_QUEUE,
    { deliveryId: retryId },
    { startAfter: next, singletonKey: `${row.message_id}:${row.attempt + 1}` },
  );
}

/**
 * Turns an endpoint off after a day of failures and, in the same transaction, tells its
 * creator (in the app, and by e-mail as they prefer) so they can fix it and turn it back
 * on. Returns the notifications to publish after commit, or null when it stays enabled.
 */
async function disableWebhook(
  tx: EntityManager,
  deps: DeliveryDeps,
  log: Logger,
  row: AttemptRow,
  since: Date,
): Promise<Notice[] | null> {
  // An endpoint that accepted other events meanwhile works: only this message is given up.
  const disabled = await tx.execute<{ id: string }[]>(
    `update "webhooks" w set "enabled" = false, "disabled_at" = clock_timestamp()
      where w."id" = ? and w."enabled"
        and not exists (select 1 from "webhook_deliveries" d where d."webhook_id" = w."id" and d."status" = 'SUCCEEDED' and d."attempted_at" >= ?)
      returning w."id"`,
    [row.webhook_id, since],
  );
  if (disabled.length === 0) {
    log.warn('webhook message given up after the whole retry window; the endpoint accepted others meanwhile');
    return null;
  }
  log.warn(
    { proposalId: row.proposal_id, createdById: row.created_by_id, url: row.url },
    'webhook disabled: its deliveries kept failing for the whole retry window',
  );
  if (!deps.notify) return [];
  const [proposal] = await tx.execute<{ title: string }[]>('select "title" from "proposals" where "id" = ?', [
    row.proposal_id,
  ]);
  return notify(tx, deps.notify, {
    kind: 'WEBHOOK_DISABLED',
    proposalId: row.proposal_id,
    actorId: null,
    recipientIds: [row.created_by_id],
    text: `Your webhook to ${new URL(row.url).host} on ${quoted(proposal?.title ?? 'a proposal')} was turned off after failing for a day`,
    link: webhooksLink(row.proposal_id),
  });
}
