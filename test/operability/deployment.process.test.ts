import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { collabProtocols, COLLAB_SUBPROTOCOL, readBrief } from '@brieflock/schema';
import { connectPeer, synced, type TestPeer } from '../support/collab.js';
import { storedDoc } from '../support/collab-checks.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import {
  appServices,
  compose,
  dockerCmd,
  dockerEnv,
  dockerWorkdir,
  environmentOf,
  interpolate,
} from '../support/deployment.js';
import { type TestUser, clientAndFreelancer } from '../support/factories.js';
import { createApi, type Api } from '../support/graphql.js';
import { CLIENT_ADDRESS, NGINX, postFrom, SPOOFED, startNginx, type Nginx } from '../support/nginx.js';
import { freePort, killAll, REPO_ROOT, spawnServer, waitUntilHealthy, type ServerProcess } from '../support/process.js';
import { machineRedisAvailable, MACHINE_REDIS_URL, reportSkipped } from '../support/redis.js';
import { sampleValue, scrape } from '../support/scrape.js';
import { Typist, missing } from '../support/typist.js';
import { waitFor } from '../support/wait.js';

if (!NGINX) console.log('SKIPPED: nginx not installed (apt-get install -y nginx): the production topology tests');
reportSkipped(machineRedisAvailable, 'the production topology tests', 'a Redis at 127.0.0.1:6379');

/** A typist's pace: four of them keep both instances busy without starving two cores. */
const TYPING_INTERVAL_MS = 20;

/** The secrets an operator passes to `docker compose` (docker-compose.yml's `${…}`). */
const operatorVariables = (publicUrl: string) => ({
  POSTGRES_PASSWORD: 'not-used-here',
  SIGNING_KEY: randomBytes(32).toString('base64'),
  PUBLIC_URL: publicUrl,
  METRICS_TOKEN: randomBytes(18).toString('base64url'),
});

/**
 * The environment docker-compose.yml gives an app instance, over the Dockerfile's ENV,
 * with compose's variables filled in; only the addresses of compose's network (the
 * `postgres` and `redis` hosts) and the port are this machine's.
 */
function appEnvironment(
  vars: Record<string, string>,
  machine: { port: number; databaseUrl: string },
): Record<string, string> {
  const [, service] = appServices()[0]!;
  const written = environmentOf(service);
  const env: Record<string, string> = { ...dockerEnv() };
  for (const [key, value] of Object.entries(written)) env[key] = interpolate(value, vars);
  expect(new URL(env.DATABASE_URL!).hostname).toBe('postgres');
  expect(new URL(env.REDIS_URL!).hostname).toBe('redis');
  return { ...env, DATABASE_URL: machine.databaseUrl, REDIS_URL: MACHINE_REDIS_URL, PORT: String(machine.port) };
}

/** docker-compose.yml's stop_grace_period of the app services (compose's default: 10 s). */
function stopGracePeriodMs(): number {
  const [, service] = appServices()[0]!;
  const period = String(service.stop_grace_period ?? '10s');
  const match = /^(\d+)(ms|s|m)$/.exec(period);
  if (!match) throw new Error(`a stop_grace_period this test cannot read: ${period}`);
  return Number(match[1]) * { ms: 1, s: 1_000, m: 60_000 }[match[2] as 'ms' | 's' | 'm'];
}

/** The Dockerfile's CMD as node arguments: run with the pinned node, from the repository root (its WORKDIR). */
function nodeArgs(): string[] {
  const [binary, ...args] = dockerCmd();
  expect(binary).toBe('node');
  return args;
}

interface Instance {
  server: ServerProcess;
  url: string;
  port: number;
}

interface Topology {
  nginx: Nginx;
  instances: [Instance, Instance];
  api: Api;
  metricsToken: string;
  /** One metric of one instance, read from it directly (not through nginx). */
  metric(instance: Instance, name: string): Promise<number>;
}

let db: TestDatabase;
let topology: Topology | undefined;
const peers: TestPeer[] = [];
const typists: Typist[] = [];
const clients: Client[] = [];

/** nginx running deploy/nginx.conf in front of two instances started as the image starts them. */
async function startTopology(): Promise<Topology> {
  const ports = [await freePort(), await freePort()];
  const nginx = await startNginx(ports);
  // A domain name, as passkeys require: the balancer's port on this machine.
  const vars = operatorVariables(`http://localhost:${nginx.port}`);
  const instances = (await Promise.all(
    ports.map(async (port) => {
      const server = spawnServer(appEnvironment(vars, { port, databaseUrl: db.url }), nodeArgs());
      const url = `http://127.0.0.1:${port}`;
      await waitUntilHealthy(server, url);
      // docker-compose.yml's healthcheck: ready once PostgreSQL and Redis answer.
      await waitFor(async () => (await fetch(`${url}/readyz`)).status === 200, { what: `${url}/readyz` });
      return { server, url, port };
    }),
  )) as [Instance, Instance];
  topology = {
    nginx,
    instances,
    api: createApi(nginx.url),
    metricsToken: vars.METRICS_TOKEN,
    metric: async (instance, name) => sampleValue(await scrape(instance.url, vars.METRICS_TOKEN), name) ?? 0,
  };
  return topology;
}

