import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode, readBrief } from '@brieflock/schema';
import * as Y from 'yjs';
import type { App, AppOptions } from '../../server/src/app.js';
import { encodeRelayMessage } from '../../server/src/collab/relay.js';
import { type TestApp, useInstances } from '../support/app.js';
import { freezeOk, readyCast } from '../support/contract.js';
import { clientPool, nextEvent, subscribeLive } from '../support/subscriptions.js';
import { synced, type TestPeer } from '../support/collab.js';
import { appendParagraph, peerPool, presenceOf, storedDoc, storedRows } from '../support/collab-checks.js';
import { makeCast } from '../support/factories.js';
import type { Api } from '../support/graphql.js';
import {
  machineRedisAvailable,
  MACHINE_REDIS_URL,
  redisServerInstalled,
  reportSkipped,
  startPrivateRedis,
  type PrivateRedis,
} from '../support/redis.js';
import { metricOf } from '../support/scrape.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { waitFor } from '../support/wait.js';

reportSkipped(
  machineRedisAvailable,
  'live documents shared by two instances through Redis',
  'a Redis at 127.0.0.1:6379',
);
reportSkipped(
  redisServerInstalled,
  'the Redis restart tests',
  'redis-server on PATH (apt-get install -y redis-server)',
);

const lines = (peer: TestPeer) => readBrief(peer.doc).outcome.text.split('\n').filter(Boolean);
const sameLines = (...peers: TestPeer[]) =>
  peers.every((peer) => JSON.stringify(lines(peer).sort()) === JSON.stringify(lines(peers[0]!).sort()));

const pool = peerPool();
const shared = useInstances(pool);

/** One more instance on the shared database, as behind a load balancer. */
function instance(
  env: Record<string, string>,
  databaseUrl?: string,
  options: AppOptions = {},
): Promise<{ app: App; api: Api }> {
  return shared.boot(env, databaseUrl, options);
}

/** The CLIENT editing through instance A and the FREELANCER through instance B. */
async function editorsOnTwoInstances(redisUrl: string, options: AppOptions = {}) {
  const a = await instance({ REDIS_URL: redisUrl }, shared.db.url, options);
  const b = await instance({ REDIS_URL: redisUrl }, shared.db.url, options);
  const cast = await makeCast(a.api);
  const onA = pool.peer(a.app.url, cast.proposal.id, cast.client.token);
  const onB = pool.peer(b.app.url, cast.proposal.id, cast.freelancer.token);
  await Promise.all([synced(onA), synced(onB)]);
  return { a, b, cast, onA, onB };
}

