import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readBrief } from '@brieflock/schema';
import { useTestApp } from '../support/app.js';
import { synced, type TestPeer } from '../support/collab.js';
import { appendParagraph, peerPool, stateOf } from '../support/collab-checks.js';
import { addParticipant, makeProposal, makeUser, type TestUser } from '../support/factories.js';
import { waitFor } from '../support/wait.js';

const t = useTestApp();
let client: TestUser;
let freelancer: TestUser;
const pool = peerPool();

beforeAll(async () => {
  client = await makeUser(t.api, { name: 'Cora Client' });
  freelancer = await makeUser(t.api, { name: 'Finn Freelancer' });
});
afterEach(() => pool.destroyAll());

/** A proposal with the client and the freelancer connected and synced. */
async function twoEditors(): Promise<{ proposalId: string; a: TestPeer; b: TestPeer }> {
  const proposal = await makeProposal(t.api, client);
  const added = await addParticipant(t.api, client, proposal.id, freelancer, 'FREELANCER');
  expect(added.errors).toBeUndefined();
  const a = pool.peer(t.app.url, proposal.id, client.token);
  const b = pool.peer(t.app.url, proposal.id, freelancer.token);
  await Promise.all([synced(a), synced(b)]);
  return { proposalId: proposal.id, a, b };
}

/** Waits until both docs hold the same state, then asserts it in every reading. */
async function expectConverged(a: TestPeer, b: TestPeer): Promise<void> {
  await waitFor(
    () =>
      JSON.stringify(stateOf(a.doc)) === JSON.stringify(stateOf(b.doc)) &&
      JSON.stringify(readBrief(a.doc)) === JSON.stringify(readBrief(b.doc)),
    {
      what: 'the two docs to converge',
    },
  );
  expect(Y.encodeStateVector(b.doc)).toEqual(Y.encodeStateVector(a.doc));
  expect(readBrief(b.doc)).toEqual(readBrief(a.doc));
  expect(b.doc.getXmlFragment('outcome').toString()).toBe(a.doc.getXmlFragment('outcome').toString());
}

const milestone = (fields: Record<string, unknown>) => new Y.Map<unknown>(Object.entries(fields));

const DRAFT = `query($id: ID!) { proposal(id: $id) { draft {
  outcome { text }
  milestones { id title dueDate acceptanceCriteria revisionRounds payment }
  ownership { ipOwner modelOwner confidentiality dataUse license }
} } }`;

/** The draft as the server reports it over GraphQL. */
async function serverDraft(proposalId: string) {
  const result = await t.api.gql(DRAFT, { id: proposalId }, { token: client.token });
  expect(result.errors).toBeUndefined();
  return result.data!.proposal.draft as {
    outcome: { text: string };
    milestones: unknown[];
    ownership: Record<string, unknown>;
  };
}