/** An editor through nginx; every other one authenticates with the subprotocol instead of `?token=`. */
function editor(url: string, proposalId: string, user: TestUser, byProtocol: boolean): TestPeer {
  const peer = byProtocol
    ? connectPeer(url, proposalId, null, { protocols: collabProtocols(user.token) })
    : connectPeer(url, proposalId, user.token);
  peers.push(peer);
  return peer;
}

interface Watcher {
  /** PROPOSAL_UPDATED events received. */
  updates: number;
  /** Sockets the client opened and had acknowledged. */
  connections: number;
}

/** A graphql-ws subscriber through nginx that reconnects (and resubscribes) whenever its socket drops. */
function watch(url: string, token: string, proposalId: string): Watcher {
  const watcher: Watcher = { updates: 0, connections: 0 };
  const client = createClient({
    url: `${url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { token },
    lazy: false,
    retryAttempts: Number.MAX_SAFE_INTEGER,
    shouldRetry: () => true,
    // The client's own backoff between reconnects, not a wait of the test.
    retryWait: () => new Promise((resolve) => setTimeout(resolve, 100)),
    onNonLazyError: () => undefined,
    on: { connected: () => void watcher.connections++ },
  });
  clients.push(client);
  client.subscribe<{ proposalEvents: { kind: string } }>(
    {
      query: 'subscription($proposalId: ID!) { proposalEvents(proposalId: $proposalId) { kind } }',
      variables: { proposalId },
    },
    {
      next: (result) => {
        if (result.data?.proposalEvents.kind === 'PROPOSAL_UPDATED') watcher.updates++;
      },
      error: () => undefined,
      complete: () => undefined,
    },
  );
  return watcher;
}

/** Renames the proposal through nginx and waits until the subscriber hears of it. */
async function renamed(api: Api, user: TestUser, proposalId: string, title: string, watcher: Watcher) {
  const before = watcher.updates;
  const result = await api.gql(
    'mutation($input: RenameProposalInput!) { renameProposal(input: $input) { id } }',
    { input: { proposalId, title } },
    { token: user.token },
  );
  expect(result.errors).toBeUndefined();
  await waitFor(() => watcher.updates > before, { what: `the subscriber to hear of "${title}"` });
}

beforeAll(async () => {
  db = await createTestDatabase();
});
afterEach(async () => {
  for (const typist of typists.splice(0)) typist.stop();
  for (const peer of peers.splice(0)) peer.destroy();
  for (const client of clients.splice(0)) await client.dispose();
  if (topology) {
    const { nginx, instances } = topology;
    topology = undefined;
    await Promise.all(instances.map(({ server }) => server.stop('SIGTERM').catch(() => undefined)));
    await nginx.stop();
  }
});
afterAll(async () => {
  await killAll();
  await db?.drop();
});

describe('what the production image and docker-compose.yml run', () => {
  it("the Dockerfile's CMD runs the built server with node, from the repository copied to its WORKDIR", () => {
    const [binary, ...args] = dockerCmd();
    expect(binary).toBe('node');
    const script = args.find((arg) => !arg.startsWith('-'));
    expect(script).toBeDefined();
    // The build the process tests run (test/support/build-setup.ts: scripts/build.mjs) made it,
    // and it is the image's build too: `pnpm run build` runs that script.
    expect(existsSync(path.join(REPO_ROOT, script!))).toBe(true);
    const packageJson = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
    expect(packageJson.scripts.build).toBe('node scripts/build.mjs');
    expect(readFileSync(path.join(REPO_ROOT, 'Dockerfile'), 'utf8')).toMatch(/^RUN .*\bpnpm run build\b/m);
    // The repository is copied to WORKDIR, where the CMD runs: the test runs it from the root.
    expect(readFileSync(path.join(REPO_ROOT, 'Dockerfile'), 'utf8')).toMatch(/^COPY --from=build \/app \/app$/m);
    expect(dockerWorkdir()).toBe('/app');
  });

  it('the app services are identical, and deploy/nginx.conf balances over every one of them on its PORT', () => {
    const services = appServices();
    expect(services.length).toBeGreaterThanOrEqual(2);
    const [first] = services;
    for (const [, service] of services) expect(service).toEqual(first![1]);
    const port = environmentOf(first![1]).PORT ?? dockerEnv().PORT;
    const conf = readFileSync(path.join(REPO_ROOT, 'deploy/nginx.conf'), 'utf8');
    const upstream = /upstream brieflock \{([^}]*)\}/.exec(conf)?.[1] ?? '';
    const servers = [...upstream.matchAll(/^\s*server\s+(\S+?)[\s;]/gm)].map((match) => match[1]);
    expect(servers.sort()).toEqual(services.map(([name]) => `${name}:${port}`).sort());
    // The balancer mounts the shipped file.
    expect(JSON.stringify(compose().services.lb)).toContain('./deploy/nginx.conf:');
  });

  it("every variable of the app's environment is one this test fills in, and TRUST_PROXY counts nginx", () => {
    const env = appEnvironment(operatorVariables('http://127.0.0.1:1'), { port: 1, databaseUrl: 'postgres://x/y' });
    expect(env).toMatchObject({ NODE_ENV: 'production', TRUST_PROXY: '1' });
    expect(env.SIGNING_KEY).not.toBe('');
    // Without the operator's secrets docker compose refuses to start, and so does this.
    expect(() => appEnvironment({}, { port: 1, databaseUrl: 'postgres://x/y' })).toThrow(/needs [A-Z_]+: set /);
  });
});

describe.skipIf(!NGINX || !machineRedisAvailable)(
  'two production instances behind the shipped nginx, sharing PostgreSQL and Redis',
  () => {
    it('serves GraphQL and collaboration through nginx; logs paths without tokens; records the address nginx appended', async () => {
      const { nginx, api, instances, metric } = await startTopology();
      const { client, freelancer, proposalId } = await clientAndFreelancer(api);

      // A collaboration socket with its token in the URL, and one with it in a subprotocol.
      const inUrl = editor(nginx.url, proposalId, client, false);
      const inProtocol = editor(nginx.url, proposalId, freelancer, true);
      await Promise.all([synced(inUrl), synced(inProtocol)]);
      expect(inProtocol.provider.ws?.protocol).toBe(COLLAB_SUBPROTOCOL);
      // nginx balanced them over both instances.
      await waitFor(
        async () =>
          (await metric(instances[0], 'brieflock_collab_connections')) === 1 &&
          (await metric(instances[1], 'brieflock_collab_connections')) === 1,
        { what: 'one socket on each instance' },
      );
      inUrl.destroy();
      inProtocol.destroy();
      // nginx logs a WebSocket once it closes.
      const logged = await waitFor(
        () =>
          nginx
            .accessLog()
            .split('\n')
            .filter((line) => line.includes(`/collab/${proposalId}`)).length >= 2 && nginx.accessLog(),
        { what: 'both sockets in the access log' },
      );
      expect(logged).toContain(`"GET /collab/${proposalId} HTTP/1.1" 101`);
      expect(logged).not.toContain(client.token);
      expect(logged).not.toContain(freelancer.token);
      expect(logged).not.toContain('token=');

      // Signing in through nginx with a forged X-Forwarded-For: the session records the
      // address nginx appended, the last entry, which TRUST_PROXY=1 believes.
      const signedIn = await postFrom(
        nginx.url,
        'mutation($input: SignInInput!) { signIn(input: $input) { token } }',
        { input: { email: freelancer.email, password: freelancer.password } },
        // A Referer with a link token: logged without its query.
        { 'x-forwarded-for': `${SPOOFED}, 10.0.0.1`, referer: `${nginx.url}/reset-password?token=blr_in-the-referer` },
      );
      expect(signedIn.status, nginx.errors()).toBe(200);
      const { token } = signedIn.body.data!.signIn as { token: string };
      const { rows } = await db.query<{ ip: string }>(
        'select ip from sessions where user_id = $1 order by created_at desc limit 1',
        [freelancer.id],
      );
      expect(rows[0]!.ip).toBe(CLIENT_ADDRESS);
      const me = await api.gql<{ me: { id: string } }>('{ me { id } }', {}, { token });
      expect(me.data?.me.id).toBe(freelancer.id);
      // The access log names the client as nginx saw it.
      await waitFor(() => nginx.accessLog().includes(`${CLIENT_ADDRESS} [`), { what: 'the sign-in in the access log' });
      expect(nginx.accessLog()).not.toContain(SPOOFED);
      expect(nginx.accessLog()).toContain(`"POST /graphql HTTP/1.1" 200`);
      expect(nginx.accessLog()).toContain(`"${nginx.url}/reset-password"`);
      expect(nginx.accessLog()).not.toContain('blr_in-the-referer');
    }, 120_000);

    it.each(['SIGKILL', 'SIGTERM'] as const)(
      'editors typing and a subscriber fail over through nginx when an instance gets %s, and nothing typed is lost',
      async (signal) => {
        const { nginx, api, instances, metric } = await startTopology();
        const { client, freelancer, proposalId } = await clientAndFreelancer(api);

        // Four editors, connected one after the other so nginx's round robin spreads them.
        const editors: TestPeer[] = [];
        for (const [index, user] of [client, freelancer, client, freelancer].entries()) {
          const peer = editor(nginx.url, proposalId, user, index % 2 === 1);
          await synced(peer);
          editors.push(peer);
        }
        const connectionsOn = (instance: Instance) => metric(instance, 'brieflock_collab_connections');
        await waitFor(
          async () => (await connectionsOn(instances[0])) + (await connectionsOn(instances[1])) === editors.length,
          { what: 'every editor counted on an instance' },
        );
        const watcher = watch(nginx.url, client.token, proposalId);
        const subscriptionsOn = (instance: Instance) => metric(instance, 'brieflock_subscriptions_active');
        const victim = await waitFor(
          async () => {
            for (const instance of instances) if ((await subscriptionsOn(instance)) === 1) return instance;
            return undefined;
          },
          { what: 'the subscription to be active on an instance' },
        );
        const survivor = instances.find((instance) => instance !== victim)!;
        // The instance that goes away holds the subscription and some of the editors.
        const editorsOnVictim = await connectionsOn(victim);
        expect(editorsOnVictim).toBeGreaterThanOrEqual(1);

        for (const [index, peer] of editors.entries()) {
          const typist = new Typist(peer, `editor ${index}`, TYPING_INTERVAL_MS);
          typists.push(typist);
          typist.start();
        }
        await waitFor(() => typists.every((typist) => typist.lines.length >= 30), { what: 'typing on every editor' });
        await renamed(api, client, proposalId, 'Before the failover', watcher);

        // docker compose sends SIGKILL after the service's stop_grace_period.
        const exit = await victim.server.stop(signal, stopGracePeriodMs());
        if (signal === 'SIGTERM') expect(exit, victim.server.stdout()).toMatchObject({ code: 0, signal: null });
        else expect(exit.signal).toBe('SIGKILL');

        // Its editors reconnect through nginx to the survivor and keep typing.
        await waitFor(
          async () =>
            (await connectionsOn(survivor)) === editors.length &&
            editors.every((peer) => peer.provider.wsconnected && peer.provider.synced),
          { timeoutMs: 20_000, what: 'every editor on the surviving instance' },
        );
        expect(editors.filter((peer) => peer.closeCodes.length > 0)).toHaveLength(editorsOnVictim);
        const atFailover = typists.map((typist) => typist.lines.length);
        await waitFor(() => typists.every((typist, index) => typist.lines.length >= atFailover[index]! + 20), {
          what: 'typing after the failover',
        });
        // The subscriber reconnected and resubscribed through nginx, on the survivor.
        await waitFor(async () => (await subscriptionsOn(survivor)) === 1 && watcher.connections >= 2, {
          timeoutMs: 20_000,
          what: 'the subscription to resume on the surviving instance',
        });
        await renamed(api, client, proposalId, 'After the failover', watcher);

        for (const typist of typists) typist.stop();
        const everything = typists.flatMap((typist) => typist.lines.map((line) => line.text));
        await waitFor(() => editors.every((peer) => missing(peer.doc, everything).length === 0 && peer.isSaved()), {
          timeoutMs: 20_000,
          what: 'every editor to converge and be saved',
        });
        const text = readBrief(editors[0]!.doc).outcome.text;
        for (const peer of editors) expect(readBrief(peer.doc).outcome.text).toBe(text);

        // Reopened through nginx, and as PostgreSQL holds it: the same text, every line in it.
        for (const peer of editors.splice(0)) peer.destroy();
        const reopened = editor(nginx.url, proposalId, freelancer, true);
        await synced(reopened);
        expect(readBrief(reopened.doc).outcome.text).toBe(text);
        // What the killed instance had relayed but not committed, the survivor stores once its
        // sender's confirmation is overdue (CollabServerOptions.unconfirmedTimeoutMs).
        const stored = await waitFor(
          async () => {
            const doc = await storedDoc(db, proposalId);
            return missing(doc, everything).length === 0 ? doc : undefined;
          },
          { timeoutMs: 20_000, intervalMs: 200, what: 'PostgreSQL to hold every line typed' },
        );
        expect(readBrief(stored).outcome.text).toBe(text);
        expect(survivor.server.hasExited()).toBe(false);
      },
      180_000,
    );
  },
);
