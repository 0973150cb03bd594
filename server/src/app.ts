import type { AddressInfo } from 'node:net';
import pg from 'pg';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Config } from './config.js';
import { ensureDatabase, openDatabase } from './db/orm.js';
import { ENTITIES } from './modules/entities.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './db/embedded-postgres.js';
import { createApollo } from './graphql/apollo.js';
import { buildAppSchema } from './graphql/schema.js';
import type { PubSub } from 'type-graphql';
import { createGraphQLHandler } from './http/graphql-handler.js';
import { createHttpServer } from './http/server.js';
import { createStaticHandler } from './http/static.js';
import type { Logger } from './logger.js';
import { CollabServer } from './collab/collab-server.js';
import { RedisRelay } from './collab/redis-relay.js';
import { subprotocolToken } from './collab/subprotocol.js';
import type { ControlMessage, DocumentRelay } from './collab/relay.js';
import { createCollabHooks } from './modules/briefs/collab-hooks.js';
import type { LiveBriefs } from './modules/briefs/live-briefs.js';
import { UpdateLog } from './modules/briefs/update-log.js';
import type { BriefLogs } from './modules/briefs/brief-log.js';
import { CloseCode } from '@brieflock/schema';
import { originAllowed } from './http/origin.js';
import { tokenFrom } from './http/request.js';
import { createExportHandler } from './http/export-handler.js';
import { startMetricsServer, type MetricsServer } from './http/metrics-server.js';
import { createWellKnownHandler } from './http/well-known.js';
import { createUnsubscribeHandler } from './http/unsubscribe-handler.js';
import { loadServerKeys, registerServerKey, type ServerKeys } from './modules/trust/server-keys.js';
import { createSubscriptionServer } from './http/subscriptions.js';
import { ProposalEvents } from './modules/events/proposal-events.js';
import { changedSections } from './modules/events/changed-sections.js';
import { DEFAULT_SIGN_IN_THROTTLE, type SignInThrottleOptions } from './modules/accounts/throttle.js';
import { AppMetrics } from './observability/metrics.js';
import { Readiness, postgresCheck } from './observability/readiness.js';
import { requestIdOf } from './observability/request-log.js';
import { configurePasswordHashing } from './modules/accounts/credentials.js';
import { openWorkPool } from './work/pool.js';
import { PgJobQueue } from './jobs/queue.js';
import { createMailer, type Mailer } from './modules/mail/outbox.js';
import { MAIL_QUEUES, startMailWorkers } from './modules/mail/workers.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './modules/webhooks/retry-policy.js';
import type { ResolveAll } from './modules/webhooks/send-webhook.js';
import { enqueueEditorEvent } from './modules/webhooks/webhook-outbox.js';
import { startWebhookWorker, WEBHOOK_QUEUES } from './modules/webhooks/webhook-worker.js';
import type { Reach } from './modules/mail/reach.js';
import { sweepSignReminders } from './modules/contract/sign-reminders.js';
import { sweepMilestoneDue } from './modules/engagement/milestone-due.js';
import { inBackground, runInBackground } from './jobs/background.js';

export interface App {
  /** Base URL the server listens on, e.g. http://127.0.0.1:4000. */
  url: string;
  port: number;
  orm: MikroORM;
  collab: CollabServer;
  updates: UpdateLog;
  /** Size and growth of each brief's stored log. */
  briefLogs: BriefLogs;
  events: ProposalEvents;
  /** The server's signing key. */
  keys: ServerKeys;
  /** The document relay to other instances (through Redis); null without REDIS_URL. */
  relay: DocumentRelay | null;
  /** Base URL of the loopback metrics server (METRICS_PORT); null when there is none. */
  metricsUrl: string | null;
  /** The durable job queue (e-mails, reminders, digests, webhook deliveries). */
  jobs: PgJobQueue;
  /** Link base, digest and reminder timing, and the clock they run on. */
  reach: Reach;
  /** Stops accepting work, finishes what is in flight, closes the database last. */
  close(): Promise<void>;
}

