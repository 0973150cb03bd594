import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/src/app.js';
import { bootApp, startTestApp, useTestApp, type TestApp } from '../support/app.js';
import { synced } from '../support/collab.js';
import { appendParagraph, peerPool } from '../support/collab-checks.js';
import { makeCast, makeUser } from '../support/factories.js';
import { clientPool, subscribeLive } from '../support/subscriptions.js';
import { startTcpProxy } from '../support/tcp-proxy.js';
import { waitFor } from '../support/wait.js';
import { metricOf, parseSamples, sampleValue, scrape } from '../support/scrape.js';

const t = useTestApp();
const pool = peerPool();
const subscribers = clientPool(() => t);

afterEach(async () => {
  pool.destroyAll();
  await subscribers.disposeAll();
});

const BRIEFLOCK_METRICS = [
  ['brieflock_collab_connections', 'gauge'],
  ['brieflock_collab_documents_loaded', 'gauge'],
  ['brieflock_subscriptions_active', 'gauge'],
  ['brieflock_brief_updates_stored_total', 'counter'],
  ['brieflock_brief_updates_per_second', 'gauge'],
  ['brieflock_persistence_lag_seconds', 'histogram'],
  ['brieflock_brief_updates_pending', 'gauge'],
  ['brieflock_graphql_request_duration_seconds', 'histogram'],
] as const;

