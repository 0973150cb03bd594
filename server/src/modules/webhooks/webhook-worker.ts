import type { MikroORM } from '@mikro-orm/postgresql';
import type { JobQueue, QueueDefinition } from '../../jobs/queue.js';
import type { ProposalEvents } from '../events/proposal-events.js';
import type { Reach } from '../mail/reach.js';
import { type DeliveryDeps, deliverOnce } from './deliver-once.js';
import { type DeliveryJob, WEBHOOK_DELIVERY_QUEUE } from './webhook-jobs.js';

/**
 * The delivery queue. A job is one attempt; the queue's own retries only cover an
 * attempt that could not even be recorded (the database away): a receiver's failure is
 * recorded and its next attempt enqueued as a job of its own (see `deliverOnce`).
 */
export const WEBHOOK_QUEUES: Record<string, QueueDefinition> = {
  [WEBHOOK_DELIVERY_QUEUE]: {
    retryLimit: 10,
    retryDelay: 5,
    retryBackoff: true,
    retryDelayMax: 600,
    // One attempt takes at most the 10 s send deadline and two short transactions.
    expireInSeconds: 60,
  },
};

/**
 * Makes delivery attempts on this instance as their jobs come due. An attempt that
 * disables its endpoint tells the endpoint's creator; that notification reaches their
 * open pages once the disabling committed.
 */
export async function startWebhookWorker(
  jobs: JobQueue,
  deps: Omit<DeliveryDeps, 'jobs' | 'notify'> & {
    orm: MikroORM;
    reach: Reach;
    events: Pick<ProposalEvents, 'notified'>;
  },
): Promise<void> {
  const { orm, reach, events, ...delivery } = deps;
  await jobs.work<DeliveryJob>(WEBHOOK_DELIVERY_QUEUE, async (job) => {
    const done = await deliverOnce(orm.em.fork(), { ...delivery, jobs, notify: { jobs, reach } }, job.data.deliveryId);
    events.notified(done.notices);
  });
}