export interface AppOptions {
  /** Test hook: called with every SQL statement but those of jobs and sweeps (see jobs/background.ts). */
  onQuery?: (sql: string) => void;
  /** Test hook: how often collaboration sockets are checked for expired sessions. */
  collabSweepIntervalMs?: number;
  /** Test hook: quiet time before a DRAFT_CHANGED event goes out. */
  draftChangedDebounceMs?: number;
  /** Test hook: how often subscription sockets are pinged. */
  subscriptionHeartbeatMs?: number;
  /** Test hook: how long a relayed update may stay unconfirmed before this instance stores it. */
  unconfirmedTimeoutMs?: number;
  /** Test hook: the longest pause between two retries of a failed update-log commit (default 5 s). */
  updateRetryCapMs?: number;
  /** Test hook: sign-in throttling delays and thresholds (defaults in modules/accounts/throttle.ts). */
  signInThrottle?: Partial<SignInThrottleOptions>;
  /** Test hook: how long notifications gather before a digest (default: DIGEST_MINUTES). */
  digestMs?: number;
  /** Test hook: how often due signature reminders and milestone due dates are looked for (default: a minute). */
  reminderSweepMs?: number;
  /** Test hook: the clock reminders, due dates and digests are measured on (default: the system's). */
  now?: () => Date;
  /** Test hook: how failed webhook deliveries are retried (defaults in modules/webhooks/retry-policy.ts). */
  webhookRetry?: Partial<RetryPolicy>;
  /** Test hook: how webhook hosts are resolved (default: the system's `dns.lookup`). */
  webhookResolve?: ResolveAll;
}

/** Name of the application database inside the embedded cluster. */
const EMBEDDED_DATABASE = 'brieflock';

