import type { EntityManager, Knex } from '@mikro-orm/postgresql';
import { PgBoss, fromKnex, type Job, type Queue } from 'pg-boss';
import type { Logger } from '../logger.js';
import { runInBackground } from './background.js';

/** Where pg-boss keeps its tables, apart from the application's. */
export const JOBS_SCHEMA = 'pgboss';

/** How a queue retries and how long a job may run (see pg-boss `Queue`). */
export type QueueDefinition = Omit<Queue, 'name'>;

export interface JobHandle<T> {
  id: string;
  data: T;
  /** 0 on the first run, then 1, 2, … on each retry. */
  retryCount: number;
}

export type JobHandler<T> = (job: JobHandle<T>) => Promise<void>;

export interface SendJobOptions {
  /** Not before this moment. */
  startAfter?: Date;
  /** At most one queued job per key (see the queue's policy). */
  singletonKey?: string;
}

/**
 * The durable job queue: jobs live in PostgreSQL, are enqueued inside the transaction of
 * the change that causes them (so they exist exactly when it commits), are taken by one
 * instance at a time, retried with backoff, and taken again when the instance that held
 * one dies (its heartbeat stops).
 */
export interface JobQueue {
  /** Enqueues in the caller's transaction (`tx` comes from `em.transactional`); null outside of one. */
  send(tx: EntityManager, name: string, data: object, options?: SendJobOptions): Promise<string | null>;
  /** Runs `handler` for each job of `name` on this instance; a throw retries the job. */
  work<T extends object>(name: string, handler: JobHandler<T>): Promise<void>;
}

export interface JobQueueOptions {
  databaseUrl: string;
  log: Logger;
  queues: Record<string, QueueDefinition>;
  /** How often jobs of dead workers are reclaimed and expired ones retried, in seconds. */
  superviseSeconds: number;
  /** How often an idle worker looks for new jobs, in seconds (LISTEN/NOTIFY wakes it sooner). */
  pollSeconds?: number;
}

/** Settings every queue gets unless its definition says otherwise. */
const QUEUE_DEFAULTS: QueueDefinition = {
  // A worker that dies stops beating; its job is taken again at the next supervision.
  heartbeatSeconds: 10,
  expireInSeconds: 120,
  retryLimit: 8,
  retryBackoff: true,
  retryDelay: 5,
  retryDelayMax: 3600,
  notify: true,
  // Finished jobs are evidence of what was sent for a week.
  deleteAfterSeconds: 7 * 24 * 3600,
};

/** The queue over pg-boss, started with its schema migrated and every queue created. */
export class PgJobQueue implements JobQueue {
  private readonly boss: PgBoss;
  private readonly log: Logger;
  private readonly pollSeconds: number;
  private stopped = false;

  private constructor(boss: PgBoss, log: Logger, pollSeconds: number) {
    this.boss = boss;
    this.log = log;
    this.pollSeconds = pollSeconds;
  }

  static async start(options: JobQueueOptions): Promise<PgJobQueue> {
    const boss = new PgBoss({
      connectionString: options.databaseUrl,
      schema: JOBS_SCHEMA,
      application_name: 'brieflock-jobs',
      max: 4,
      useListenNotify: true,
      superviseIntervalSeconds: options.superviseSeconds,
      monitorIntervalSeconds: options.superviseSeconds,
      // No cron schedules: reminders and digests are jobs with a start time.
      schedule: false,
      registerInstance: false,
    });
    const log = options.log;
    boss.on('error', (error: unknown) => log.error({ err: error }, 'job queue error'));
    boss.on('warning', (warning: unknown) => log.warn({ warning }, 'job queue warning'));
    await boss.start();
    for (const [name, definition] of Object.entries(options.queues)) {
      const settings = { ...QUEUE_DEFAULTS, ...definition };
      if (await boss.getQueue(name)) {
        // Fixed at creation by pg-boss: the rest follows the definition on every start.
        const { heartbeatSeconds: _heartbeat, retryDelayMax: _delayMax, policy: _policy, ...changeable } = settings;
        await boss.updateQueue(name, changeable);
      } else await boss.createQueue(name, settings);
    }
    return new PgJobQueue(boss, log, options.pollSeconds ?? 2);
  }

  async send(tx: EntityManager, name: string, data: object, options: SendJobOptions = {}): Promise<string | null> {
    const trx = tx.getTransactionContext<Knex.Transaction>();
    if (!trx) throw new Error(`job "${name}" must be enqueued inside the transaction of its change`);
    return this.boss.send(name, data, {
      db: fromKnex(trx),
      ...(options.startAfter ? { startAfter: options.startAfter } : {}),
      ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
    });
  }

  async work<T extends object>(name: string, handler: JobHandler<T>): Promise<void> {
    const log = this.log.child({ queue: name });
    await this.boss.work<T>(
      name,
      {
        batchSize: 1,
        localConcurrency: 2,
        pollingIntervalSeconds: this.pollSeconds,
        // A job sent inside a transaction may be announced before that transaction commits:
        // the woken worker finds nothing, so the polling floor must stay short under NOTIFY too.
        notifyPollingIntervalSeconds: this.pollSeconds,
      },
      async (jobs: Job<T>[]) => {
        for (const job of jobs) {
          try {
            await runInBackground(() => handler({ id: job.id, data: job.data, retryCount: job.retryCount }));
          } catch (error) {
            log.warn({ err: error, jobId: job.id, retryCount: job.retryCount }, 'job failed: it will be retried');
            throw error;
          }
        }
      },
    );
  }

  /** Stops taking jobs and waits for those in hand (a job cut off is retried elsewhere). */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.boss.stop({ graceful: true, timeout: 10_000 });
  }
}
