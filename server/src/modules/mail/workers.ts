import type { MikroORM } from '@mikro-orm/postgresql';
import type { JobQueue, QueueDefinition } from '../../jobs/queue.js';
import type { Logger } from '../../logger.js';
import { deliverEmail, EMAIL_QUEUE, EMAIL_RETRY_LIMIT, type Mailer } from './outbox.js';
import { DIGEST_QUEUE, sendDigest } from '../notifications/email-notices.js';
import type { Reach } from './reach.js';

/** The queues of reaching people, with how each retries. */
export const MAIL_QUEUES: Record<string, QueueDefinition> = {
  [EMAIL_QUEUE]: { retryLimit: EMAIL_RETRY_LIMIT, retryBackoff: true, retryDelay: 10, retryDelayMax: 3600 },
  // One digest waits per person (its key): notifications arriving meanwhile join it.
  [DIGEST_QUEUE]: { policy: 'short', retryLimit: 5, retryBackoff: true, retryDelay: 30 },
};

export interface MailWorkerDeps {
  orm: MikroORM;
  mailer: Mailer;
  log: Logger;
  reach: Reach;
}

/** Starts this instance's workers for the mail queues. */
export async function startMailWorkers(jobs: JobQueue, deps: MailWorkerDeps): Promise<void> {
  await jobs.work<{ emailId: string }>(EMAIL_QUEUE, (job) => deliverEmail(deps, job.data.emailId, job.retryCount));
  await jobs.work<{ userId: string }>(DIGEST_QUEUE, (job) =>
    sendDigest(deps.orm.em.fork(), { jobs, reach: deps.reach }, job.data.userId),
  );
}
