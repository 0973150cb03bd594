import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootApp, startTestApp, type TestApp } from '../support/app.js';
import { freezeOk, readyCast, reviseBrief } from '../support/contract.js';
import { clientPool, nextEvent, subscribeLive } from '../support/subscriptions.js';
import { eventsUpTo, startThreadOk, watchThreads } from '../support/comments.js';
import { machineRedisAvailable, MACHINE_REDIS_URL, reportSkipped } from '../support/redis.js';

const REDIS_URL = MACHINE_REDIS_URL;
reportSkipped(machineRedisAvailable, 'proposal events through Redis', 'a Redis at 127.0.0.1:6379');

describe.skipIf(!machineRedisAvailable)('proposal events through Redis (REDIS_URL set)', () => {
  let a: TestApp;
  let b: TestApp;
  const poolA = clientPool(() => a);
  const poolB = clientPool(() => b);

  beforeAll(async () => {
    a = await startTestApp({ REDIS_URL });
    // A second instance on the same database and the same Redis, as behind a load balancer.
    const { app, api } = await bootApp(a.db.url, { REDIS_URL });
    b = { app, db: a.db, api, queries: [], close: () => app.close() };
  });
  afterAll(async () => {
    await poolA.disposeAll();
    await poolB.disposeAll();
    await b?.close();
    await a?.close();
  });

  it('a subscriber on one instance receives a freeze made on another, and the event travels through Redis', async () => {
    const cast = await readyCast(a);
    const watcher = new Redis(REDIS_URL);
    const relayed: string[] = [];
    try {
      await watcher.psubscribe('PROPOSAL_EVENTS*');
      watcher.on('pmessage', (_pattern, _channel, message: string) => relayed.push(message));

      const onB = await subscribeLive(b, poolB.connect({ token: cast.freelancer.token }), cast.proposal.id);
      const onA = await subscribeLive(a, poolA.connect({ token: cast.viewer.token }), cast.proposal.id);
      const version = await freezeOk(a, cast.client, cast.proposal.id, 'frozen on instance A');

      const seenOnB = await nextEvent(onB, (event) => event.kind === 'VERSION_FROZEN', 'the freeze on instance B');
      expect(seenOnB.version).toMatchObject({ id: version.id, number: 1 });
      await nextEvent(onA, (event) => event.kind === 'VERSION_FROZEN', 'the freeze on instance A');
      const message = relayed
        .map((text) => JSON.parse(text))
        .find((payload) => payload.kind === 'VERSION_FROZEN' && payload.proposalId === cast.proposal.id);
      expect(message).toMatchObject({ versionId: version.id, actorId: cast.client.id });
    } finally {
      watcher.disconnect();
    }
  });
});

describe.skipIf(!machineRedisAvailable)('thread events through Redis', () => {
  let a: TestApp;
  let b: TestApp;
  const poolB = clientPool(() => b);

  beforeAll(async () => {
    a = await startTestApp({ REDIS_URL });
    const { app, api } = await bootApp(a.db.url, { REDIS_URL });
    b = { app, db: a.db, api, queries: [], close: () => app.close() };
  });
  afterAll(async () => {
    await poolB.disposeAll();
    await b?.close();
    await a?.close();
  });

  it('a thread started on one instance reaches a subscriber on another with its comments', async () => {
    const cast = await readyCast(a);
    const onB = await watchThreads(b, poolB.connect({ token: cast.freelancer.token }), cast.proposal.id);
    const thread = await startThreadOk(a, cast.client, cast.proposal.id, 'Started on instance A');
    const [event] = await eventsUpTo(onB, 1);
    expect(event).toMatchObject({
      kind: 'THREAD_STARTED',
      actor: { id: cast.client.id },
      thread: { id: thread.id, status: 'OPEN', comments: [{ body: 'Started on instance A' }] },
    });
  });
});

describe('with REDIS_URL set but Redis unreachable', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Port 9 (discard) on loopback: nothing answers.
    t = await startTestApp({ REDIS_URL: 'redis://127.0.0.1:9' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('freezing still works: a lost event is logged, never an unhandled rejection', async () => {
    const cast = await readyCast(t);
    const version = await freezeOk(t, cast.client, cast.proposal.id);
    expect(version.number).toBe(1);
    await reviseBrief(t, cast.freelancer, cast.proposal.id);
    const again = await freezeOk(t, cast.freelancer, cast.proposal.id);
    expect(again.number).toBe(2);
  });
});
