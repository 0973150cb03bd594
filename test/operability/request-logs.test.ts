import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startApp, type App } from '../../server/src/app.js';
import { loadConfig } from '../../server/src/config.js';
import { createLogger } from '../../server/src/logger.js';
import { rawSocket } from '../support/collab.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { makeCast } from '../support/factories.js';
import { createApi, type Api } from '../support/graphql.js';
import { waitFor } from '../support/wait.js';

interface LogLine {
  level: number;
  msg: string;
  reqId?: string;
  [key: string]: unknown;
}

const INFO = 30;
const DEBUG = 20;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let db: TestDatabase;
let app: App;
let api: Api;
const lines: LogLine[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: db.url,
    LOG_LEVEL: 'debug',
  });
  // Every line the app logs, parsed, as a log collector would see them.
  const log = createLogger(config.logLevel, { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) });
  app = await startApp(config, log);
  api = createApi(app.url);
});
afterAll(async () => {
  await app?.close();
  await db?.drop();
});
beforeEach(() => {
  lines.length = 0;
});

/** The completion line of the request with this id. */
const completion = (reqId: string) =>
  waitFor(() => lines.find((line) => line.msg === 'request' && line.reqId === reqId), {
    what: `the request line of ${reqId}`,
  });

describe('request ids', () => {
  it('keeps a sane X-Request-Id, echoes it, and logs one info line per request with method, path, status and duration', async () => {
    const response = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'edge-proxy.42_a-B' },
      body: '{"query":"{ __typename }"}',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('edge-proxy.42_a-B');
    const line = await completion('edge-proxy.42_a-B');
    expect(line).toMatchObject({ level: INFO, method: 'POST', path: '/graphql', status: 200 });
    expect(line.durationMs).toEqual(expect.any(Number));
    expect(line.durationMs as number).toBeGreaterThanOrEqual(0);
    expect(lines.filter((other) => other.msg === 'request' && other.reqId === 'edge-proxy.42_a-B')).toHaveLength(1);
  });

  it('replaces a missing, overlong or unsafe X-Request-Id with a fresh UUID', async () => {
    const ids: string[] = [];
    for (const headers of [
      {},
      { 'x-request-id': 'a'.repeat(129) },
      { 'x-request-id': 'bad id"}\\n{"level":60' },
      { 'x-request-id': 'évil' },
    ]) {
      const response = await fetch(`${app.url}/graphql?query=%7B__typename%7D`, {
        headers: headers as Record<string, string>,
      });
      const id = response.headers.get('x-request-id')!;
      expect(id).toMatch(UUID);
      expect((await completion(id)).path).toBe('/graphql');
      ids.push(id);
    }
    expect(new Set(ids).size).toBe(ids.length);
    // 128 characters is still accepted.
    const longest = 'b'.repeat(128);
    expect(
      (await fetch(`${app.url}/healthz`, { headers: { 'x-request-id': longest } })).headers.get('x-request-id'),
    ).toBe(longest);
  });

  it('logs the path without its query string, which may carry a token', async () => {
    const secret = 'query-string-secret-7f3a';
    const response = await fetch(`${app.url}/graphql?query=%7B__typename%7D&token=${secret}`, {
      headers: { 'x-request-id': 'with-query' },
    });
    expect(await completion('with-query')).toMatchObject({ path: '/graphql', status: response.status });
    expect(JSON.stringify(lines)).not.toContain(secret);
  });

  it('logs /healthz, /readyz and /metrics at debug only', async () => {
    for (const path of ['/healthz', '/readyz', '/metrics']) {
      const reqId = `probe${path.replace('/', '-')}`;
      expect((await fetch(`${app.url}${path}`, { headers: { 'x-request-id': reqId } })).status).toBe(200);
      expect(await completion(reqId)).toMatchObject({ level: DEBUG, path, status: 200 });
    }
  });
});

describe('lines about a request carry its id', () => {
  it('an unexpected resolver error is logged with the request id, and masked for the client', async () => {
    const cast = await makeCast(api);
    await db.query('alter table "users" rename to "users_away"');
    try {
      const result = await api.gql(
        'mutation($input: SignInInput!) { signIn(input: $input) { token } }',
        { input: { email: cast.client.email, password: cast.client.password } },
        { headers: { 'x-request-id': 'resolver-error-1' } },
      );
      expect(result.code).toBe('INTERNAL_SERVER_ERROR');
      expect(JSON.stringify(result.errors)).not.toContain('users');
    } finally {
      await db.query('alter table "users_away" rename to "users"');
    }
    const logged = await waitFor(() => lines.find((line) => line.msg === 'unexpected error in GraphQL operation'), {
      what: 'the error line',
    });
    expect(logged).toMatchObject({ reqId: 'resolver-error-1', level: 50 });
    expect(JSON.stringify(logged.err)).toContain('users');
  });

  it('a failure while authenticating the request (before its GraphQL context exists) is logged with the request id', async () => {
    const cast = await makeCast(api);
    await db.query('alter table "sessions" rename to "sessions_away"');
    try {
      const result = await api.gql(
        '{ __typename }',
        {},
        { token: cast.client.token, headers: { 'x-request-id': 'context-error-1' } },
      );
      expect(result.code).toBe('INTERNAL_SERVER_ERROR');
    } finally {
      await db.query('alter table "sessions_away" rename to "sessions"');
    }
    const logged = await waitFor(() => lines.find((line) => line.msg === 'unexpected error in GraphQL operation'), {
      what: 'the error line',
    });
    expect(logged.reqId).toBe('context-error-1');
  });

  it('a WebSocket upgrade is logged with its request id', async () => {
    const cast = await makeCast(api);
    const raw = rawSocket(app.url, cast.proposal.id, { token: cast.client.token }, { 'x-request-id': 'ws-upgrade-1' });
    try {
      expect(await raw.opened).toBe(true);
      const logged = await waitFor(
        () => lines.find((line) => line.msg === 'websocket upgrade' && line.reqId === 'ws-upgrade-1'),
        { what: 'the upgrade line' },
      );
      expect(logged.path).toBe(`/collab/${cast.proposal.id}`);
      expect(JSON.stringify(lines)).not.toContain(cast.client.token);
    } finally {
      raw.socket.terminate();
    }
  });
});