/** Starts the database (embedded when no DATABASE_URL), migrations, GraphQL and HTTP. */
export async function startApp(config: Config, log: Logger, options: AppOptions = {}): Promise<App> {
  let embedded: EmbeddedPostgres | undefined;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    log.info({ dataDir: config.dataDir }, 'DATABASE_URL is not set: starting embedded PostgreSQL');
    embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, onLog: (line) => log.debug({ postgres: line }) });
    databaseUrl = await ensureDatabase(embedded.url, EMBEDDED_DATABASE);
  }

  // Before the database: a missing or unreadable key stops start-up without touching data.
  const keys = await loadServerKeys(config);
  let orm: MikroORM | undefined;
  let updatePool: pg.Pool | undefined;
  let briefLogs: BriefLogs | undefined;
  let startedEvents: ProposalEvents | undefined;
  let relay: RedisRelay | undefined;
  let metricsServer: MetricsServer | undefined;
  let jobs: PgJobQueue | undefined;
  let mailer: Mailer | undefined;
  // CPU-heavy work and password hashing are bounded per process (see work/pool.ts, credentials.ts).
  openWorkPool(config.work);
  configurePasswordHashing(config.passwordHashing);
  try {
    // Statements of jobs and sweeps are not a request's: they are left out of the count.
    const onQuery = options.onQuery;
    orm = await openDatabase({
      databaseUrl,
      entities: ENTITIES,
      logger: log,
      onQuery: onQuery && ((sql) => inBackground() || onQuery(sql)),
    });
    await registerServerKey(orm.em.fork(), keys);
    const jobsLog = log.child({ component: 'jobs' });
    jobs = await PgJobQueue.start({
      databaseUrl,
      log: jobsLog,
      queues: { ...MAIL_QUEUES, ...WEBHOOK_QUEUES },
      superviseSeconds: config.jobSuperviseSeconds,
    });
    mailer = createMailer(config.mail);
    if (!config.mail.smtpUrl)
      log.info('SMTP_URL is not set: e-mails are kept in the outbox table and logged, one line each');
    const reach: Reach = {
      publicUrl: config.publicUrl,
      digestMs: options.digestMs ?? config.digestMs,
      signReminderDays: config.signReminderDays,
      milestoneDueSoonDays: config.milestoneDueSoonDays,
      now: options.now ?? (() => new Date()),
    };
    const updateLog = log.child({ component: 'update-log' });
    updatePool = new pg.Pool({ connectionString: databaseUrl, max: 2, idleTimeoutMillis: 30_000 });
    // An idle connection that dies (database restart) is replaced on next use; without a
    // listener its error would crash the process.
    updatePool.on('error', (error) => updateLog.warn({ err: error }, 'update log connection lost'));
    const updates = new UpdateLog(updatePool, updateLog, { maxRetryDelayMs: options.updateRetryCapMs });
    const webhooksLog = log.child({ component: 'webhooks' });
    // The live editor's events are born outside any transaction: their webhook deliveries
    // are enqueued just before they are published (see enqueueEditorEvent).
    const enqueueEdit = enqueueEditorEvent(orm, jobs, webhooksLog);
    const events = new ProposalEvents({
      log: log.child({ component: 'events' }),
      redisUrl: config.redisUrl,
      debounceMs: options.draftChangedDebounceMs,
      beforeDraftPublished: enqueueEdit,
    });
    startedEvents = events;
    if (config.redisUrl) relay = new RedisRelay(config.redisUrl, log.child({ component: 'relay' }));
    const collab = new CollabServer({
      relay,
      unconfirmedTimeoutMs: options.unconfirmedTimeoutMs,
      hooks: createCollabHooks({
        orm,
        log,
        updates,
        tokenOf: (request) => subprotocolToken(request) ?? tokenFrom(request),
        logLimits: {
          compactAboveBytes: config.collabCompactAboveBytes,
          maxLogBytes: config.collabMaxLogBytes,
          bytesPerSecond: config.collabDocumentBytesPerSecond,
        },
        onLogs: (logs) => (briefLogs = logs),
        onChanged: (proposalId, change, suggestionsAdded) => {
          const sections = changedSections(change);
          const actorId = change.peer?.user.id ?? null;
          if (sections.length > 0) events.draftChanged(proposalId, sections, actorId);
          for (const suggestionId of suggestionsAdded) {
            const event = { kind: 'SUGGESTION_ADDED', proposalId, actorId, suggestionId } as const;
            void enqueueEdit(event).then(() => events.publish(event));
          }
        },
      }),
      log: log.child({ component: 'collab' }),
      originAllowed: (request) => originAllowed(request, config),
      messagesPerSecond: config.collabMessagesPerSecond,
      maxBufferedBytes: config.collabMaxBufferedBytes,
      clientIdLimits: {
        maxNewPerUpdate: config.collabMaxNewClientIdsPerUpdate,
        maxPerDocument: config.collabMaxClientIdsPerDocument,
      },
      socketLimits: { perDocument: config.collabMaxSocketsPerDocument, perUser: config.collabMaxSocketsPerUser },
      sweepIntervalMs: options.collabSweepIntervalMs,
    });
    // Removal and sign-out close sockets and subscriptions on this instance and, through
    // the relay, on every other.
    const control = (message: ControlMessage) => {
      if (message.kind === 'participant-removed') {
        collab.disconnect(
          message.proposalId,
          (peer) => peer.user.id === message.userId,
          CloseCode.PARTICIPANT_REMOVED,
          'removed from the proposal',
        );
        events.participantRemoved(message.proposalId, message.userId);
      } else if (message.kind === 'role-changed') {
        collab.disconnect(
          message.proposalId,
          (peer) => peer.user.id === message.userId,
          CloseCode.ROLE_CHANGED,
          'role changed',
        );
        events.roleChanged(message.proposalId, message.userId, message.role);
      } else if (message.kind === 'proposal-deleted') {
        collab.disconnect(message.proposalId, () => true, CloseCode.NOT_FOUND, 'proposal deleted');
        events.proposalDeleted(message.proposalId);
      } else {
        collab.disconnectEverywhere(
          (peer) => peer.sessionId === message.sessionId,
          CloseCode.UNAUTHENTICATED,
          'signed out',
        );
        events.sessionEnded(message.sessionId);
        subscriptions.sessionEnded(message.sessionId);
      }
    };
    const broadcast = (message: ControlMessage) => {
      control(message);
      relay?.publishControl(message);
    };
    const from = relay?.instanceId ?? 'local';
    const live: LiveBriefs = {
      loadedDocument: (proposalId) => collab.loadedDocument(proposalId),
      edit: (proposalId, change) => collab.edit(proposalId, change),
      participantRemoved: (proposalId, userId) => broadcast({ kind: 'participant-removed', from, proposalId, userId }),
      roleChanged: (proposalId, userId, role) => broadcast({ kind: 'role-changed', from, proposalId, userId, role }),
      proposalDeleted: (proposalId) => broadcast({ kind: 'proposal-deleted', from, proposalId }),
      sessionEnded: (sessionId) => broadcast({ kind: 'session-ended', from, sessionId }),
    };
    const signInThrottle = { ...DEFAULT_SIGN_IN_THROTTLE, ...options.signInThrottle };
    const schema = await buildAppSchema(events.pubSub as unknown as PubSub);
    const subscriptions = createSubscriptionServer({
      schema,
      orm,
      config,
      log,
      live,
      events,
      keys,
      heartbeatMs: options.subscriptionHeartbeatMs,
      signInThrottle,
      jobs,
      reach,
    });
    relay?.onControl(control);
    const metrics = new AppMetrics({ collab, events, updates, relay }, { token: config.metricsToken });
    const readiness = new Readiness([
      postgresCheck(databaseUrl, { log }),
      // Both the events' and the document relay's connections must answer.
      ...(config.redisUrl
        ? [{ name: 'redis', check: () => Promise.all([events.ping(), relay?.ping()]).then(() => undefined) }]
        : []),
    ]);
    const apollo = await createApollo(schema, log, config.env === 'production', { plugins: [metrics.graphqlPlugin()] });
    const server = createHttpServer(
      {
        graphql: createGraphQLHandler({ apollo, orm, config, live, events, signInThrottle, keys, jobs, reach }),
        wellKnown: createWellKnownHandler(keys),
        health: (_req, res) => {
          res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }).end('ok');
        },
        readiness: readiness.handler,
        metrics:
          config.publicMetrics === 'off'
            ? (_req, res) => {
                res.writeHead(404, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
                res.end(JSON.stringify({ errors: [{ message: 'Not found.', extensions: { code: 'NOT_FOUND' } }] }));
              }
            : metrics.handler,
        static: createStaticHandler(config.clientDist),
        export: createExportHandler({ orm, config, keys }),
        unsubscribe: createUnsubscribeHandler({ orm, reach }),
      },
      log,
    );
    server.on('upgrade', (request, socket, head) => {
      let url: URL;
      try {
        url = new URL(request.url ?? '/', 'http://localhost');
      } catch {
        socket.destroy();
        return;
      }
      const upgradeLog = log.child({ reqId: requestIdOf(request), path: url.pathname });
      upgradeLog.debug('websocket upgrade');
      if (url.pathname === '/graphql') {
        subscriptions.upgrade(request, socket, head);
      } else if (collab.handles(url)) {
        collab.upgrade(request, socket, head, url).catch((error: unknown) => {
          upgradeLog.error({ err: error }, 'collaboration upgrade failed');
          socket.destroy();
        });
      } else {
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      }
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    if (config.metricsPort !== undefined) {
      metricsServer = await startMetricsServer(
        metrics.handler,
        config.metricsPort,
        log.child({ component: 'metrics' }),
      );
    }
    logMetricsPlacement(log, config, metricsServer?.url ?? null);
    // Workers start last: a job may need everything above.
    await startMailWorkers(jobs, { orm, mailer, log: jobsLog, reach });
    // Every instance looks for due reminders and due dates; a reminder's unique row, and a
    // due date's claimed column, let only one send each.
    const reminderLog = log.child({ component: 'reminders' });
    const sweepDeps = { jobs, reach, events, log: reminderLog };
    const sweepOrm = orm;
    let sweeping: Promise<unknown> | null = null;
    const reminderTimer = setInterval(() => {
      sweeping ??= runInBackground(async () => {
        await sweepSignReminders(sweepOrm, sweepDeps).catch((error: unknown) =>
          reminderLog.warn({ err: error }, 'signature reminder sweep failed'),
        );
        await sweepMilestoneDue(sweepOrm, sweepDeps).catch((error: unknown) =>
          reminderLog.warn({ err: error }, 'milestone due date sweep failed'),
        );
      }).finally(() => {
        sweeping = null;
      });
    }, options.reminderSweepMs ?? 60_000);
    reminderTimer.unref();
    const stopReminders = async () => {
      clearInterval(reminderTimer);
      await sweeping;
    };
    await startWebhookWorker(jobs, {
      orm,
      keys,
      log: webhooksLog,
      allowPrivate: config.webhookAllowPrivate,
      reach,
      events,
      retry: { ...DEFAULT_RETRY_POLICY, ...options.webhookRetry },
      resolve: options.webhookResolve,
    });
    const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
    const readyOrm = orm;
    const readyPool = updatePool;
    const readyRelay = relay ?? null;
    const readyMetrics = metricsServer;
    const readyJobs = jobs;
    const readyMailer = mailer;
    let closing: Promise<void> | undefined;
    return {
      url: `http://${host}:${port}`,
      port,
      orm: readyOrm,
      collab,
      updates,
      briefLogs: briefLogs!,
      events,
      keys,
      relay: readyRelay,
      metricsUrl: readyMetrics?.url ?? null,
      jobs: readyJobs,
      reach,
      close() {
        closing ??= (async () => {
          // Load balancers see the instance leave at once.
          const readinessClosed = readiness.close();
          const httpClosed = new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeIdleConnections();
          });
          // Sockets first (clients reconnect elsewhere), then every pending update is
          // stored, and only then the database goes away.
          await Promise.all([collab.close(), subscriptions.close(), readyMetrics?.close()]);
          await Promise.all([events.close(), readyRelay?.close()]);
          // Jobs in hand finish (or are retried elsewhere) before the database goes.
          await stopReminders();
          await readyJobs.stop();
          readyMailer.close();
          await updates.close();
          await readyPool.end();
          await readinessClosed;
          await httpClosed;
          await apollo.stop();
          await readyOrm.close(true);
          await embedded?.stop();
        })();
        return closing;
      },
    };
  } catch (error) {
    await metricsServer?.close().catch(() => undefined);
    await jobs?.stop().catch(() => undefined);
    mailer?.close();
    await startedEvents?.close().catch(() => undefined);
    await relay?.close().catch(() => undefined);
    await updatePool?.end().catch(() => undefined);
    await orm?.close(true).catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    throw error;
  }
}

/** Says at start-up where `/metrics` is served and how it is guarded. */
function logMetricsPlacement(log: Logger, config: Config, loopbackUrl: string | null): void {
  const publicLine = {
    open: '/metrics is open on the public port (development: set METRICS_TOKEN or METRICS_PORT in production)',
    token: '/metrics on the public port requires Authorization: Bearer <METRICS_TOKEN>',
    off: '/metrics is not served on the public port (set METRICS_TOKEN for a bearer-guarded /metrics there)',
  }[config.publicMetrics];
  if (loopbackUrl) log.info({ metricsUrl: `${loopbackUrl}/metrics` }, `metrics served on loopback; ${publicLine}`);
  else if (config.publicMetrics === 'off')
    log.warn(`${publicLine}, nor anywhere else: in production set METRICS_TOKEN or METRICS_PORT to scrape metrics`);
  else log.info(publicLine);
}
