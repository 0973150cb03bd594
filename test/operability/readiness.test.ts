import net from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../server/src/app.js';
import { Readiness, postgresCheck, type ReadinessReport } from '../../server/src/observability/readiness.js';
import { bootApp } from '../support/app.js';
import { machineRedisAvailable, MACHINE_REDIS_URL, reportSkipped } from '../support/redis.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { waitFor } from '../support/wait.js';

const REDIS_URL = MACHINE_REDIS_URL;
reportSkipped(machineRedisAvailable, '/readyz with a Redis that answers', 'a Redis at 127.0.0.1:6379');

async function readyz(app: App): Promise<{ status: number; body: ReadinessReport; text: string; ms: number }> {
  const started = performance.now();
  const response = await fetch(`${app.url}/readyz`);
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as ReadinessReport, text, ms: performance.now() - started };
}

/**
 * A TCP proxy that can freeze: while frozen it forwards nothing in either direction but
 * keeps every connection open, like a database that stopped answering.
 */
async function startFreezableProxy(target: { host: string; port: number }) {
  let frozen = false;
  const clients = new Set<net.Socket>();
  const server = net.createServer((client) => {
    clients.add(client);
    const upstream = net.connect(target.port, target.host);
    const drop = () => {
      clients.delete(client);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.on('data', (chunk) => frozen || upstream.write(chunk));
    upstream.on('data', (chunk) => frozen || client.write(chunk));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as net.AddressInfo;
  return {
    via(url: string) {
      const parsed = new URL(url);
      parsed.hostname = '127.0.0.1';
      parsed.port = String(port);
      return parsed.toString();
    },
    freeze: () => (frozen = true),
    thaw: () => (frozen = false),
    get open() {
      return clients.size;
    },
    async close() {
      for (const client of clients) client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

let db: TestDatabase;
let pgTarget: { host: string; port: number };
const apps: App[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  const url = new URL(db.url);
  pgTarget = { host: url.hostname, port: Number(url.port || 5432) };
});
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
});
afterAll(async () => {
  await db?.drop();
});

async function boot(databaseUrl: string, env: Record<string, string> = {}): Promise<App> {
  const { app } = await bootApp(databaseUrl, env);
  apps.push(app);
  return app;
}

describe('GET /readyz against PostgreSQL behind a proxy', () => {
  let proxy: TcpProxy;
  beforeAll(async () => {
    proxy = await startTcpProxy(pgTarget);
  });
  afterEach(() => proxy.restore());
  afterAll(async () => {
    await proxy?.close();
  });

  it('answers 200 with postgres ok, and shows no connection string', async () => {
    const app = await boot(proxy.via(db.url));
    const ready = await readyz(app);
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready', checks: { postgres: 'ok' } });
    expect(ready.text).not.toContain('postgres://');
    expect(ready.text).not.toContain(db.name);
  });

  it('turns 503 naming postgres while PostgreSQL is cut off, promptly, and 200 again once it is back; /healthz stays 200', async () => {
    const app = await boot(proxy.via(db.url));
    expect((await readyz(app)).status).toBe(200);

    proxy.cut();
    const down = await readyz(app);
    expect(down.status).toBe(503);
    expect(down.body.status).toBe('unavailable');
    expect(down.body.checks.postgres).toMatch(/^error: \S/);
    expect(down.ms).toBeLessThan(2_500);
    expect(down.text).not.toContain('postgres://');
    const health = await fetch(`${app.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.text()).toBe('ok');

    proxy.restore();
    const back = await waitFor(
      async () => {
        const ready = await readyz(app);
        return ready.status === 200 ? ready : undefined;
      },
      { what: '/readyz to answer 200 again' },
    );
    expect(back.body).toEqual({ status: 'ready', checks: { postgres: 'ok' } });
  });
});

describe('a PostgreSQL that stops answering', () => {
  it('fails the check within its timeout, closes the stuck connection, and passes again once PostgreSQL answers', async () => {
    const proxy = await startFreezableProxy(pgTarget);
    const check = postgresCheck(proxy.via(db.url), { timeoutMs: 300 });
    const readiness = new Readiness([check], { timeoutMs: 300 });
    try {
      expect(await readiness.report()).toEqual({ status: 'ready', checks: { postgres: 'ok' } });
      expect(proxy.open).toBe(1);

      proxy.freeze();
      const started = performance.now();
      const report = await readiness.report();
      const elapsed = performance.now() - started;
      expect(report).toEqual({ status: 'unavailable', checks: { postgres: 'error: no answer within 300 ms' } });
      expect(elapsed).toBeGreaterThanOrEqual(290);
      expect(elapsed).toBeLessThan(1_500);
      // The connection stuck in its query is destroyed, not kept in the pool.
      await waitFor(() => proxy.open === 0, { what: 'the stuck connection to close' });

      proxy.thaw();
      expect(await readiness.report()).toEqual({ status: 'ready', checks: { postgres: 'ok' } });
    } finally {
      await readiness.close();
      await proxy.close();
    }
  });

  it('fails the check within its timeout when the connection cannot even be set up', async () => {
    const proxy = await startFreezableProxy(pgTarget);
    proxy.freeze();
    const readiness = new Readiness([postgresCheck(proxy.via(db.url), { timeoutMs: 300 })], { timeoutMs: 300 });
    try {
      const started = performance.now();
      const report = await readiness.report();
      expect(report.status).toBe('unavailable');
      expect(report.checks.postgres).toMatch(/^error: /);
      expect(performance.now() - started).toBeLessThan(1_500);
    } finally {
      await readiness.close();
      await proxy.close();
    }
  });
});

describe('Readiness', () => {
  it('runs its checks concurrently, each bounded by the timeout, and reports each by name', async () => {
    const started: string[] = [];
    const readiness = new Readiness(
      [
        { name: 'fast', check: async () => void started.push('fast') },
        {
          name: 'hung',
          check: () => {
            started.push('hung');
            return new Promise<void>(() => undefined);
          },
        },
        {
          name: 'broken',
          check: async () => {
            started.push('broken');
            return Promise.reject(new Error('refused by redis://user:hunter2@cache:6379'));
          },
        },
      ],
      { timeoutMs: 200 },
    );
    const before = performance.now();
    const report = await readiness.report();
    expect(performance.now() - before).toBeLessThan(1_000);
    expect(started.sort()).toEqual(['broken', 'fast', 'hung']);
    expect(report).toEqual({
      status: 'unavailable',
      checks: {
        fast: 'ok',
        hung: 'error: no answer within 200 ms',
        broken: 'error: refused by redis://***@cache:6379',
      },
    });
  });

  it('lets probes that arrive during a round share its result', async () => {
    let calls = 0;
    let finish: () => void = () => undefined;
    const readiness = new Readiness([
      {
        name: 'slow',
        check: () => (++calls === 1 ? new Promise<void>((resolve) => (finish = resolve)) : Promise.resolve()),
      },
    ]);
    const probes = [readiness.report(), readiness.report(), readiness.report()];
    await waitFor(() => calls > 0, { what: 'the check to start' });
    finish();
    const reports = await Promise.all(probes);
    expect(calls).toBe(1);
    expect(reports.map((report) => report.status)).toEqual(['ready', 'ready', 'ready']);
    await readiness.report();
    expect(calls).toBe(2);
  });

  it('answers unavailable once closed (the app is shutting down)', async () => {
    const readiness = new Readiness([{ name: 'postgres', check: async () => undefined }]);
    expect((await readiness.report()).status).toBe('ready');
    await readiness.close();
    expect(await readiness.report()).toEqual({ status: 'unavailable', checks: { postgres: 'error: shutting down' } });
  });
});

describe('GET /readyz with REDIS_URL set', () => {
  it('answers 503 naming redis when Redis is unreachable, while postgres is ok', async () => {
    // Port 9 (discard) on loopback: nothing answers.
    const app = await boot(db.url, { REDIS_URL: 'redis://127.0.0.1:9' });
    const ready = await readyz(app);
    expect(ready.status).toBe(503);
    expect(ready.body.checks.postgres).toBe('ok');
    expect(ready.body.checks.redis).toMatch(/^error: \S/);
    expect(ready.text).not.toContain('redis://');
  });

  it.skipIf(!machineRedisAvailable)('answers 200 with redis ok when Redis answers PING', async () => {
    const app = await boot(db.url, { REDIS_URL });
    const ready = await waitFor(
      async () => {
        const answer = await readyz(app);
        return answer.status === 200 ? answer : undefined;
      },
      { what: '/readyz to see Redis' },
    );
    expect(ready.body).toEqual({ status: 'ready', checks: { postgres: 'ok', redis: 'ok' } });
  });
});
