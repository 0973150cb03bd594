import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readBrief } from '@brieflock/schema';
import { useTestApp } from '../support/app.js';
import { synced, updateFrame } from '../support/collab.js';
import { peerPool } from '../support/collab-checks.js';
import { makeCast } from '../support/factories.js';
import { waitFor } from '../support/wait.js';

const t = useTestApp();
const pool = peerPool();

afterAll(async () => {
  pool.destroyAll();
});

describe('a socket that sends while its document is still loading', () => {
  it('is held back until the load completes, then has every frame applied in order', async () => {
    const cast = await makeCast(t.api);
    // Many small updates, prepared as an offline client would have them.
    const local = new Y.Doc();
    const updates: Uint8Array[] = [];
    local.on('update', (update: Uint8Array) => updates.push(update));
    const list = local.getArray<Y.Map<unknown>>('deliverables');
    for (let i = 0; i < 300; i++)
      list.push([
        new Y.Map<unknown>([
          ['id', `d${i}`],
          ['title', `Deliverable ${i}`],
        ]),
      ]);

    // Reads of the update log wait while the table is locked: the load stalls.
    await t.db.query('begin');
    let released = false;
    try {
      await t.db.query('lock table brief_updates in access exclusive mode');
      const raw = pool.raw(t.app.url, cast.proposal.id, { token: cast.freelancer.token });
      expect(await raw.opened).toBe(true);
      // The server's read of the update log is waiting on the lock. (This connection is
      // inside the locking transaction, which would keep its first snapshot of the view.)
      await waitFor(
        async () =>
          (await t.db.query('select pg_stat_clear_snapshot()')) &&
          (
            await t.db.query<{ n: number }>(
              `select count(*)::int as n from pg_stat_activity
                where datname = current_database() and wait_event_type = 'Lock' and query ilike '%from "brief_updates"%'`,
            )
          ).rows[0]!.n > 0,
        { what: 'the load to wait on the lock' },
      );
      for (const update of updates) raw.socket.send(updateFrame(update));
      await waitFor(() => raw.socket.bufferedAmount === 0, { what: 'the frames to leave the client' });
      // Nothing is served while the document loads.
      expect(raw.frames).toHaveLength(0);
      await t.db.query('commit');
      released = true;

      const reader = pool.peer(t.app.url, cast.proposal.id, cast.client.token);
      await synced(reader);
      await waitFor(() => readBrief(reader.doc).deliverables.length === 300, {
        what: 'all 300 deliverables at the reader',
      });
      expect(readBrief(reader.doc).deliverables.map((d) => d.id)).toEqual(updates.map((_, i) => `d${i}`));
      expect(raw.socket.readyState).toBe(raw.socket.OPEN);
    } finally {
      if (!released) await t.db.query('rollback');
    }
  });
});
