import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from '../../server/src/app.js';
import { loadConfig } from '../../server/src/config.js';
import { createLogger } from '../../server/src/logger.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { scrape } from '../support/scrape.js';
import { TEST_SIGNING_KEY } from '../support/constants.js';

const TOKEN = 'metrics-token-0123456789abcdef';

interface Booted {
  app: App;
  /** Every line the app logged, as JSON. */
  lines: { level: number; msg: string; [key: string]: unknown }[];
}

let db: TestDatabase;
const apps: App[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  for (const app of apps) await app.close();
  await db?.drop();
});

/** An app on this file's database with `env`, its start-up lines captured. */
async function boot(env: Record<string, string>): Promise<Booted> {
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: db.url,
    LOG_LEVEL: 'info',
    SIGNING_KEY: TEST_SIGNING_KEY,
    ...env,
  });
  const lines: Booted['lines'] = [];
  const log = createLogger(config.logLevel, { write: (line: string) => void lines.push(JSON.parse(line)) });
  const app = await startApp(config, log);
  apps.push(app);
  return { app, lines };
}

const status = async (url: string, headers: Record<string, string> = {}) => {
  const response = await fetch(url, { headers });
  const text = await response.text();
  return { status: response.status, text };
};

describe('/metrics in production (NODE_ENV=production)', () => {
  it('without METRICS_TOKEN or METRICS_PORT is not served on the public port, and start-up says so', async () => {
    const { app, lines } = await boot({ NODE_ENV: 'production' });
    const response = await status(`${app.url}/metrics`);
    expect(response.status).toBe(404);
    expect(response.text).not.toContain('brieflock_');
    expect(app.metricsUrl).toBeNull();
    const warning = lines.find((line) => /metrics/i.test(line.msg) && line.level === 40);
    expect(warning?.msg).toMatch(/not served on the public port/);
    expect(warning?.msg).toMatch(/METRICS_TOKEN/);
    expect(warning?.msg).toMatch(/METRICS_PORT/);
  });

  it('with METRICS_TOKEN requires the bearer token on the public port', async () => {
    const { app, lines } = await boot({ NODE_ENV: 'production', METRICS_TOKEN: TOKEN });
    expect((await status(`${app.url}/metrics`)).status).toBe(401);
    expect((await status(`${app.url}/metrics`, { authorization: 'Bearer wrong-token-0123456789abcdef' })).status).toBe(
      401,
    );
    expect(await scrape(app.url, TOKEN)).toContain('# TYPE brieflock_collab_connections gauge');
    expect(lines.some((line) => /requires Authorization: Bearer/.test(line.msg))).toBe(true);
  });

  it('with METRICS_PORT serves them on loopback only, and not on the public port', async () => {
    const { app, lines } = await boot({ NODE_ENV: 'production', METRICS_PORT: '0' });
    expect(app.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(app.metricsUrl).not.toBe(app.url);
    const loopback = await status(`${app.metricsUrl}/metrics`);
    expect(loopback.status).toBe(200);
    expect(loopback.text).toContain('# TYPE brieflock_collab_connections gauge');
    expect((await status(`${app.metricsUrl}/graphql`)).status).toBe(404);
    expect((await status(`${app.url}/metrics`)).status).toBe(404);
    expect(lines.find((line) => line.metricsUrl)?.metricsUrl).toBe(`${app.metricsUrl}/metrics`);
  });
});

describe('/metrics in development', () => {
  it('stays open on the public port', async () => {
    const { app } = await boot({ NODE_ENV: 'development' });
    expect((await status(`${app.url}/metrics`)).status).toBe(200);
  });
});
