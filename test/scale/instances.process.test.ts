import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { readBrief } from '@brieflock/schema';
import { completeBrief, writeBrief } from '../support/brief.js';
import { connectPeer, synced, type TestPeer } from '../support/collab.js';
import { storedDoc } from '../support/collab-checks.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { type TestUser, clientAndFreelancer } from '../support/factories.js';
import { createApi } from '../support/graphql.js';
import { freePort, killAll, startHealthy, type ServerProcess } from '../support/process.js';
import { machineRedisAvailable, MACHINE_REDIS_URL, reportSkipped } from '../support/redis.js';
import { metricOf } from '../support/scrape.js';
import { EVENT_FIELDS } from '../support/subscriptions.js';
import { startBalancer, type Balancer } from '../support/tcp-proxy.js';
import { missing, Typist, union } from '../support/typist.js';
import { waitFor } from '../support/wait.js';

reportSkipped(machineRedisAvailable, 'two built server processes sharing Redis', 'a Redis at 127.0.0.1:6379');

let db: TestDatabase;
let env: Record<string, string>;
const instances: { server: ServerProcess; url: string; port: number }[] = [];
const peers: TestPeer[] = [];
const typists: Typist[] = [];
const balancers: Balancer[] = [];
const clients: Client[] = [];

/** One more built server process on the shared database and Redis. */
async function startInstance() {
  const port = await freePort();
  const started = await startHealthy(env, port);
  const instance = { ...started, port };
  instances.push(instance);
  return instance;
}

function peerOf(url: string, proposalId: string, user: TestUser): TestPeer {
  const peer = connectPeer(url, proposalId, user.token);
  peers.push(peer);
  return peer;
}

function typistFor(peer: TestPeer, name: string): Typist {
  const typist = new Typist(peer, name);
  typists.push(typist);
  return typist;
}

const connected = (peer: TestPeer) => peer.provider.wsconnected && peer.provider.synced;

/**
 * Two instances, the CLIENT typing through a balancer that prefers A and the FREELANCER
 * through one that prefers B (each falls back to the other instance).
 */
async function typingBehindBalancers() {
  const a = await startInstance();
  const b = await startInstance();
  const { client, freelancer, proposalId } = await clientAndFreelancer(createApi(a.url));
  const toA = await startBalancer([a.port, b.port]);
  const toB = await startBalancer([b.port, a.port]);
  balancers.push(toA, toB);
  const onA = peerOf(toA.via(a.url), proposalId, client);
  const onB = peerOf(toB.via(b.url), proposalId, freelancer);
  await Promise.all([synced(onA), synced(onB)]);
  const typeA = typistFor(onA, 'a');
  const typeB = typistFor(onB, 'b');
  typeA.start();
  typeB.start();
  return { a, b, proposalId, onA, onB, typeA, typeB };
}

/**
 * After instance A went away: A's editor, typing all along, reconnects through its
 * balancer to B and types 20 more lines; then both stop and must converge on B and be
 * saved. Returns every line typed.
 */
async function carryOnThroughB({
  onA,
  onB,
  typeA,
  typeB,
}: Pick<Awaited<ReturnType<typeof typingBehindBalancers>>, 'onA' | 'onB' | 'typeA' | 'typeB'>): Promise<string[]> {
  await waitFor(() => onA.closeCodes.length > 0 && connected(onA), {
    timeoutMs: 15_000,
    what: "A's editor to reconnect to B",
  });
  const typedAtReconnect = typeA.lines.length;
  await waitFor(() => typeA.lines.length > typedAtReconnect + 20, { what: 'typing after the reconnect' });
  typeA.stop();
  typeB.stop();
  const everything = [...typeA.lines, ...typeB.lines].map((line) => line.text);
  await waitFor(
    () =>
      missing(onA.doc, everything).length === 0 &&
      missing(onB.doc, everything).length === 0 &&
      onA.isSaved() &&
      onB.isSaved(),
    {
      timeoutMs: 20_000,
      what: 'both editors to converge on B and be saved',
    },
  );
  return everything;
}

beforeAll(async () => {
  db = await createTestDatabase();
  env = { DATABASE_URL: db.url, REDIS_URL: MACHINE_REDIS_URL, LOG_LEVEL: 'warn' };
});
afterEach(async () => {
  for (const typist of typists.splice(0)) typist.stop();
  for (const peer of peers.splice(0)) peer.destroy();
  for (const client of clients.splice(0)) await client.dispose();
  for (const balancer of balancers.splice(0)) await balancer.close();
  await Promise.all(instances.splice(0).map(({ server }) => server.stop('SIGTERM').catch(() => undefined)));
});
afterAll(async () => {
  await killAll();
  await db?.drop();
});

