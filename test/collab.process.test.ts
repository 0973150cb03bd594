import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readBrief } from '@brieflock/schema';
import { connectPeer, synced, type TestPeer } from './support/collab.js';
import { storedDoc } from './support/collab-checks.js';
import { createTestDatabase, type TestDatabase } from './support/db.js';
import { addParticipant, makeProposal, makeUser, type TestUser } from './support/factories.js';
import { createApi } from './support/graphql.js';
import { freePort, killAll, startHealthy, type ServerProcess } from './support/process.js';
import { startTcpProxy } from './support/tcp-proxy.js';
import { missing, Typist, union } from './support/typist.js';
import { waitFor } from './support/wait.js';

/** `pnpm start` gives the server this long to shut down before it exits with 1. */
const SHUTDOWN_LIMIT_MS = 10_000;
const connected = (peer: TestPeer) => peer.provider.wsconnected && peer.provider.synced;

let db: TestDatabase;
let port: number;
let env: Record<string, string>;
let client: TestUser;
let freelancer: TestUser;
const peers: TestPeer[] = [];
const typists: Typist[] = [];

/** A peer of `user` on the server at `url`, closed after the file. */
function peerOf(url: string, proposalId: string, user: TestUser, doc?: Y.Doc): TestPeer {
  const created = connectPeer(url, proposalId, user.token, { doc });
  peers.push(created);
  return created;
}
function typistFor(peer: TestPeer, name: string): Typist {
  const created = new Typist(peer, name);
  typists.push(created);
  return created;
}

/** Client and freelancer connected at `url`, synced, each with a typist already typing. */
async function twoTyping(url: string, proposalId: string) {
  const a = peerOf(url, proposalId, client);
  const b = peerOf(url, proposalId, freelancer);
  await Promise.all([synced(a), synced(b)]);
  const typeA = typistFor(a, 'a');
  const typeB = typistFor(b, 'b');
  typeA.start();
  typeB.start();
  return { a, b, typeA, typeB };
}

/**
 * One more line from each typist right before SIGTERM (nothing acknowledges them first),
 * then the signal: the server must exit 0 within the limit. Returns every line typed before it.
 */
async function stopWhileTyping(server: ServerProcess, typeA: Typist, typeB: Typist): Promise<string[]> {
  typeA.type();
  typeB.type();
  const beforeSignal = [...typeA.lines, ...typeB.lines].map((line) => line.text);
  const exit = await server.stop('SIGTERM', SHUTDOWN_LIMIT_MS + 5_000);
  typeA.stop();
  typeB.stop();
  expect(exit, server.stdout()).toMatchObject({ code: 0, signal: null });
  expect(exit.ms).toBeLessThan(SHUTDOWN_LIMIT_MS);
  return beforeSignal;
}

/** The built server on this file's port and database, with a proposal the two users edit. */
async function startWithProposal(): Promise<{ server: ServerProcess; url: string; proposalId: string }> {
  const { server, url } = await startHealthy(env, port);
  const api = createApi(url);
  if (!client) {
    client = await makeUser(api, { name: 'Cora Client' });
    freelancer = await makeUser(api, { name: 'Finn Freelancer' });
  }
  const proposal = await makeProposal(api, client);
  const added = await addParticipant(api, client, proposal.id, freelancer, 'FREELANCER');
  expect(added.errors).toBeUndefined();
  return { server, url, proposalId: proposal.id };
}

beforeAll(async () => {
  db = await createTestDatabase();
  port = await freePort();
  env = { DATABASE_URL: db.url, LOG_LEVEL: 'warn' };
});
afterEach(() => {
  for (const typist of typists.splice(0)) typist.stop();
});
afterAll(async () => {
  for (const peer of peers) peer.destroy();
  await killAll();
  await db?.drop();
});