describe('two editors on one brief', () => {
  it('converge on text typed by one of them, and the server stores it', async () => {
    const { proposalId, a, b } = await twoEditors();
    appendParagraph(a.doc, 'Cut churn by 10% with a forecast model.');
    await waitFor(() => readBrief(b.doc).outcome.text === 'Cut churn by 10% with a forecast model.', {
      what: 'text to reach b',
    });
    await waitFor(() => a.isSaved(), { what: 'saved ack' });
    const { rows } = await t.db.query<{ n: number }>(
      'select count(*)::int as n from brief_updates where proposal_id = $1',
      [proposalId],
    );
    expect(rows[0]!.n).toBeGreaterThan(0);
  });

  it('converge on rich text both of them write, extend and format', async () => {
    const { proposalId, a, b } = await twoEditors();
    const first = appendParagraph(a.doc, 'Cut churn');
    await waitFor(() => readBrief(b.doc).outcome.text === 'Cut churn', { what: "a's paragraph at b" });
    // b extends a's paragraph, adds one of its own and bolds a word of a's.
    const atB = (b.doc.getXmlFragment('outcome').get(0) as Y.XmlElement).get(0) as Y.XmlText;
    atB.insert(atB.length, ' by a tenth.');
    appendParagraph(b.doc, 'Scored nightly.');
    atB.format(0, 3, { bold: true });
    await waitFor(() => readBrief(a.doc).outcome.text === 'Cut churn by a tenth.\nScored nightly.', {
      what: "b's edits at a",
    });
    first.insert(0, 'Goal: ');
    await expectConverged(a, b);
    expect(a.doc.getXmlFragment('outcome').toString()).toBe(
      '<paragraph>Goal: <bold>Cut</bold> churn by a tenth.</paragraph><paragraph>Scored nightly.</paragraph>',
    );
    expect(readBrief(a.doc).outcome.content[0]).toEqual({
      type: 'paragraph',
      content: [
        { type: 'text', text: 'Goal: ' },
        { type: 'text', text: 'Cut', marks: [{ type: 'bold' }] },
        { type: 'text', text: ' churn by a tenth.' },
      ],
    });
    expect((await serverDraft(proposalId)).outcome.text).toBe('Goal: Cut churn by a tenth.\nScored nightly.');
  });

  it('converge on a list section through adding, editing a field, removing and reordering items', async () => {
    const { proposalId, a, b } = await twoEditors();
    const atA = a.doc.getArray<Y.Map<unknown>>('milestones');
    atA.push([
      milestone({
        id: 'm1',
        title: 'Baseline model',
        dueDate: '2099-03-01',
        acceptanceCriteria: 'AUC 0.75',
        revisionRounds: 1,
        payment: '30%',
      }),
      milestone({
        id: 'm2',
        title: 'Production scoring',
        dueDate: '2099-04-15',
        acceptanceCriteria: 'Nightly scores',
        revisionRounds: 2,
        payment: '50%',
      }),
      milestone({
        id: 'm3',
        title: 'Handover',
        dueDate: '2099-05-01',
        acceptanceCriteria: 'Runbook accepted',
        revisionRounds: 0,
        payment: '20%',
      }),
    ]);
    await waitFor(() => readBrief(b.doc).milestones.length === 3, { what: 'the milestones at b' });
    const ids = (doc: Y.Doc) => readBrief(doc).milestones.map((item) => item.id);

    // b edits a field of an item a added, including the integer field.
    const atB = b.doc.getArray<Y.Map<unknown>>('milestones');
    b.doc.transact(() => {
      atB.get(1).set('title', 'Production scoring in the CRM');
      atB.get(1).set('revisionRounds', 3);
    });
    await waitFor(() => readBrief(a.doc).milestones[1]?.revisionRounds === 3, { what: "b's field edit at a" });
    expect(readBrief(a.doc).milestones[1]).toEqual({
      id: 'm2',
      title: 'Production scoring in the CRM',
      dueDate: '2099-04-15',
      acceptanceCriteria: 'Nightly scores',
      revisionRounds: 3,
      payment: '50%',
    });

    // a reorders: m3 moves to the front as a copy with the same id.
    a.doc.transact(() => {
      const copy = milestone(atA.get(2).toJSON());
      atA.delete(2, 1);
      atA.insert(0, [copy]);
    });
    await waitFor(() => ids(b.doc).join() === 'm3,m1,m2', { what: 'the reorder at b' });

    // b removes m1.
    atB.delete(1, 1);
    await waitFor(() => ids(a.doc).join() === 'm3,m2', { what: 'the removal at a' });
    await expectConverged(a, b);
    expect(readBrief(a.doc).milestones).toEqual([
      {
        id: 'm3',
        title: 'Handover',
        dueDate: '2099-05-01',
        acceptanceCriteria: 'Runbook accepted',
        revisionRounds: 0,
        payment: '20%',
      },
      {
        id: 'm2',
        title: 'Production scoring in the CRM',
        dueDate: '2099-04-15',
        acceptanceCriteria: 'Nightly scores',
        revisionRounds: 3,
        payment: '50%',
      },
    ]);
    expect((await serverDraft(proposalId)).milestones).toEqual(readBrief(a.doc).milestones);
  });

  it('converge on a map section as its values change back and forth', async () => {
    const { proposalId, a, b } = await twoEditors();
    const ownershipA = a.doc.getMap<unknown>('ownership');
    ownershipA.set('ipOwner', 'CLIENT');
    ownershipA.set('confidentiality', 'Mutual NDA');
    await waitFor(() => readBrief(b.doc).ownership.ipOwner === 'CLIENT', { what: 'ipOwner at b' });
    const ownershipB = b.doc.getMap<unknown>('ownership');
    b.doc.transact(() => {
      ownershipB.set('ipOwner', 'SHARED');
      ownershipB.set('modelOwner', 'FREELANCER');
      ownershipB.delete('confidentiality');
    });
    await waitFor(() => readBrief(a.doc).ownership.ipOwner === 'SHARED', { what: "b's ownership change at a" });
    await expectConverged(a, b);
    expect(readBrief(a.doc).ownership).toEqual({
      ipOwner: 'SHARED',
      modelOwner: 'FREELANCER',
      confidentiality: '',
      dataUse: '',
      license: '',
    });
    expect((await serverDraft(proposalId)).ownership).toEqual(readBrief(a.doc).ownership);
  });

  it('converge to identical state when both edit every kind of section at the same moment', async () => {
    const { proposalId, a, b } = await twoEditors();
    const textA = appendParagraph(a.doc, 'Shared paragraph.');
    a.doc.getArray<Y.Map<unknown>>('milestones').push([milestone({ id: 'm1', title: 'Baseline', revisionRounds: 1 })]);
    await waitFor(
      () => readBrief(b.doc).milestones.length === 1 && readBrief(b.doc).outcome.text === 'Shared paragraph.',
      { what: 'the base at b' },
    );
    const textB = (b.doc.getXmlFragment('outcome').get(0) as Y.XmlElement).get(0) as Y.XmlText;

    // Both edit in one synchronous block: neither has seen the other's change.
    textA.insert(0, 'A says: ');
    textB.insert(0, 'B says: ');
    appendParagraph(a.doc, 'From A.');
    appendParagraph(b.doc, 'From B.');
    a.doc.getMap('ownership').set('ipOwner', 'SHARED');
    b.doc.getMap('ownership').set('ipOwner', 'FREELANCER');
    a.doc.getArray<Y.Map<unknown>>('milestones').get(0).set('title', 'Baseline, edited by A');
    b.doc.getArray<Y.Map<unknown>>('milestones').delete(0, 1);
    a.doc.getArray<Y.Map<unknown>>('milestones').push([milestone({ id: 'from-a', title: 'A' })]);
    b.doc.getArray<Y.Map<unknown>>('milestones').push([milestone({ id: 'from-b', title: 'B' })]);

    await expectConverged(a, b);
    const brief = readBrief(a.doc);
    const lines = brief.outcome.text.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^(A says: B says: |B says: A says: )Shared paragraph\.$/);
    expect(lines.slice(1).sort()).toEqual(['From A.', 'From B.']);
    expect(['SHARED', 'FREELANCER']).toContain(brief.ownership.ipOwner);
    expect(brief.milestones.map((item) => item.id).sort()).toEqual(['from-a', 'from-b']);
    // The server holds the same: its draft matches both docs.
    const draft = await serverDraft(proposalId);
    expect(draft.outcome.text).toBe(brief.outcome.text);
    expect(draft.milestones).toEqual(brief.milestones);
    expect(draft.ownership).toEqual(brief.ownership);
  });
});