describe.skipIf(!machineRedisAvailable)('two instances sharing live documents through Redis', () => {
  it('editors on different instances converge, see each other, and every update is stored exactly once', async () => {
    const { a, b, cast, onA, onB } = await editorsOnTwoInstances(MACHINE_REDIS_URL);
    const rowsBefore = await storedRows(shared.db, cast.proposal.id);
    for (let i = 0; i < 10; i++) {
      appendParagraph(onA.doc, `A ${i}`);
      appendParagraph(onB.doc, `B ${i}`);
    }
    await waitFor(() => lines(onA).length === 20 && sameLines(onA, onB), { what: 'both editors to converge' });
    await waitFor(() => onA.isSaved() && onB.isSaved(), { what: 'both editors to be saved' });
    await waitFor(() => a.app.updates.pending === 0 && b.app.updates.pending === 0, {
      what: 'both instances to store',
    });
    // Twenty updates, each stored by the instance its editor is on, and only there.
    expect(await storedRows(shared.db, cast.proposal.id)).toBe(rowsBefore + 20);
    expect(
      readBrief(await storedDoc(shared.db, cast.proposal.id))
        .outcome.text.split('\n')
        .filter(Boolean)
        .sort(),
    ).toEqual(lines(onA).sort());

    onA.provider.awareness.setLocalStateField('cursor', { anchor: 3, head: 3 });
    const seen = await waitFor(() => presenceOf(onB, onA.doc.clientID)?.cursor, { what: "A's caret on B" });
    expect(seen).toEqual({ anchor: 3, head: 3 });
    // The presence crossing instances carries the identity the server checked.
    expect(presenceOf(onB, onA.doc.clientID)!.user).toMatchObject({ id: cast.client.id, role: 'CLIENT' });

    // The relay's traffic shows in each instance's metrics.
    expect(await metricOf(a.app.url, 'brieflock_relay_messages_published_total')).toBeGreaterThanOrEqual(10);
    expect(await metricOf(b.app.url, 'brieflock_relay_messages_received_total')).toBeGreaterThanOrEqual(10);
    expect(await metricOf(a.app.url, 'brieflock_relay_publish_failures_total')).toBe(0);

    // Closing A's editor removes its presence from B, through the other instance.
    onA.provider.disconnect();
    await waitFor(() => presenceOf(onB, onA.doc.clientID) === undefined, { what: "A's presence to leave B" });
  });

  it('garbage on a document channel or the control channel is ignored, never stored: editing goes on', async () => {
    const { cast, onA, onB } = await editorsOnTwoInstances(MACHINE_REDIS_URL, { unconfirmedTimeoutMs: 200 });
    const channel = `brieflock:collab:doc:${cast.proposal.id}`;
    const intruder = new Redis(MACHINE_REDIS_URL);
    try {
      await intruder.publish(channel, Buffer.from([0, 1, 0xff, 0xff, 0xff]));
      await intruder.publish(channel, Buffer.from([42]));
      // Well framed, but not a Yjs update: it must neither be applied nor stored.
      await intruder.publish(
        channel,
        Buffer.from(
          encodeRelayMessage({ kind: 'update', from: 'intruder', seq: 1, data: new Uint8Array([1, 1, 250, 3, 0, 4]) }),
        ),
      );
      await intruder.publish(
        channel,
        Buffer.from(encodeRelayMessage({ kind: 'diff', from: 'intruder', data: new Uint8Array([7, 7, 7]) })),
      );
      await intruder.publish('brieflock:collab:control', '{"kind":"session-ended"');
      await intruder.publish(
        'brieflock:collab:control',
        JSON.stringify({ kind: 'participant-removed', from: 'x', proposalId: cast.proposal.id }),
      );
      // A real update from an instance that never confirms it: stored after the timeout,
      // like the garbage before it would have been.
      const ghost = new Y.Doc();
      appendParagraph(ghost, 'from an instance that died');
      await intruder.publish(
        channel,
        Buffer.from(encodeRelayMessage({ kind: 'update', from: 'ghost', seq: 1, data: Y.encodeStateAsUpdate(ghost) })),
      );
    } finally {
      intruder.disconnect();
    }
    await waitFor(
      async () =>
        readBrief(await storedDoc(shared.db, cast.proposal.id)).outcome.text.includes('from an instance that died'),
      {
        intervalMs: 100,
        what: 'the unconfirmed update to be stored',
      },
    );
    const { rows } = await shared.db.query<{ data: Buffer }>('select data from brief_updates where proposal_id = $1', [
      cast.proposal.id,
    ]);
    for (const row of rows) expect(() => Y.applyUpdate(new Y.Doc(), new Uint8Array(row.data))).not.toThrow();
    appendParagraph(onA.doc, 'still relayed');
    await waitFor(() => lines(onB).includes('still relayed'), { what: 'an edit to cross after the garbage' });
    expect(onA.closeCodes.concat(onB.closeCodes)).toEqual([]);
  });

  it('a document open on one instance only costs Redis its hello; a second instance joining gets everything and then live edits', async () => {
    const a = await instance({ REDIS_URL: MACHINE_REDIS_URL });
    const b = await instance({ REDIS_URL: MACHINE_REDIS_URL });
    const cast = await makeCast(a.api);
    const writer = pool.peer(a.app.url, cast.proposal.id, cast.client.token);
    await synced(writer);
    const publishedAlone = await metricOf(a.app.url, 'brieflock_relay_messages_published_total');
    for (let i = 0; i < 20; i++) appendParagraph(writer.doc, `alone ${i}`);
    await waitFor(() => writer.isSaved(), { what: 'the lines typed alone to be saved' });
    expect(await metricOf(a.app.url, 'brieflock_relay_messages_published_total')).toBeLessThanOrEqual(
      publishedAlone + 1,
    );

    const reader = pool.peer(b.app.url, cast.proposal.id, cast.viewer.token);
    await synced(reader);
    await waitFor(() => lines(reader).length === 20, { what: 'the reader on B to get what was typed alone' });
    appendParagraph(writer.doc, 'together');
    await waitFor(() => lines(reader).includes('together'), { what: 'a live edit to cross' });

    // The reader leaves; B unloads the brief and says so: A stops publishing again.
    reader.destroy();
    await waitFor(() => !b.app.collab.loadedDocument(cast.proposal.id), { what: 'B to unload the brief' });
    await waitFor(
      async () => {
        const before = await metricOf(a.app.url, 'brieflock_relay_messages_published_total');
        appendParagraph(writer.doc, 'alone again');
        await waitFor(() => writer.isSaved(), { what: 'the line to be saved' });
        return (await metricOf(a.app.url, 'brieflock_relay_messages_published_total')) === before;
      },
      { what: 'A to stop publishing once B left' },
    );
  });

  it('a peer joining on a second instance gets what was typed on the first, stored or not yet', async () => {
    const a = await instance({ REDIS_URL: MACHINE_REDIS_URL });
    const b = await instance({ REDIS_URL: MACHINE_REDIS_URL });
    const cast = await makeCast(a.api);
    const writer = pool.peer(a.app.url, cast.proposal.id, cast.client.token);
    await synced(writer);
    for (let i = 0; i < 30; i++) appendParagraph(writer.doc, `early ${i}`);
    const reader = pool.peer(b.app.url, cast.proposal.id, cast.viewer.token);
    await synced(reader);
    for (let i = 0; i < 30; i++) appendParagraph(writer.doc, `late ${i}`);
    await waitFor(() => lines(reader).length === 60, { what: 'the reader on B to have all 60 lines' });
    expect(sameLines(reader, writer)).toBe(true);
  });

  it('removing a participant on one instance closes their socket on the other; signing out does the same', async () => {
    const a = await instance({ REDIS_URL: MACHINE_REDIS_URL });
    const b = await instance({ REDIS_URL: MACHINE_REDIS_URL });
    const cast = await makeCast(a.api);
    const freelancerOnB = pool.peer(b.app.url, cast.proposal.id, cast.freelancer.token);
    const viewerOnB = pool.peer(b.app.url, cast.proposal.id, cast.viewer.token);
    await Promise.all([synced(freelancerOnB), synced(viewerOnB)]);

    const participants = await a.api.gql<{ proposal: { participants: { id: string; user: { id: string } }[] } }>(
      'query($id: ID!) { proposal(id: $id) { participants { id user { id } } } }',
      { id: cast.proposal.id },
      { token: cast.client.token },
    );
    const participantId = participants.data!.proposal.participants.find((p) => p.user.id === cast.freelancer.id)!.id;
    const removed = await a.api.gql(
      'mutation($input: RemoveParticipantInput!) { removeParticipant(input: $input) }',
      { input: { proposalId: cast.proposal.id, participantId } },
      { token: cast.client.token },
    );
    expect(removed.errors).toBeUndefined();
    await waitFor(() => freelancerOnB.closeCodes.includes(CloseCode.PARTICIPANT_REMOVED), {
      what: 'the removed freelancer to be closed on B',
    });
    expect(viewerOnB.closeCodes).toEqual([]);

    const signedOut = await a.api.gql('mutation { signOut }', {}, { token: cast.viewer.token });
    expect(signedOut.errors).toBeUndefined();
    await waitFor(() => viewerOnB.closeCodes.includes(CloseCode.UNAUTHENTICATED), {
      what: "the signed-out viewer's socket to be closed on B",
    });
  });

  it('updates whose instance never confirms storing them are stored by the instance that heard them', async () => {
    // Instance A reaches PostgreSQL through a proxy that is cut: it relays but cannot store.
    const url = new URL(shared.db.url);
    const proxy: TcpProxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
    try {
      const a = await instance({ REDIS_URL: MACHINE_REDIS_URL }, proxy.via(shared.db.url));
      const b = await instance({ REDIS_URL: MACHINE_REDIS_URL });
      const cast = await makeCast(b.api);
      const onA = pool.peer(a.app.url, cast.proposal.id, cast.client.token);
      const onB = pool.peer(b.app.url, cast.proposal.id, cast.viewer.token);
      await Promise.all([synced(onA), synced(onB)]);
      proxy.cut();
      for (let i = 0; i < 5; i++) appendParagraph(onA.doc, `only A heard this ${i}`);
      await waitFor(() => lines(onB).length === 5, { what: 'B to receive the lines' });
      expect(a.app.updates.pending).toBeGreaterThan(0);
      // B stores them once A has not confirmed them for the timeout (5 s by default).
      await waitFor(
        async () =>
          readBrief(await storedDoc(shared.db, cast.proposal.id))
            .outcome.text.split('\n')
            .filter(Boolean).length === 5,
        {
          timeoutMs: 15_000,
          intervalMs: 200,
          what: "B to store A's unconfirmed lines",
        },
      );
      expect(a.app.updates.pending).toBeGreaterThan(0);
      proxy.restore();
      await waitFor(() => a.app.updates.pending === 0, { timeoutMs: 15_000, what: 'A to store after the outage' });
      // Stored twice now, which changes nothing: the stored brief has each line once.
      expect(
        readBrief(await storedDoc(shared.db, cast.proposal.id))
          .outcome.text.split('\n')
          .filter(Boolean)
          .sort(),
      ).toEqual(lines(onB).sort());
    } finally {
      await proxy.close();
    }
  }, 40_000);
});