describe.skipIf(!machineRedisAvailable)(
  'two built server processes on different ports, sharing PostgreSQL and Redis',
  () => {
    it('an editor on each converges, and a subscription on one receives a freeze made on the other', async () => {
      const a = await startInstance();
      const b = await startInstance();
      const apiA = createApi(a.url);
      const { client, freelancer, proposalId } = await clientAndFreelancer(apiA);

      const onA = peerOf(a.url, proposalId, client);
      const onB = peerOf(b.url, proposalId, freelancer);
      await Promise.all([synced(onA), synced(onB)]);
      writeBrief(onA.doc, completeBrief());
      const typeA = typistFor(onA, 'a');
      const typeB = typistFor(onB, 'b');
      typeA.start();
      typeB.start();
      await waitFor(() => typeA.lines.length >= 50 && typeB.lines.length >= 50, { what: 'typing on both instances' });
      typeA.stop();
      typeB.stop();
      const everything = [...typeA.lines, ...typeB.lines].map((line) => line.text);
      await waitFor(
        () =>
          missing(onA.doc, everything).length === 0 &&
          missing(onB.doc, everything).length === 0 &&
          onA.isSaved() &&
          onB.isSaved(),
        {
          what: 'both editors to converge and be saved',
        },
      );
      expect(readBrief(onB.doc)).toEqual(readBrief(onA.doc));

      // The freelancer watches the proposal through instance B.
      const watcher = createClient({
        url: `${b.url.replace(/^http/, 'ws')}/graphql`,
        webSocketImpl: WebSocket,
        connectionParams: { token: freelancer.token },
        lazy: false,
        retryAttempts: 0,
      });
      clients.push(watcher);
      const seen: { kind: string; version: { id: string; number: number } | null }[] = [];
      watcher.subscribe<{ proposalEvents: (typeof seen)[number] }>(
        {
          query: `subscription($proposalId: ID!) { proposalEvents(proposalId: $proposalId) { ${EVENT_FIELDS} } }`,
          variables: { proposalId },
        },
        {
          next: (result) => result.data && seen.push(result.data.proposalEvents),
          error: () => undefined,
          complete: () => undefined,
        },
      );
      await waitFor(async () => (await metricOf(b.url, 'brieflock_subscriptions_active')) >= 1, {
        what: 'the subscription to be active on B',
      });

      // The client freezes through instance A.
      const frozen = await apiA.gql<{ freezeProposal: { id: string; number: number } }>(
        'mutation($input: FreezeProposalInput!) { freezeProposal(input: $input) { id number } }',
        { input: { proposalId, note: 'frozen on A' } },
        { token: client.token },
      );
      expect(frozen.errors).toBeUndefined();
      const event = await waitFor(() => seen.find((candidate) => candidate.kind === 'VERSION_FROZEN'), {
        what: 'the freeze to reach B',
      });
      expect(event.version).toMatchObject({ id: frozen.data!.freezeProposal.id, number: 1 });
    }, 90_000);

    it('one instance killed with SIGKILL: its clients reconnect to the other and converge, and storage holds everything acknowledged', async () => {
      const { a, b, proposalId, onA, onB, typeA, typeB } = await typingBehindBalancers();
      await waitFor(
        () => typeA.linesCoveredBy(onA.durable()).length >= 40 && typeB.linesCoveredBy(onB.durable()).length >= 40,
        {
          what: 'acknowledged lines on both instances',
        },
      );
      const acknowledged = union(onA.durable(), onB.durable());
      const ackedLines = [...typeA.linesCoveredBy(acknowledged), ...typeB.linesCoveredBy(acknowledged)];
      const killed = await a.server.stop('SIGKILL');
      expect(killed.signal).toBe('SIGKILL');

      // Everything acknowledged as saved (the persistence window is a commit's round trip)
      // is in PostgreSQL the moment A dies.
      const stored = await storedDoc(db, proposalId);
      const storedVector = Y.decodeStateVector(Y.encodeStateVector(stored));
      for (const [clientId, clock] of acknowledged)
        expect(storedVector.get(clientId) ?? 0, `client ${clientId}`).toBeGreaterThanOrEqual(clock);
      expect(missing(stored, ackedLines)).toEqual([]);

      // A's editor goes on typing, reconnects through its balancer to B, and both converge.
      const everything = await carryOnThroughB({ onA, onB, typeA, typeB });
      expect(readBrief(onA.doc).outcome).toEqual(readBrief(onB.doc).outcome);
      await waitFor(async () => missing(await storedDoc(db, proposalId), everything).length === 0, {
        intervalMs: 200,
        what: 'everything to be stored',
      });
      expect(b.server.hasExited()).toBe(false);
    }, 90_000);

    it('one instance stopped with SIGTERM: it stores everything pending and exits 0 within 10 s, and its clients carry on on the other', async () => {
      const { a, proposalId, onA, onB, typeA, typeB } = await typingBehindBalancers();
      await waitFor(() => typeA.lines.length >= 60 && typeB.lines.length >= 60, { what: 'typing on both instances' });

      const beforeSignal = typeA.lines.map((line) => line.text);
      const stopped = await a.server.stop('SIGTERM', 15_000);
      expect(stopped, a.server.stdout()).toMatchObject({ code: 0, signal: null });
      expect(stopped.ms).toBeLessThan(10_000);
      // Everything A's editor typed before the signal reached A and was stored before it exited.
      expect(missing(await storedDoc(db, proposalId), beforeSignal)).toEqual([]);

      const everything = await carryOnThroughB({ onA, onB, typeA, typeB });
      expect(missing(await storedDoc(db, proposalId), everything)).toEqual([]);
    }, 90_000);
  },
);
