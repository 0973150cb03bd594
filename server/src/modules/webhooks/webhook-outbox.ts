import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '../../logger.js';
import type { ProposalEventPayload } from '../events/proposal-events.js';
import { enqueueWebhookDeliveries, type WebhookEvent } from './enqueue-deliveries.js';
import type { JobSender } from './webhook-jobs.js';

/**
 * Runs `change` in a transaction and enqueues the webhook deliveries of the events it
 * caused in that same transaction: a change that rolls back sends nothing, and one that
 * commits cannot lose its deliveries. Publish those events with `webhooksEnqueued`.
 */
export function changeWithWebhooks<T>(
  em: EntityManager,
  jobs: JobSender,
  change: (tx: EntityManager) => Promise<T>,
  eventsOf: (result: T) => WebhookEvent[],
): Promise<T> {
  return em.transactional(async (tx) => {
    const result = await change(tx);
    for (const event of eventsOf(result)) await enqueueWebhookDeliveries(tx, jobs, event);
    return result;
  });
}

/**
 * For events born outside a transaction (a settled draft, a suggestion typed into the
 * editor) or published without `webhooksEnqueued`: enqueues their deliveries as they are
 * published, after the change committed. A failure is logged; the event itself still
 * reaches live subscribers.
 */
export function enqueueOnPublish(orm: MikroORM, jobs: JobSender, log: Logger): (payload: ProposalEventPayload) => void {
  return (payload) => {
    const em = orm.em.fork();
    (async () => {
      // Most events have no endpoint to go to: only those that do open a transaction.
      const [row] = await em.execute<{ listening: boolean }[]>(
        `select exists (select 1 from "webhooks" where "proposal_id" = ? and "enabled" and ? = any("events")) as "listening"`,
        [payload.proposalId, payload.kind],
      );
      if (row?.listening) await em.transactional((tx) => enqueueWebhookDeliveries(tx, jobs, payload));
    })().catch((error: unknown) =>
      log.error({ err: error, proposalId: payload.proposalId, kind: payload.kind }, 'webhook deliveries not enqueued'),
    );
  };
}
