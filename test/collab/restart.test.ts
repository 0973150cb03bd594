import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readBrief } from '@brieflock/schema';
import { useInstances } from '../support/app.js';
import { COMPACT_ABOVE_ROWS } from '../../server/src/modules/briefs/brief-store.js';
import { synced } from '../support/collab.js';
import {
  allStored,
  appendParagraph,
  contentOf,
  peerPool,
  stateOf,
  storedDoc,
  storedRows,
} from '../support/collab-checks.js';
import { makeCast } from '../support/factories.js';
import { waitFor } from '../support/wait.js';

const pool = peerPool();
const shared = useInstances(pool);

/** The real app on `databaseUrl`; a second call is a restart on the same data. */
const boot = (databaseUrl?: string) => shared.boot({}, databaseUrl);

describe('after a restart', () => {
  it('the brief reloads from PostgreSQL exactly as it was edited', async () => {
    const first = await boot();
    const cast = await makeCast(first.api);
    const a = pool.peer(first.app.url, cast.proposal.id, cast.client.token);
    const b = pool.peer(first.app.url, cast.proposal.id, cast.freelancer.token);
    await Promise.all([synced(a), synced(b)]);
    const text = appendParagraph(a.doc, 'Predict churn a month ahead.');
    appendParagraph(a.doc, 'Removed again.');
    text.format(0, 7, { bold: true });
    a.doc.getArray<Y.Map<unknown>>('milestones').push([
      new Y.Map<unknown>(
        Object.entries({
          id: 'm1',
          title: new Y.Text('Baseline'),
          dueDate: '2099-03-01',
          acceptanceCriteria: new Y.Text('AUC 0.75'),
          revisionRounds: 1,
          payment: new Y.Text('30%'),
        }),
      ),
      new Y.Map<unknown>(Object.entries({ id: 'm2', title: new Y.Text('Rollout'), revisionRounds: 2 })),
    ]);
    await waitFor(() => readBrief(b.doc).milestones.length === 2, { what: "a's edits at b" });
    b.doc.transact(() => {
      b.doc.getXmlFragment('outcome').delete(1, 1);
      b.doc.getArray<Y.Map<unknown>>('milestones').delete(1, 1);
      b.doc.getArray<Y.Map<unknown>>('milestones').get(0).set('payment', new Y.Text('40%'));
      b.doc.getMap('ownership').set('ipOwner', 'SHARED');
      b.doc.getMap('communication').set('cadence', new Y.Text('Weekly'));
    });
    await waitFor(() => JSON.stringify(stateOf(a.doc)) === JSON.stringify(stateOf(b.doc)), {
      what: 'a and b to converge',
    });
    await waitFor(() => a.isSaved() && b.isSaved(), { what: 'both peers to be saved' });
    const original = { state: stateOf(a.doc), content: contentOf(a.doc) };
    expect(original.content.brief.outcome.text).toBe('Predict churn a month ahead.');
    expect(original.content.brief.ownership.ipOwner).toBe('SHARED');

    pool.destroyAll();
    await first.app.close();
    const second = await boot();
    const fresh = pool.peer(second.app.url, cast.proposal.id, cast.viewer.token);
    await synced(fresh);
    expect(stateOf(fresh.doc)).toEqual(original.state);
    expect(contentOf(fresh.doc)).toEqual(original.content);
    expect(fresh.doc.getXmlFragment('outcome').toString()).toBe(
      '<paragraph><bold>Predict</bold> churn a month ahead.</paragraph>',
    );
    // And what the encoded state says, byte for byte, decodes to the same brief.
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(fresh.doc));
    expect(contentOf(copy)).toEqual(original.content);
  });

  it('a reload of a brief with more than the compaction threshold of rows compacts them and keeps the content', async () => {
    const first = await boot();
    const cast = await makeCast(first.api);
    const a = pool.peer(first.app.url, cast.proposal.id, cast.client.token);
    await synced(a);
    const text = appendParagraph(a.doc, '');
    // One transaction per keystroke: one stored row each.
    const typed = 'x'.repeat(COMPACT_ABOVE_ROWS + 20);
    for (let i = 0; i < typed.length; i++) text.insert(i, i % 10 === 9 ? '.' : 'x');
    a.doc.getMap('ownership').set('ipOwner', 'CLIENT');
    await waitFor(() => a.isSaved(), { what: 'every keystroke to be saved' });
    const rowsBefore = await storedRows(shared.db, cast.proposal.id);
    expect(rowsBefore).toBeGreaterThan(COMPACT_ABOVE_ROWS);
    const original = { state: stateOf(a.doc), content: contentOf(a.doc) };
    expect(contentOf(await storedDoc(shared.db, cast.proposal.id))).toEqual(original.content);

    // Below the threshold nothing is compacted: only the long log is.
    const small = await makeCast(first.api);
    const s = pool.peer(first.app.url, small.proposal.id, small.client.token);
    await synced(s);
    // The row the server stored when it gave the new brief its text fields.
    const opened = await storedRows(shared.db, small.proposal.id);
    expect(opened).toBe(1);
    for (let i = 0; i < 5; i++) appendParagraph(s.doc, `line ${i}`);
    await waitFor(() => s.isSaved(), { what: 'the small brief to be saved' });
    expect(await storedRows(shared.db, small.proposal.id)).toBe(opened + 5);

    pool.destroyAll();
    await first.app.close();
    const second = await boot();
    const fresh = pool.peer(second.app.url, cast.proposal.id, cast.freelancer.token);
    const freshSmall = pool.peer(second.app.url, small.proposal.id, small.client.token);
    await Promise.all([synced(fresh), synced(freshSmall)]);
    await allStored(second.app);
    const rowsAfter = await storedRows(shared.db, cast.proposal.id);
    expect(rowsAfter).toBeLessThanOrEqual(2);
    expect(await storedRows(shared.db, small.proposal.id)).toBe(opened + 5);
    expect(stateOf(fresh.doc)).toEqual(original.state);
    expect(contentOf(fresh.doc)).toEqual(original.content);
    expect(contentOf(await storedDoc(shared.db, cast.proposal.id))).toEqual(original.content);
    expect(readBrief(fresh.doc).outcome.text).toHaveLength(COMPACT_ABOVE_ROWS + 20);

    // The compacted log keeps taking updates and reloads with them.
    appendParagraph(fresh.doc, 'After compaction.');
    await waitFor(() => fresh.isSaved(), { what: 'the edit after compaction to be saved' });
    expect(readBrief(await storedDoc(shared.db, cast.proposal.id)).outcome.text.endsWith('\nAfter compaction.')).toBe(
      true,
    );
  });
});