describe('the built server killed outright (SIGKILL) while two people type', () => {
  it('loses nothing it acknowledged as saved, and both peers reconnect by themselves after a restart and converge', async () => {
    const first = await startWithProposal();
    const { proposalId } = first;
    const { a, b, typeA, typeB } = await twoTyping(first.url, proposalId);

    // Type until the server has acknowledged a good share of both peers' lines.
    await waitFor(
      () => typeA.linesCoveredBy(a.durable()).length >= 40 && typeB.linesCoveredBy(b.durable()).length >= 40,
      {
        what: 'acknowledged lines from both peers',
      },
    );
    const acknowledged = union(a.durable(), b.durable());
    const ackedA = typeA.linesCoveredBy(acknowledged);
    const ackedB = typeB.linesCoveredBy(acknowledged);
    const killed = await first.server.stop('SIGKILL');
    expect(killed.signal).toBe('SIGKILL');
    const typedAtKill = { a: typeA.lines.length, b: typeB.lines.length };

    // What a load would apply: storage as the killed process left it.
    const stored = await storedDoc(db, proposalId);
    const storedVector = Y.decodeStateVector(Y.encodeStateVector(stored));
    for (const [clientId, clock] of acknowledged)
      expect(storedVector.get(clientId) ?? 0, `client ${clientId}`).toBeGreaterThanOrEqual(clock);
    expect(missing(stored, [...ackedA, ...ackedB])).toEqual([]);

    // Typing goes on while the server is down; the same documents reconnect to the restart.
    await waitFor(() => typeA.lines.length > typedAtKill.a + 10 && typeB.lines.length > typedAtKill.b + 10, {
      what: 'typing while down',
    });
    const second = await startHealthy(env, port);
    await waitFor(() => connected(a) && connected(b), {
      what: 'both providers to reconnect on their own',
      timeoutMs: 15_000,
    });
    const typedAtReconnect = { a: typeA.lines.length, b: typeB.lines.length };
    await waitFor(() => typeA.lines.length > typedAtReconnect.a + 10 && typeB.lines.length > typedAtReconnect.b + 10, {
      what: 'typing after the restart',
    });
    typeA.stop();
    typeB.stop();

    const everything = [...typeA.lines, ...typeB.lines].map((line) => line.text);
    await waitFor(
      () =>
        a.isSaved() &&
        b.isSaved() &&
        missing(a.doc, everything).length === 0 &&
        missing(b.doc, everything).length === 0,
      {
        what: 'both peers to converge and be saved',
        timeoutMs: 15_000,
      },
    );
    expect(readBrief(a.doc).outcome).toEqual(readBrief(b.doc).outcome);
    expect(a.closeCodes.length).toBeGreaterThan(0);

    const reader = peerOf(second.url, proposalId, client);
    await synced(reader);
    expect(missing(reader.doc, everything)).toEqual([]);
    expect(readBrief(reader.doc).outcome).toEqual(readBrief(a.doc).outcome);
    expect(readBrief(reader.doc).outcome.text.split('\n')).toHaveLength(everything.length);

    a.destroy();
    b.destroy();
    reader.destroy();
    await second.server.stop('SIGTERM');
  }, 60_000);
});

describe('the built server stopped with SIGTERM while two people type', () => {
  it('stores every edit made before the signal, exits with 0 within the limit, and a reload has them all', async () => {
    const first = await startWithProposal();
    const { proposalId } = first;
    const { a, b, typeA, typeB } = await twoTyping(first.url, proposalId);
    await waitFor(() => typeA.lines.length >= 60 && typeB.lines.length >= 60, { what: 'typing' });

    const beforeSignal = await stopWhileTyping(first.server, typeA, typeB);
    expect(first.server.stdout()).not.toMatch(/could not be stored/);
    // The peers go away with the server: whatever the reload has, the server stored.
    a.destroy();
    b.destroy();

    expect(missing(await storedDoc(db, proposalId), beforeSignal)).toEqual([]);
    const second = await startHealthy(env, port);
    const reader = peerOf(second.url, proposalId, client);
    await synced(reader);
    expect(missing(reader.doc, beforeSignal)).toEqual([]);
    reader.destroy();
    await second.server.stop('SIGTERM');
  }, 60_000);
});

describe('the built server stopped with SIGTERM while edits are still on the wire', () => {
  it('stores the edits that reach it during shutdown, sent before the peers saw the close', async () => {
    const first = await startWithProposal();
    const { proposalId } = first;
    const proxy = await startTcpProxy({ host: '127.0.0.1', port }, { delayMs: 40 });
    const proxyUrl = proxy.via(first.url).replace(/\/$/, '');
    try {
      const { a, b, typeA, typeB } = await twoTyping(proxyUrl, proposalId);
      // With 40 ms each way, some of what was typed is always still on its way.
      await waitFor(() => typeA.lines.length >= 30 && typeB.lines.length >= 30 && !a.isSaved(), { what: 'typing' });

      const beforeSignal = await stopWhileTyping(first.server, typeA, typeB);
      a.destroy();
      b.destroy();

      expect(missing(await storedDoc(db, proposalId), beforeSignal)).toEqual([]);
    } finally {
      await proxy.close();
    }
  }, 60_000);
});