describe('GET /metrics', () => {
  it('serves the Prometheus text format with the process metrics and every brieflock metric', async () => {
    const response = await fetch(`${t.app.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    for (const [name, type] of BRIEFLOCK_METRICS) {
      expect(text).toContain(`# TYPE ${name} ${type}\n`);
      expect(text).toMatch(new RegExp(`^# HELP ${name} \\S`, 'm'));
    }
    const names = new Set(parseSamples(text).map((sample) => sample.name));
    for (const name of [
      'process_cpu_user_seconds_total',
      'process_resident_memory_bytes',
      'nodejs_heap_size_used_bytes',
      'nodejs_eventloop_lag_seconds',
    ]) {
      expect(names).toContain(name);
    }
  });

  it('counts collaboration sockets and loaded documents while a real provider is connected', async () => {
    const cast = await makeCast(t.api);
    expect(await metricOf(t.app.url, 'brieflock_collab_connections')).toBe(0);
    expect(await metricOf(t.app.url, 'brieflock_collab_documents_loaded')).toBe(0);

    const a = pool.peer(t.app.url, cast.proposal.id, cast.client.token);
    const b = pool.peer(t.app.url, cast.proposal.id, cast.freelancer.token);
    await Promise.all([synced(a), synced(b)]);
    const text = await scrape(t.app.url);
    expect(sampleValue(text, 'brieflock_collab_connections')).toBe(2);
    expect(sampleValue(text, 'brieflock_collab_documents_loaded')).toBe(1);

    pool.destroyAll();
    await waitFor(async () => (await metricOf(t.app.url, 'brieflock_collab_connections')) === 0, {
      what: 'the sockets to be gone from /metrics',
    });
    await waitFor(async () => (await metricOf(t.app.url, 'brieflock_collab_documents_loaded')) === 0, {
      what: 'the document to unload',
    });
  });

  it('counts GraphQL subscribers while a graphql-ws subscription is open', async () => {
    const cast = await makeCast(t.api);
    expect(await metricOf(t.app.url, 'brieflock_subscriptions_active')).toBe(0);
    const connection = subscribers.connect({ token: cast.client.token });
    await subscribeLive(t, connection, cast.proposal.id);
    expect(await metricOf(t.app.url, 'brieflock_subscriptions_active')).toBe(1);
    await connection.client.dispose();
    await waitFor(async () => (await metricOf(t.app.url, 'brieflock_subscriptions_active')) === 0, {
      what: 'the subscription to end',
    });
  });

  it('counts stored brief updates, times each from the update log to its commit, and shows updates per second', async () => {
    const before = await scrape(t.app.url);
    const storedBefore = sampleValue(before, 'brieflock_brief_updates_stored_total')!;
    const lagCountBefore = sampleValue(before, 'brieflock_persistence_lag_seconds_count')!;
    expect(storedBefore).toBeDefined();
    expect(lagCountBefore).toBe(storedBefore);

    const { a } = await pool.twoEditors(t.app, t.api);
    for (let i = 0; i < 5; i++) appendParagraph(a.doc, `Paragraph ${i}.`);
    await waitFor(() => a.isSaved(), { what: 'the edits to be saved' });

    const after = await scrape(t.app.url);
    const stored = sampleValue(after, 'brieflock_brief_updates_stored_total')! - storedBefore;
    expect(stored).toBeGreaterThanOrEqual(5);
    // Every stored update was timed once, and none took anywhere near 30 s.
    expect(sampleValue(after, 'brieflock_persistence_lag_seconds_count')! - lagCountBefore).toBe(stored);
    expect(sampleValue(after, 'brieflock_persistence_lag_seconds_bucket', { le: '30' })! - lagCountBefore).toBe(stored);
    expect(sampleValue(after, 'brieflock_persistence_lag_seconds_sum')).toBeGreaterThan(0);
    expect(sampleValue(after, 'brieflock_brief_updates_per_second')).toBeGreaterThan(0);
    expect(sampleValue(after, 'brieflock_brief_updates_pending')).toBe(0);
  });

  it('times GraphQL requests by operation type and outcome', async () => {
    const key = (operation_type: string, outcome: string) => ({ operation_type, outcome });
    const count = async (labels: Record<string, string>) =>
      metricOf(t.app.url, 'brieflock_graphql_request_duration_seconds_count', labels);
    const queriesOk = await count(key('query', 'ok'));
    const mutationsFailed = await count(key('mutation', 'error'));
    const unparsable = await count(key('unknown', 'error'));

    expect((await t.api.gql('{ __typename }')).errors).toBeUndefined();
    const user = await makeUser(t.api);
    const wrong = await t.api.gql('mutation($input: SignInInput!) { signIn(input: $input) { token } }', {
      input: { email: user.email, password: 'not the password' },
    });
    expect(wrong.errors).toBeDefined();
    expect((await t.api.gql('{ nope')).code).toBe('GRAPHQL_PARSE_FAILED');

    expect(await count(key('query', 'ok'))).toBe(queriesOk + 1);
    expect(await count(key('mutation', 'error'))).toBe(mutationsFailed + 1);
    expect(await count(key('unknown', 'error'))).toBe(unparsable + 1);
  });

  it('never labels by the operation name a client sends, so clients cannot create series', async () => {
    const seriesBefore = parseSamples(await scrape(t.app.url)).filter((sample) =>
      sample.name.startsWith('brieflock_graphql_'),
    ).length;
    for (let i = 0; i < 5; i++) {
      const name = `Hostile_${i}_${Date.now()}`;
      const response = await fetch(`${t.app.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: `query ${name} { __typename }`, operationName: name }),
      });
      expect(response.status).toBe(200);
    }
    const text = await scrape(t.app.url);
    expect(text).not.toContain('Hostile_');
    const series = parseSamples(text).filter((sample) => sample.name.startsWith('brieflock_graphql_'));
    expect(series.length).toBe(seriesBefore);
    expect(new Set(series.map((sample) => sample.labels.operation_type))).not.toContain(undefined);
  });

  it("keeps each app's metrics in its own registry, never prom-client's global one", async () => {
    // In one shared registry the second app's metrics could not even be created: prom-client
    // refuses a name registered twice.
    const { app: second } = await bootApp(t.db.url);
    try {
      const firstBefore = await metricOf(t.app.url, 'brieflock_graphql_request_duration_seconds_count', {
        operation_type: 'query',
        outcome: 'ok',
      });
      const response = await fetch(`${second.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"query":"{ __typename }"}',
      });
      expect(response.status).toBe(200);
      expect(
        await metricOf(second.url, 'brieflock_graphql_request_duration_seconds_count', {
          operation_type: 'query',
          outcome: 'ok',
        }),
      ).toBe(1);
      expect(
        await metricOf(t.app.url, 'brieflock_graphql_request_duration_seconds_count', {
          operation_type: 'query',
          outcome: 'ok',
        }),
      ).toBe(firstBefore);
      // Both apps serve the process's metrics too.
      expect(sampleValue(await scrape(second.url), 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    } finally {
      await second.close();
    }
  });
});

describe('GET /metrics while PostgreSQL is unreachable', () => {
  let app: App;
  let proxy: Awaited<ReturnType<typeof startTcpProxy>>;
  beforeAll(async () => {
    const url = new URL(t.db.url);
    proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
    app = (await bootApp(proxy.via(t.db.url))).app;
  });
  afterAll(async () => {
    proxy?.restore();
    pool.destroyAll();
    await app?.close();
    await proxy?.close();
  });

  it('shows the updates waiting in the update log, and none once they are stored', async () => {
    const { a } = await pool.twoEditors(app, t.api);
    proxy.cut();
    const failuresBefore = app.updates.stats.failures;
    for (let i = 0; i < 3; i++) appendParagraph(a.doc, `Written while the database is away ${i}.`);
    await waitFor(async () => (await metricOf(app.url, 'brieflock_brief_updates_pending')) >= 3, {
      what: 'pending updates in /metrics',
    });
    // A commit has failed: the outage is real, not just the time before the first attempt.
    await waitFor(() => app.updates.stats.failures > failuresBefore, { what: 'a commit to fail' });
    expect(await metricOf(app.url, 'brieflock_brief_updates_pending')).toBeGreaterThanOrEqual(3);
    proxy.restore();
    await waitFor(() => a.isSaved(), { timeoutMs: 15_000, what: 'the updates to be stored' });
    expect(await metricOf(app.url, 'brieflock_brief_updates_pending')).toBe(0);
    // Time in the queue counts: the outage shows in the persistence lag.
    const text = await scrape(app.url);
    expect(
      sampleValue(text, 'brieflock_persistence_lag_seconds_count')! -
        sampleValue(text, 'brieflock_persistence_lag_seconds_bucket', { le: '0.05' })!,
    ).toBeGreaterThanOrEqual(3);
  });
});

describe('METRICS_TOKEN', () => {
  const token = 'metrics-token-0123456789abcdef';
  let guarded: TestApp;
  beforeAll(async () => {
    guarded = await startTestApp({ METRICS_TOKEN: token });
  });
  afterAll(async () => {
    await guarded?.close();
  });

  it('answers 401 without the bearer token or with a wrong one', async () => {
    const attempts: Record<string, string>[] = [
      {},
      { authorization: 'Bearer wrong-token-0123456789abcdef' },
      { authorization: `Basic ${token}` },
      { authorization: `Bearer ${token}x` },
    ];
    for (const headers of attempts) {
      const response = await fetch(`${guarded.app.url}/metrics`, { headers });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(await response.text()).not.toContain('brieflock_');
    }
  });

  it('serves the metrics with the bearer token', async () => {
    const text = await scrape(guarded.app.url, token);
    expect(text).toContain('# TYPE brieflock_collab_connections gauge');
  });

  it('leaves /metrics open when unset', async () => {
    expect((await fetch(`${t.app.url}/metrics`)).status).toBe(200);
  });
});
