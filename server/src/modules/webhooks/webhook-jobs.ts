import type { JobQueue } from '../../jobs/queue.js';

/** The queue that makes delivery attempts: one job per attempt, `{ deliveryId }`. */
export const WEBHOOK_DELIVERY_QUEUE = 'webhook-delivery';

/** Data of a delivery job: the attempt row to make. */
export interface DeliveryJob {
  deliveryId: string;
}

/** What enqueueing needs of the job queue: a send inside the caller's transaction. */
export type JobSender = Pick<JobQueue, 'send'>;
