import type { MikroORM } from '@mikro-orm/postgresql';
import type { JobQueue, QueueDefinition } from '../../jobs/queue.js';
import type { Logger } from '../../logger.js';
import { deliverEmail, EMAIL_QUEUE, EMAIL_RETRY_LIMIT, type Mailer } from './outbox.js';

/** The queues of reaching people, with how each retries. */
export const MAIL_QUEUES: Record<string, QueueDefinition> = {
  [EMAIL_QUEUE]: { retryLimit: EMAIL_RETRY_LIMIT, retryBackoff: true, retryDelay: 10, retryDelayMax: 3600 },
};

export interface MailWorkerDeps {
  orm: MikroORM;
  mailer: Mailer;
  log: Logger;
}

/** Starts this instance's workers for the mail queues. */
export async function startMailWorkers(jobs: JobQueue, deps: MailWorkerDeps): Promise<void> {
  await jobs.work<{ emailId: string }>(EMAIL_QUEUE, (job) => deliverEmail(deps, job.data.emailId, job.retryCount));
}
