import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readBrief } from '@brieflock/schema';
import { useInstances } from '../support/app.js';
import { synced } from '../support/collab.js';
import { appendParagraph, contentOf, peerPool, stateOf, storedDoc } from '../support/collab-checks.js';
import { makeCast } from '../support/factories.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { missing, Typist } from '../support/typist.js';
import { DURATIONS } from '../support/durations.js';
import { waitFor } from '../support/wait.js';

const OUTAGE_MS = DURATIONS.databaseOutageMs;
const OUTAGE_SECONDS = OUTAGE_MS / 1000;
/** Each typist adds a line every 100 ms. */
const TYPING_INTERVAL_MS = 100;

let proxy: TcpProxy;
const pool = peerPool();
const shared = useInstances(pool);

const boot = (databaseUrl: string) => shared.boot({}, databaseUrl, { updateRetryCapMs: DURATIONS.commitRetryCapMs });

beforeAll(async () => {
  const url = new URL(shared.db.url);
  proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
});
// Registered after useInstances: runs before its hooks (vitest runs after-hooks in reverse).
afterEach(() => {
  proxy.restore();
});
afterAll(async () => {
  await proxy?.close();
});

describe('while PostgreSQL is briefly unavailable', () => {
  it('peers keep editing and relaying, and every update is stored once it is back', { timeout: 30_000 }, async () => {
    const { app, api } = await boot(proxy.via(shared.db.url));
    const cast = await makeCast(api);
    const a = pool.peer(app.url, cast.proposal.id, cast.client.token);
    const b = pool.peer(app.url, cast.proposal.id, cast.freelancer.token);
    await Promise.all([synced(a), synced(b)]);
    appendParagraph(a.doc, 'Saved before the outage.');
    await waitFor(() => a.isSaved() && readBrief(b.doc).outcome.text === 'Saved before the outage.', {
      what: 'the first edit',
    });
    expect(proxy.open).toBeGreaterThan(0);

    proxy.cut();
    const failuresBefore = app.updates.stats.failures;
    for (let i = 0; i < 5; i++) {
      appendParagraph(a.doc, `A during the outage ${i}.`);
      appendParagraph(b.doc, `B during the outage ${i}.`);
    }
    b.doc
      .getArray<Y.Map<unknown>>('milestones')
      .push([
        new Y.Map<unknown>(Object.entries({ id: 'm1', title: new Y.Text('Written offline'), revisionRounds: 2 })),
      ]);
    a.doc.getMap('ownership').set('ipOwner', 'SHARED');
    await waitFor(
      () =>
        JSON.stringify(stateOf(a.doc)) === JSON.stringify(stateOf(b.doc)) && readBrief(a.doc).milestones.length === 1,
      {
        what: 'the edits to relay during the outage',
      },
    );
    expect(readBrief(b.doc).outcome.text.split('\n')).toHaveLength(11);
    // The commits fail and are retried; nothing is acknowledged as saved meanwhile.
    await waitFor(() => app.updates.stats.failures >= failuresBefore + 2, { what: 'commits to fail and be retried' });
    expect(app.updates.pending).toBeGreaterThan(0);
    expect(a.isSaved()).toBe(false);
    expect(b.isSaved()).toBe(false);
    expect(a.closeCodes.concat(b.closeCodes)).toEqual([]);

    proxy.restore();
    await waitFor(() => a.isSaved() && b.isSaved(), {
      timeoutMs: 15_000,
      what: 'both peers to be saved after the outage',
    });
    expect(app.updates.pending).toBe(0);
    const expected = { state: stateOf(a.doc), content: contentOf(a.doc) };
    // Durable at the moment of the ack.
    const stored = await storedDoc(shared.db, cast.proposal.id);
    expect(stateOf(stored)).toEqual(expected.state);
    expect(contentOf(stored)).toEqual(expected.content);

    // And it survives a restart on the real database.
    pool.destroyAll();
    await app.close();
    const second = await boot(shared.db.url);
    const fresh = pool.peer(second.app.url, cast.proposal.id, cast.viewer.token);
    await synced(fresh);
    expect(stateOf(fresh.doc)).toEqual(expected.state);
    expect(contentOf(fresh.doc)).toEqual(expected.content);
  });
});

describe(`while PostgreSQL is unreachable for ${OUTAGE_SECONDS} seconds`, () => {
  it('the server stays up and keeps relaying two typists, and stores everything once it is back', {
    timeout: 90_000,
  }, async () => {
    const { app, api } = await boot(proxy.via(shared.db.url));
    const cast = await makeCast(api);
    const a = pool.peer(app.url, cast.proposal.id, cast.client.token);
    const b = pool.peer(app.url, cast.proposal.id, cast.freelancer.token);
    await Promise.all([synced(a), synced(b)]);
    const typeA = new Typist(a, 'a', TYPING_INTERVAL_MS);
    const typeB = new Typist(b, 'b', TYPING_INTERVAL_MS);
    try {
      proxy.cut();
      const cutAt = Date.now();
      typeA.start();
      typeB.start();
      // The outage lasts OUTAGE_MS of typing; the server answers /healthz throughout.
      const health: number[] = [];
      await waitFor(
        async () => {
          health.push(
            await fetch(`${app.url}/healthz`).then(
              (response) => response.status,
              () => 0,
            ),
          );
          return Date.now() - cutAt >= OUTAGE_MS;
        },
        { timeoutMs: OUTAGE_MS * 1.5, intervalMs: 1_000, what: `${OUTAGE_SECONDS} s of outage` },
      );
      typeA.stop();
      typeB.stop();
      // About one health check a second (less the time each takes).
      expect(health.length).toBeGreaterThanOrEqual(Math.floor(OUTAGE_SECONDS * 0.8));
      // The update log kept retrying at its cap all along, and never gave up.
      expect(app.updates.stats.failures).toBeGreaterThanOrEqual(Math.floor(OUTAGE_MS / DURATIONS.commitRetryCapMs) - 2);
      expect(health.filter((status) => status !== 200)).toEqual([]);
      const everything = [...typeA.lines, ...typeB.lines].map((line) => line.text);
      // Two typists, a line each every TYPING_INTERVAL_MS: at least two thirds of that got typed.
      expect(everything.length).toBeGreaterThan(((2 * OUTAGE_MS) / TYPING_INTERVAL_MS) * (2 / 3));
      // Relayed all along, stored nothing yet.
      await waitFor(() => missing(a.doc, everything).length === 0 && missing(b.doc, everything).length === 0, {
        what: 'both typists to have every line',
      });
      expect(app.updates.pending).toBeGreaterThanOrEqual(everything.length);
      expect(a.isSaved() || b.isSaved()).toBe(false);
      expect(a.closeCodes.concat(b.closeCodes)).toEqual([]);

      proxy.restore();
      await waitFor(() => a.isSaved() && b.isSaved(), {
        timeoutMs: 30_000,
        what: 'both typists to be saved after the outage',
      });
      expect(app.updates.pending).toBe(0);
      const stored = await storedDoc(shared.db, cast.proposal.id);
      expect(missing(stored, everything)).toEqual([]);
      expect(contentOf(stored)).toEqual(contentOf(a.doc));
    } finally {
      typeA.stop();
      typeB.stop();
    }
  });
});
