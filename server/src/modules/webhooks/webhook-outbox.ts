import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { runInBackground } from '../../jobs/background.js';
import type { Logger } from '../../logger.js';
import type { ProposalEvents } from '../events/proposal-events.js';
import { enqueueWebhookDeliveries, type WebhookEvent } from './enqueue-deliveries.js';
import type { JobSender } from './webhook-jobs.js';

/**
 * Runs `change` in a transaction and enqueues the webhook deliveries of the events it
 * caused in that same transaction: a change that rolls back sends nothing, and one that
 * commits cannot lose its deliveries. Publish those events once it returned.
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
 * `changeWithWebhooks`, then publishes the same events to live subscribers once the
 * change committed.
 */
export async function changeAndAnnounce<T>(
  deps: { em: EntityManager; jobs: JobSender; events: Pick<ProposalEvents, 'publish'> },
  change: (tx: EntityManager) => Promise<T>,
  eventsOf: (result: T) => WebhookEvent[],
): Promise<T> {
  const result = await changeWithWebhooks(deps.em, deps.jobs, change, eventsOf);
  for (const event of eventsOf(result)) deps.events.publish(event);
  return result;
}

/**
 * For the events the live editor gives rise to, which no transaction of the app's
 * describes: a settled DRAFT_CHANGED and a rich-text SUGGESTION_ADDED. Enqueues their
 * deliveries in a transaction of their own; call it before publishing them, so no
 * subscriber hears of an event whose deliveries could still be lost.
 *
 * Why not in the transaction that stores the edit: the collaboration store appends Yjs
 * updates with group commit on a pg pool of its own (modules/briefs/update-log.ts), not
 * through MikroORM, so that every keystroke costs one shared INSERT and nothing else; and
 * a DRAFT_CHANGED only exists once edits paused (the debounce), long after the commits of
 * the updates it sums up. Enqueueing with each update commit would put the job queue on
 * that hot path and send one delivery per keystroke instead of one per pause. The rest
 * is therefore what the live event has too: an instance that dies within the debounce,
 * after the updates committed, announces that pause neither to subscribers nor to
 * webhooks. Resolves either way; a failure is logged.
 */
export function enqueueEditorEvent(
  orm: MikroORM,
  jobs: JobSender,
  log: Logger,
): (event: WebhookEvent) => Promise<void> {
  return async (event) => {
    try {
      // Background work: no request asked for it, and none counts its statements.
      await runInBackground(() => orm.em.fork().transactional((tx) => enqueueWebhookDeliveries(tx, jobs, event)));
    } catch (error) {
      log.error({ err: error, proposalId: event.proposalId, kind: event.kind }, 'webhook deliveries not enqueued');
    }
  };
}
