import { existsSync, readdirSync, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './support/db.js';
import { makeProposal, makeUser, type TestUser } from './support/factories.js';
import { createApi, type Api } from './support/graphql.js';
import {
  freePort,
  isAlive,
  killAll,
  runToExit,
  spawnServer,
  waitUntilHealthy,
  type ServerProcess,
} from './support/process.js';

/** `pnpm start` gives the server this long to shut down before it exits with 1. */
const SHUTDOWN_LIMIT_MS = 10_000;

afterEach(killAll);

/** Starts the built server on `port` and waits until it is healthy. */
async function startServer(
  env: Record<string, string>,
  port: number,
  timeoutMs = 60_000,
): Promise<{ server: ServerProcess; url: string; api: Api }> {
  const url = `http://127.0.0.1:${port}`;
  const server = spawnServer({ ...env, PORT: String(port) });
  await waitUntilHealthy(server, url, timeoutMs);
  return { server, url, api: createApi(url) };
}

/** Sends SIGTERM (or SIGINT, as Ctrl-C does) and asserts a clean exit well within the shutdown limit. */
async function stopCleanly(server: ServerProcess, signal: 'SIGTERM' | 'SIGINT' = 'SIGTERM'): Promise<void> {
  const exit = await server.stop(signal, SHUTDOWN_LIMIT_MS + 5_000);
  expect(exit, `exit after ${signal}\n${server.stdout().slice(-2_000)}\n${server.stderr()}`).toMatchObject({
    code: 0,
    signal: null,
  });
  expect(exit.ms).toBeLessThan(SHUTDOWN_LIMIT_MS / 2);
}

/** Signs in through the API and lists the user's proposals with that session. */
async function signInAndListProposals(api: Api, user: TestUser) {
  const signIn = await api.gql<{ signIn: { token: string; user: { id: string } } }>(
    'mutation($input: SignInInput!) { signIn(input: $input) { token user { id } } }',
    { input: { email: user.email, password: user.password } },
  );
  expect(signIn.errors).toBeUndefined();
  expect(signIn.data?.signIn.user.id).toBe(user.id);
  const proposals = await api.gql<{ proposals: { id: string; title: string; myRole: string }[] }>(
    '{ proposals { id title myRole } }',
    {},
    { token: signIn.data!.signIn.token },
  );
  expect(proposals.errors).toBeUndefined();
  return proposals.data!.proposals;
}

describe('start-up with invalid configuration', () => {
  it.each([
    ['PORT', 'abc'],
    ['DATABASE_URL', 'nope'],
    ['DATABASE_URL', 'mysql://app:s3cret@db.example/app'],
  ])('%s=%s exits with code 1 and one line on stderr naming the variable', async (variable, value) => {
    const result = await runToExit({ [variable]: value });
    expect(result.code, result.stdout + result.stderr).toBe(1);
    expect(result.stderr).toMatch(/^[^\n]+\n$/);
    expect(result.stderr).toMatch(new RegExp(`^Invalid configuration: ${variable} `));
    expect(result.stderr).not.toContain('s3cret');
    expect(result.stdout).toBe('');
  });

  it('a PostgreSQL that does not answer stops start-up with code 1 instead of serving', async () => {
    const closedPort = await freePort();
    const port = await freePort();
    const result = await runToExit({
      DATABASE_URL: `postgres://postgres@127.0.0.1:${closedPort}/brieflock`,
      PORT: String(port),
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('start-up failed');
  });
});

describe('the built server on a PostgreSQL from DATABASE_URL', () => {
  let db: TestDatabase;
  let port: number;
  let env: Record<string, string>;

  beforeAll(async () => {
    db = await createTestDatabase();
    port = await freePort();
    env = { DATABASE_URL: db.url };
  });
  afterAll(() => db?.drop());

  it('serves the web client, /healthz and GraphQL on one port', async () => {
    const { server, url, api } = await startServer(env, port);

    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(page.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await page.text();
    expect(html).toContain('<div id="root"></div>');
    expect(html).toMatch(/<script type="module"[^>]* src="\/assets\/[^"]+\.js"/);

    const route = await fetch(`${url}/proposals/some-client-side-route`);
    expect(route.status).toBe(200);
    expect(await route.text()).toBe(html);

    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);

    const typename = await api.gql('{ __typename }');
    expect(typename.data).toEqual({ __typename: 'Query' });

    await stopCleanly(server);
  });

  it('keeps accounts and proposals across SIGTERM and a restart', async () => {
    const first = await startServer(env, port);
    const user = await makeUser(first.api, { email: 'restart@example.test' });
    const proposal = await makeProposal(first.api, user, 'Survives a restart');
    await stopCleanly(first.server);

    await expect(fetch(`${first.url}/healthz`)).rejects.toThrow();

    const second = await startServer(env, port);
    expect(await signInAndListProposals(second.api, user)).toEqual([
      { id: proposal.id, title: 'Survives a restart', myRole: 'CLIENT' },
    ]);
    await stopCleanly(second.server);
  });
});

/** Pids of running processes whose command line names `pgdata` (Linux /proc). */
function postgresProcessesFor(pgdata: string): number[] {
  if (!existsSync('/proc')) return [];
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(pgdata);
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** The pid recorded in postmaster.pid, if the file exists. */
function postmasterPid(pgdata: string): number | undefined {
  const file = path.join(pgdata, 'postmaster.pid');
  if (!existsSync(file)) return undefined;
  return Number(readFileSync(file, 'utf8').split('\n')[0]);
}

describe('the built server without DATABASE_URL (embedded PostgreSQL)', () => {
  let dataDir: string;
  let pgdata: string;

  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'brieflock-startup-'));
    // The process runs as root, so PostgreSQL runs as "postgres", which must enter the directory.
    await fs.chmod(dataDir, 0o755);
    pgdata = path.join(dataDir, 'pgdata');
  });
  afterAll(async () => {
    await killAll();
    // Only if a test failed half-way: do not leave a database behind.
    for (const pid of postgresProcessesFor(pgdata)) process.kill(pid, 'SIGQUIT');
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('keeps its data in DATA_DIR across restarts (SIGTERM, Ctrl-C, SIGKILL) and leaves no PostgreSQL running', async () => {
    const env = { DATA_DIR: dataDir };
    const port = await freePort();

    const first = await startServer(env, port, 120_000);
    expect(existsSync(path.join(pgdata, 'PG_VERSION'))).toBe(true);
    const running = postmasterPid(pgdata);
    expect(running).toBeDefined();
    expect(isAlive(running!)).toBe(true);
    const user = await makeUser(first.api, { email: 'embedded@example.test' });
    const proposal = await makeProposal(first.api, user, 'Kept in DATA_DIR');
    await stopCleanly(first.server);
    expect(isAlive(running!)).toBe(false);
    expect(postmasterPid(pgdata)).toBeUndefined();

    const second = await startServer(env, port, 120_000);
    expect(await signInAndListProposals(second.api, user)).toEqual([
      { id: proposal.id, title: 'Kept in DATA_DIR', myRole: 'CLIENT' },
    ]);
    const restarted = postmasterPid(pgdata);
    await stopCleanly(second.server, 'SIGINT');
    expect(postmasterPid(pgdata)).toBeUndefined();
    expect(isAlive(restarted!)).toBe(false);

    // Killed outright, the app leaves its PostgreSQL running; the next start stops it and carries on.
    const third = await startServer(env, port, 120_000);
    const orphan = postmasterPid(pgdata);
    await third.server.stop('SIGKILL');
    expect(isAlive(orphan!)).toBe(true);
    const fourth = await startServer(env, port, 120_000);
    expect(isAlive(orphan!)).toBe(false);
    expect(await signInAndListProposals(fourth.api, user)).toHaveLength(1);
    await stopCleanly(fourth.server);

    expect(postmasterPid(pgdata)).toBeUndefined();
    expect(postgresProcessesFor(pgdata)).toEqual([]);
  }, 240_000);
});

describe.skipIf(process.getuid?.() !== 0)('embedded PostgreSQL where the postgres user cannot reach the data', () => {
  let locked: string;
  beforeAll(async () => {
    locked = await fs.mkdtemp(path.join(os.tmpdir(), 'brieflock-locked-'));
    await fs.chmod(locked, 0o700);
  });
  afterAll(() => fs.rm(locked, { recursive: true, force: true }));

  it('exits with code 1 and one line naming the unreachable directory and what to do', async () => {
    const result = await runToExit({
      DATA_DIR: path.join(locked, 'data'),
      PORT: String(await freePort()),
      LOG_LEVEL: 'silent',
    });
    expect(result.code, result.stdout + result.stderr).toBe(1);
    expect(result.stderr).toMatch(/^[^\n]+\n$/);
    expect(result.stderr).toContain(`cannot enter ${locked}`);
    expect(result.stderr).toMatch(/set DATABASE_URL/);
  });
});
