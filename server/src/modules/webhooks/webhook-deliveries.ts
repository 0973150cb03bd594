import DataLoader from 'dataloader';
import type { ProposalEventKind } from '@brieflock/schema';
import type { EntityManager } from '@mikro-orm/postgresql';
import { dateOf, placeholders, type Timestamp } from '../read-model.js';
import type { DeliveryStatus } from './webhook.entity.js';
import type { WebhookDeliveryView } from './webhooks.types.js';

/** Attempts one `deliveries` field lists at most (and by default). */
export const DELIVERIES_PAGE_MAX = 100;
export const DELIVERIES_PAGE_DEFAULT = 20;

type DeliveryRow = {
  id: string;
  webhook_id: string;
  event: ProposalEventKind;
  attempt: number;
  status: DeliveryStatus;
  response_code: number | null;
  delivered_at: Timestamp | null;
  next_attempt_at: Timestamp | null;
};

/**
 * The newest attempts of many endpoints in one query (`first` of each), newest first:
 * a proposal's webhooks and their logs cost one query per level.
 */
export function createDeliveriesLoader(em: EntityManager, first: number): DataLoader<string, WebhookDeliveryView[]> {
  return new DataLoader(async (webhookIds) => {
    const rows = await em.execute<DeliveryRow[]>(
      `select * from (
         select d."id", d."webhook_id", d."event", d."attempt", d."status", d."response_code", d."delivered_at", d."next_attempt_at",
                row_number() over (partition by d."webhook_id" order by d."scheduled_at" desc, d."attempt" desc, d."id") as "rank"
           from "webhook_deliveries" d
          where d."webhook_id" in (${placeholders(webhookIds)})
       ) ranked where ranked."rank" <= ? order by ranked."rank"`,
      [...webhookIds, first],
    );
    const byWebhook = new Map<string, WebhookDeliveryView[]>(webhookIds.map((id) => [id, []]));
    for (const row of rows)
      byWebhook.get(row.webhook_id)?.push({
        id: row.id,
        event: row.event,
        attempt: row.attempt,
        status: row.status,
        responseCode: row.response_code,
        deliveredAt: row.delivered_at ? dateOf(row.delivered_at) : null,
        nextAttemptAt: row.next_attempt_at ? dateOf(row.next_attempt_at) : null,
      });
    return webhookIds.map((id) => byWebhook.get(id) ?? []);
  });
}

/** The page size a `first` argument asks for, within bounds. */
export const deliveriesPageOf = (first: number | null | undefined): number =>
  Math.max(1, Math.min(DELIVERIES_PAGE_MAX, first ?? DELIVERIES_PAGE_DEFAULT));
