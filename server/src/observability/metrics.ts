import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { RecentRate } from './recent-rate.js';

/** What the metrics read from the running app, at scrape time or as it happens. */
export interface MetricsSources {
  collab: {
    stats(): { documents: number; connections: number; unconfirmed: number; slowReadersClosed: number };
  };
  /** The document relay between instances; null or absent with a single instance. */
  relay?: { readonly stats: { published: number; received: number; publishFailures: number } } | null;
  events: { readonly subscriberCount: number };
  /** The brief update log: told after each commit, with its rows' and the commit's `performance.now()`. */
  updates: {
    readonly pending: number;
    onCommit(listener: (rows: readonly { readonly appendedAt: number }[], committedAt: number) => void): void;
  };
}

export interface MetricsOptions {
  /** When set, scrapes need `Authorization: Bearer <token>`. */
  token?: string;
}

/** Operation types as labels: a fixed set, whatever clients send. */
const OPERATION_TYPES = new Set(['query', 'mutation', 'subscription']);

/** From a millisecond-fast commit to a multi-second outage retry. */
const LAG_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const REQUEST_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

let processRegistry: Registry | undefined;

/**
 * The process's own metrics (CPU, memory, event loop, GC), collected once per process:
 * they describe the process, not one app in it, and their event-loop monitor and GC
 * observer cannot be stopped again, so starting them per app would pile them up.
 */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/**
 * The app's Prometheus metrics, in a registry of its own (several apps can share a
 * process), plus the process's metrics. Live counts (sockets, documents, subscribers,
 * queue) are read at scrape time, so nothing on the hot paths keeps them.
 */
export class AppMetrics {
  /** Everything `/metrics` serves: this app's metrics and the process's. */
  readonly registry: Registry;
  private readonly graphqlDuration: Histogram<'operation_type' | 'outcome'>;
  private readonly tokenDigest: Buffer | undefined;

  constructor(sources: MetricsSources, options: MetricsOptions = {}) {
    const own = new Registry();
    const registers = [own];
    new Gauge({
      name: 'brieflock_collab_connections',
      help: 'Open collaboration (y-websocket) sockets on this instance.',
      registers,
      collect() {
        this.set(sources.collab.stats().connections);
      },
    });
    new Gauge({
      name: 'brieflock_collab_slow_readers_closed',
      help: 'Collaboration sockets closed since start-up because they did not read what they were sent (4408).',
      registers,
      collect() {
        this.set(sources.collab.stats().slowReadersClosed);
      },
    });
    new Gauge({
      name: 'brieflock_collab_documents_loaded',
      help: 'Live briefs loaded in memory on this instance.',
      registers,
      collect() {
        this.set(sources.collab.stats().documents);
      },
    });
    new Gauge({
      name: 'brieflock_subscriptions_active',
      help: 'Active GraphQL subscriptions on this instance.',
      registers,
      collect() {
        this.set(sources.events.subscriberCount);
      },
    });
    new Gauge({
      name: 'brieflock_brief_updates_pending',
      help: 'Brief updates waiting in the update log to be committed.',
      registers,
      collect() {
        this.set(sources.updates.pending);
      },
    });
    const { relay } = sources;
    if (relay) {
      const relayCounter = (name: string, help: string, read: () => number) =>
        new Counter({
          name,
          help,
          registers,
          collect() {
            this.reset();
            this.inc(read());
          },
        });
      relayCounter(
        'brieflock_relay_messages_published_total',
        'Messages this instance published to other instances through Redis.',
        () => relay.stats.published,
      );
      relayCounter(
        'brieflock_relay_messages_received_total',
        'Messages this instance heard from other instances through Redis.',
        () => relay.stats.received,
      );
      relayCounter(
        'brieflock_relay_publish_failures_total',
        'Publishes to Redis that failed (other instances catch up on reconnect).',
        () => relay.stats.publishFailures,
      );
      new Gauge({
        name: 'brieflock_relay_unconfirmed_updates',
        help: 'Updates heard from other instances whose storage they have not confirmed yet.',
        registers,
        collect() {
          this.set(sources.collab.stats().unconfirmed);
        },
      });
    }
    const stored = new Counter({
      name: 'brieflock_brief_updates_stored_total',
      help: 'Brief updates committed to PostgreSQL.',
      registers,
    });
    const rate = new RecentRate(10);
    new Gauge({
      name: 'brieflock_brief_updates_per_second',
      help: 'Brief updates committed per second, over the last 10 seconds.',
      registers,
      collect() {
        this.set(rate.perSecond());
      },
    });
    const lag = new Histogram({
      name: 'brieflock_persistence_lag_seconds',
      help: 'Time from a brief update being handed to the update log until its commit.',
      buckets: LAG_BUCKETS,
      registers,
    });
    sources.updates.onCommit((rows, committedAt) => {
      stored.inc(rows.length);
      rate.add(rows.length);
      for (const row of rows) lag.observe((committedAt - row.appendedAt) / 1000);
    });
    this.graphqlDuration = new Histogram({
      name: 'brieflock_graphql_request_duration_seconds',
      help: 'GraphQL-over-HTTP requests, from the start of the operation until its response is sent.',
      labelNames: ['operation_type', 'outcome'],
      buckets: REQUEST_BUCKETS,
      registers,
    });
    this.registry = Registry.merge([processMetrics(), own]);
    this.tokenDigest = options.token === undefined ? undefined : digest(options.token);
  }

  /**
   * Times every GraphQL request by operation type (never by the client's operation name,
   * which would let clients create any number of series) and outcome.
   */
  graphqlPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
    const histogram = this.graphqlDuration;
    return {
      async requestDidStart() {
        const started = performance.now();
        return {
          async willSendResponse({ operation, errors, response }) {
            const type = operation?.operation;
            const failed =
              (errors?.length ?? 0) > 0 ||
              (response.body.kind === 'single' && (response.body.singleResult.errors?.length ?? 0) > 0);
            histogram.observe(
              {
                operation_type: type && OPERATION_TYPES.has(type) ? type : 'unknown',
                outcome: failed ? 'error' : 'ok',
              },
              (performance.now() - started) / 1000,
            );
          },
        };
      },
    };
  }

  /** `GET /metrics` in the Prometheus text format; behind a bearer token when one is configured. */
  readonly handler = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (this.tokenDigest && !bearerMatches(req.headers.authorization, this.tokenDigest)) {
      res.writeHead(401, {
        'www-authenticate': 'Bearer realm="metrics"',
        'content-type': 'text/plain; charset=utf-8',
        'cache-control': 'no-store',
      });
      res.end('A bearer token is required.\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const text = await this.registry.metrics();
    res.writeHead(200, { 'content-type': this.registry.contentType, 'cache-control': 'no-store' });
    res.end(req.method === 'HEAD' ? undefined : text);
  };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** Compares digests, so the time taken says nothing about how much of the token matched. */
function bearerMatches(header: string | undefined, expected: Buffer): boolean {
  const token = header === undefined ? undefined : /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
  return token !== undefined && timingSafeEqual(digest(token), expected);
}