describe.skipIf(!redisServerInstalled)('Redis restarted or flushed while two instances share a document', () => {
  let redis: PrivateRedis;
  beforeAll(async () => {
    redis = await startPrivateRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('relay resumes by itself after a restart, and nothing typed meanwhile is lost', async () => {
    const { a, b, cast, onA, onB } = await editorsOnTwoInstances(redis.url);
    appendParagraph(onA.doc, 'before the restart');
    await waitFor(() => lines(onB).length === 1, { what: 'the first line to cross' });

    await redis.kill();
    for (let i = 0; i < 5; i++) {
      appendParagraph(onA.doc, `A while Redis is down ${i}`);
      appendParagraph(onB.doc, `B while Redis is down ${i}`);
    }
    // Each instance keeps serving its own editor (and storing) meanwhile.
    await waitFor(() => onA.isSaved() && onB.isSaved(), { what: 'both editors saved while Redis is down' });
    expect(lines(onA)).toHaveLength(6);
    expect(lines(onB)).toHaveLength(6);

    await redis.start();
    await waitFor(() => lines(onA).length === 11 && sameLines(onA, onB), {
      timeoutMs: 20_000,
      what: 'the instances to catch up after Redis is back',
    });
    // And live relay works again.
    appendParagraph(onB.doc, 'after the restart');
    await waitFor(() => lines(onA).includes('after the restart'), { what: 'a new line to cross' });
    await waitFor(() => a.app.updates.pending === 0 && b.app.updates.pending === 0, { what: 'everything stored' });
    expect(
      readBrief(await storedDoc(shared.db, cast.proposal.id))
        .outcome.text.split('\n')
        .filter(Boolean)
        .sort(),
    ).toEqual(lines(onA).sort());
  }, 40_000);

  it('subscriptions resume after a restart: a freeze on one instance reaches a subscriber on the other', async () => {
    const a = await instance({ REDIS_URL: redis.url });
    const b = await instance({ REDIS_URL: redis.url });
    const onA: TestApp = { app: a.app, api: a.api, db: shared.db, queries: [], close: async () => undefined };
    const onB: TestApp = { app: b.app, api: b.api, db: shared.db, queries: [], close: async () => undefined };
    const subscribers = clientPool(() => onB);
    try {
      const cast = await readyCast(onA);
      const sub = await subscribeLive(onB, subscribers.connect({ token: cast.freelancer.token }), cast.proposal.id);
      await redis.kill();
      await redis.start();
      // The event bus reconnects by itself; a freeze after that reaches B.
      await waitFor(async () => (await fetch(`${b.app.url}/readyz`)).status === 200, {
        timeoutMs: 15_000,
        what: 'B to be ready again',
      });
      await waitFor(async () => (await fetch(`${a.app.url}/readyz`)).status === 200, {
        timeoutMs: 15_000,
        what: 'A to be ready again',
      });
      const version = await freezeOk(onA, cast.client, cast.proposal.id, 'after the restart');
      const event = await nextEvent(sub, (candidate) => candidate.kind === 'VERSION_FROZEN', 'the freeze on B');
      expect(event.version).toMatchObject({ id: version.id });
    } finally {
      await subscribers.disposeAll();
    }
  }, 40_000);

  it('a FLUSHALL mid-session changes nothing for live documents', async () => {
    const { onA, onB } = await editorsOnTwoInstances(redis.url);
    appendParagraph(onA.doc, 'before the flush');
    await waitFor(() => lines(onB).length === 1, { what: 'the first line to cross' });
    const admin = new Redis(redis.url);
    try {
      await admin.flushall();
    } finally {
      admin.disconnect();
    }
    appendParagraph(onB.doc, 'after the flush');
    appendParagraph(onA.doc, 'also after the flush');
    await waitFor(() => lines(onA).length === 3 && sameLines(onA, onB), { what: 'edits to cross after the flush' });
  });
});
