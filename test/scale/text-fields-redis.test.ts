import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { plainTextFields, readBrief } from '@brieflock/schema';
import { useInstances } from '../support/app.js';
import { completeBrief, writeBrief } from '../support/brief.js';
import { synced, type TestPeer } from '../support/collab.js';
import { peerPool, storedDoc, storedRows } from '../support/collab-checks.js';
import { makeCast } from '../support/factories.js';
import { machineRedisAvailable, MACHINE_REDIS_URL, reportSkipped } from '../support/redis.js';
import { waitFor } from '../support/wait.js';

reportSkipped(machineRedisAvailable, 'text fields converted on two instances at once', 'a Redis at 127.0.0.1:6379');

const pool = peerPool();
const shared = useInstances(pool);

describe.skipIf(!machineRedisAvailable)('a brief stored with plain strings, opened on two instances at once', () => {
  it('is converted alike on both, the same update under one client id, and typing on each keeps every character', async () => {
    const a = await shared.boot({ REDIS_URL: MACHINE_REDIS_URL });
    const b = await shared.boot({ REDIS_URL: MACHINE_REDIS_URL });
    const cast = await makeCast(a.api);
    const plain = new Y.Doc();
    writeBrief(plain, completeBrief());
    await shared.db.query('insert into brief_updates (proposal_id, data) values ($1, $2)', [
      cast.proposal.id,
      Buffer.from(Y.encodeStateAsUpdate(plain)),
    ]);

    // Both instances load the brief at the same moment: their reads of the log wait on a
    // lock until both are waiting, so each converts the same stored state on its own.
    await shared.db.query('begin');
    let released = false;
    let onA: TestPeer;
    let onB: TestPeer;
    try {
      await shared.db.query('lock table brief_updates in access exclusive mode');
      onA = pool.peer(a.app.url, cast.proposal.id, cast.client.token);
      onB = pool.peer(b.app.url, cast.proposal.id, cast.freelancer.token);
      await waitFor(
        async () =>
          (await shared.db.query('select pg_stat_clear_snapshot()')) &&
          (
            await shared.db.query<{ n: number }>(
              `select count(*)::int as n from pg_stat_activity
                where datname = current_database() and wait_event_type = 'Lock' and query ilike '%from "brief_updates"%'`,
            )
          ).rows[0]!.n >= 2,
        { what: 'both loads to wait on the lock' },
      );
      await shared.db.query('commit');
      released = true;
    } finally {
      if (!released) await shared.db.query('rollback');
    }
    await Promise.all([synced(onA), synced(onB)]);
    expect(plainTextFields(onA.doc)).toEqual([]);
    expect(plainTextFields(onB.doc)).toEqual([]);

    // Both wrote their conversion, and it is the very same one: one client id, not two
    // competing Y.Texts of which one would take what was typed into the other along.
    await waitFor(async () => (await storedRows(shared.db, cast.proposal.id)) === 3, {
      what: 'both conversions to be stored',
    });
    const writers = new Set(Y.decodeStateVector(Y.encodeStateVector(plain)).keys());
    const converters = [...Y.decodeStateVector(Y.encodeStateVector(onA.doc)).keys()].filter((id) => !writers.has(id));
    expect(converters).toHaveLength(1);
    const { rows } = await shared.db.query<{ data: Buffer }>(
      'select data from brief_updates where proposal_id = $1 order by id offset 1',
      [cast.proposal.id],
    );
    expect(rows[1]!.data.equals(rows[0]!.data)).toBe(true);

    // Each types into the Y.Text its own instance served.
    const sourcesA = onA.doc.getMap('dataReadiness').get('sources') as Y.Text;
    const sourcesB = onB.doc.getMap('dataReadiness').get('sources') as Y.Text;
    for (const char of ' plus CSAT') sourcesA.insert(sourcesA.length, char);
    for (const [i, char] of [...'Main: '].entries()) sourcesB.insert(i, char);

    const expected = `Main: ${completeBrief().dataReadiness.sources} plus CSAT`;
    for (const peer of [onA, onB])
      await waitFor(() => readBrief(peer.doc).dataReadiness.sources === expected, {
        what: 'both texts at both peers',
      });
    await waitFor(
      async () => readBrief(await storedDoc(shared.db, cast.proposal.id)).dataReadiness.sources === expected,
      {
        intervalMs: 100,
        what: 'both texts in storage',
      },
    );
    expect(readBrief(onA.doc)).toEqual(readBrief(onB.doc));
  });
});
