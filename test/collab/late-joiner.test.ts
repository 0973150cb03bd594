import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readBrief } from '@brieflock/schema';
import { useTestApp } from '../support/app.js';
import { synced, type TestPeer } from '../support/collab.js';
import { allStored, appendParagraph, contentOf, peerPool, stateOf } from '../support/collab-checks.js';
import { makeCast } from '../support/factories.js';
import { waitFor } from '../support/wait.js';

const t = useTestApp();
const pool = peerPool();

afterEach(() => pool.destroyAll());

/** Both editors write every kind of section, with deletions and formatting. */
async function editEverything(a: TestPeer, b: TestPeer): Promise<void> {
  const text = appendParagraph(a.doc, 'Predict churn a month ahead.');
  appendParagraph(a.doc, 'Deleted later.');
  a.doc
    .getArray<Y.Map<unknown>>('milestones')
    .push([
      new Y.Map<unknown>(
        Object.entries({ id: 'm1', title: new Y.Text('Baseline'), dueDate: '2099-03-01', revisionRounds: 1 }),
      ),
    ]);
  a.doc.getMap('ownership').set('ipOwner', 'CLIENT');
  await waitFor(() => readBrief(b.doc).milestones.length === 1, { what: "a's edits at b" });
  b.doc.transact(() => {
    b.doc.getXmlFragment('outcome').delete(1, 1);
    b.doc.getArray<Y.Map<unknown>>('milestones').get(0).set('acceptanceCriteria', new Y.Text('AUC 0.75'));
    b.doc.getMap('ownership').set('ipOwner', 'SHARED');
    const metric = new Y.Map<unknown>();
    metric.set('id', 'metric-1');
    metric.set('name', new Y.Text('Monthly churn'));
    metric.set('target', new Y.Text('3.5%'));
    b.doc.getArray('successMetrics').push([metric]);
    b.doc.getMap('dataReadiness').set('quality', 'FAIR');
  });
  text.format(0, 7, { bold: true });
  await waitFor(() => JSON.stringify(stateOf(a.doc)) === JSON.stringify(stateOf(b.doc)), {
    what: 'a and b to converge',
  });
}

describe('a late joiner', () => {
  it('receives everything written before it connected while the others are still editing', async () => {
    const cast = await makeCast(t.api);
    const a = pool.peer(t.app.url, cast.proposal.id, cast.client.token);
    const b = pool.peer(t.app.url, cast.proposal.id, cast.freelancer.token);
    await Promise.all([synced(a), synced(b)]);
    await editEverything(a, b);

    const late = pool.peer(t.app.url, cast.proposal.id, cast.viewer.token);
    await synced(late);
    expect(stateOf(late.doc)).toEqual(stateOf(a.doc));
    expect(contentOf(late.doc)).toEqual(contentOf(a.doc));
    expect(readBrief(late.doc).successMetrics).toEqual([
      { id: 'metric-1', name: 'Monthly churn', baseline: '', target: '3.5%', measurement: '' },
    ]);
    expect(readBrief(late.doc).outcome.text).toBe('Predict churn a month ahead.');
  });

  it('receives everything from storage once every other peer has left and the brief was unloaded', async () => {
    const cast = await makeCast(t.api);
    const a = pool.peer(t.app.url, cast.proposal.id, cast.client.token);
    const b = pool.peer(t.app.url, cast.proposal.id, cast.freelancer.token);
    await Promise.all([synced(a), synced(b)]);
    await editEverything(a, b);
    const expected = { state: stateOf(a.doc), content: contentOf(a.doc) };
    await allStored(t.app);
    a.destroy();
    b.destroy();
    await waitFor(() => t.app.collab.loadedDocument(cast.proposal.id) === undefined, { what: 'the brief to unload' });

    const late = pool.peer(t.app.url, cast.proposal.id, cast.freelancer.token);
    await synced(late);
    expect(stateOf(late.doc)).toEqual(expected.state);
    expect(contentOf(late.doc)).toEqual(expected.content);
  });
});
