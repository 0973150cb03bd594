import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { contentHashOf, contentJsonOf, plainTextFields, readBrief, type TypedBriefContent } from '@brieflock/schema';
import { useTestApp } from '../support/app.js';
import { completeBrief, writeBrief } from '../support/brief.js';
import { synced, type TestPeer } from '../support/collab.js';
import { peerPool, serverDoc, storedDoc, storedRows } from '../support/collab-checks.js';
import { freezeOk, verify } from '../support/contract.js';
import { makeCast } from '../support/factories.js';
import { waitFor } from '../support/wait.js';

const t = useTestApp();
const pool = peerPool();
afterEach(() => pool.destroyAll());

/** Stores `updates` as rows of a proposal's brief, the way a plain Yjs client's edits were stored. */
async function storeRows(proposalId: string, updates: readonly Uint8Array[]): Promise<void> {
  for (const update of updates)
    await t.db.query('insert into brief_updates (proposal_id, data) values ($1, $2)', [
      proposalId,
      Buffer.from(update),
    ]);
}

/** The complete brief written with plain Yjs, every text field a plain string, as one stored row. */
function plainBriefUpdate(brief: TypedBriefContent = completeBrief()): Uint8Array {
  const doc = new Y.Doc();
  writeBrief(doc, brief);
  expect(doc.getMap('dataReadiness').get('sources')).toBe(brief.dataReadiness.sources);
  return Y.encodeStateAsUpdate(doc);
}

/** A cast whose stored brief was written with plain strings, with its client and freelancer synced on it. */
async function twoEditorsOnPlainBrief() {
  const cast = await makeCast(t.api);
  await storeRows(cast.proposal.id, [plainBriefUpdate()]);
  const a = pool.peer(t.app.url, cast.proposal.id, cast.client.token);
  const b = pool.peer(t.app.url, cast.proposal.id, cast.freelancer.token);
  await Promise.all([synced(a), synced(b)]);
  return { cast, a, b };
}

/** Where a field lives in a document: a map section, or one list item (by id). */
type FieldAt = { section: string; item?: string; key: string };
const SOURCES: FieldAt = { section: 'dataReadiness', key: 'sources' };
const ACCEPTANCE: FieldAt = { section: 'milestones', item: 'milestone-1', key: 'acceptanceCriteria' };

function mapOf(doc: Y.Doc, at: FieldAt): Y.Map<unknown> {
  if (!at.item) return doc.getMap<unknown>(at.section);
  const item = doc
    .getArray<unknown>(at.section)
    .toArray()
    .find((candidate) => candidate instanceof Y.Map && candidate.get('id') === at.item);
  if (!item) throw new Error(`no item ${at.item} in ${at.section}`);
  return item as Y.Map<unknown>;
}

const textOf = (doc: Y.Doc, at: FieldAt): string => {
  const value = mapOf(doc, at).get(at.key);
  return value instanceof Y.Text ? value.toString() : typeof value === 'string' ? value : '';
};

/**
 * Types one character into a field as the web client does: into the field's Y.Text, or,
 * where the field holds no Y.Text yet, by writing a new Y.Text with the whole new value.
 */
function typeInto(doc: Y.Doc, at: FieldAt, where: number | 'end', char: string): void {
  const map = mapOf(doc, at);
  const value = map.get(at.key);
  if (value instanceof Y.Text) {
    value.insert(where === 'end' ? value.length : where, char);
    return;
  }
  const text = typeof value === 'string' ? value : '';
  const index = where === 'end' ? text.length : where;
  map.set(at.key, new Y.Text(text.slice(0, index) + char + text.slice(index)));
}

/** Waits until both peers read the field alike and returns it. */
async function settled(a: TestPeer, b: TestPeer, at: FieldAt): Promise<string> {
  await waitFor(() => textOf(a.doc, at) === textOf(b.doc, at), { what: `${at.key} to converge` });
  return textOf(a.doc, at);
}

/**
 * a appends `appended` while b prefixes `prefixed`, one character each at the same moment,
 * every keystroke concurrent with one of the other's.
 */
async function typeInterleaved(a: TestPeer, b: TestPeer, at: FieldAt, appended: string, prefixed: string) {
  for (let i = 0; i < Math.max(appended.length, prefixed.length); i++) {
    if (i < appended.length) typeInto(a.doc, at, 'end', appended[i]!);
    if (i < prefixed.length) typeInto(b.doc, at, i, prefixed[i]!);
    await settled(a, b, at);
  }
}

describe('two people typing into one structured field at once', () => {
  it('keep every character at human speed, in a map field and a list item field, and the freeze holds both', async () => {
    const { cast, a, b } = await twoEditorsOnPlainBrief();
    const brief = completeBrief();

    await typeInterleaved(a, b, SOURCES, ' plus CSAT', 'Main: ');
    await typeInterleaved(a, b, ACCEPTANCE, ', checked by the client', 'Signed off: ');

    const sources = `Main: ${brief.dataReadiness.sources} plus CSAT`;
    const acceptance = `Signed off: ${brief.milestones[0]!.acceptanceCriteria}, checked by the client`;
    expect(await settled(a, b, SOURCES)).toBe(sources);
    expect(await settled(a, b, ACCEPTANCE)).toBe(acceptance);
    expect(readBrief(serverDoc(t.app, cast.proposal.id)).dataReadiness.sources).toBe(sources);

    const version = await freezeOk(t, cast.client, cast.proposal.id);
    expect(version.contentJson.dataReadiness.sources).toBe(sources);
    expect(version.contentJson.milestones[0]!.acceptanceCriteria).toBe(acceptance);
    expect(version.contentHash).toBe(contentHashOf(contentJsonOf(readBrief(a.doc))));
    const verified = await verify(t, cast.client, cast.proposal.id);
    expect(verified.data?.verifyProposal.mismatches).toEqual([]);
  });

  it('keep every character typed in bursts while both were offline, at the start, the end and the same place', async () => {
    const { cast, a, b } = await twoEditorsOnPlainBrief();
    const brief = completeBrief();
    a.provider.disconnect();
    b.provider.disconnect();

    const aRun = ' plus the CSAT survey export';
    const bRun = ' and the NPS panel';
    for (const char of aRun) typeInto(a.doc, SOURCES, 'end', char);
    for (const [i, char] of [...'Main: '].entries()) typeInto(b.doc, SOURCES, i, char);
    for (const char of bRun) typeInto(b.doc, SOURCES, 'end', char);
    for (const char of ', checked by the client') typeInto(a.doc, ACCEPTANCE, 'end', char);
    for (const [i, char] of [...'Signed off: '].entries()) typeInto(b.doc, ACCEPTANCE, i, char);

    a.provider.connect();
    b.provider.connect();
    await Promise.all([synced(a), synced(b)]);
    const sources = await waitFor(
      async () => {
        const value = await settled(a, b, SOURCES);
        return value.length === `Main: ${brief.dataReadiness.sources}${aRun}${bRun}`.length && value;
      },
      { what: 'both bursts in the field' },
    );
    // Each burst stays in one piece; two at the same place follow each other in either order.
    expect([
      `Main: ${brief.dataReadiness.sources}${aRun}${bRun}`,
      `Main: ${brief.dataReadiness.sources}${bRun}${aRun}`,
    ]).toContain(sources);
    const acceptance = `Signed off: ${brief.milestones[0]!.acceptanceCriteria}, checked by the client`;
    expect(await settled(a, b, ACCEPTANCE)).toBe(acceptance);

    await waitFor(() => readBrief(serverDoc(t.app, cast.proposal.id)).dataReadiness.sources === sources, {
      what: 'the server to hold both bursts',
    });
    const version = await freezeOk(t, cast.freelancer, cast.proposal.id);
    expect(version.contentJson.dataReadiness.sources).toBe(sources);
    expect(version.contentJson.milestones[0]!.acceptanceCriteria).toBe(acceptance);
  });
});

describe('a brief stored with plain strings', () => {
  it('is converted to Y.Text when it loads, once, and reads and freezes as the same content', async () => {
    const cast = await makeCast(t.api);
    const plain = plainBriefUpdate();
    await storeRows(cast.proposal.id, [plain]);
    const plainDoc = new Y.Doc();
    Y.applyUpdate(plainDoc, plain);
    expect(plainTextFields(plainDoc).length).toBeGreaterThan(0);

    const peer = pool.peer(t.app.url, cast.proposal.id, cast.client.token);
    await synced(peer);

    expect(plainTextFields(peer.doc)).toEqual([]);
    expect(peer.doc.getMap('dataReadiness').get('sources')).toBeInstanceOf(Y.Text);
    expect(mapOf(peer.doc, ACCEPTANCE).get('acceptanceCriteria')).toBeInstanceOf(Y.Text);
    expect(mapOf(peer.doc, ACCEPTANCE).get('revisionRounds')).toBe(1);
    expect(mapOf(peer.doc, ACCEPTANCE).get('dueDate')).toBe('2099-03-01');
    expect(peer.doc.getMap('ownership').get('ipOwner')).toBe('CLIENT');
    expect(readBrief(peer.doc)).toEqual(readBrief(plainDoc));
    // Stored before anyone synced: the log alone holds the conversion.
    expect(await storedRows(t.db, cast.proposal.id)).toBe(2);
    const stored = await storedDoc(t.db, cast.proposal.id);
    expect(plainTextFields(stored)).toEqual([]);
    expect(readBrief(stored)).toEqual(readBrief(plainDoc));

    // Loaded again, there is nothing left to convert.
    peer.destroy();
    await waitFor(() => t.app.collab.loadedDocument(cast.proposal.id) === undefined, { what: 'the brief to unload' });
    const again = pool.peer(t.app.url, cast.proposal.id, cast.freelancer.token);
    await synced(again);
    expect(readBrief(again.doc)).toEqual(readBrief(plainDoc));
    expect(await storedRows(t.db, cast.proposal.id)).toBe(2);

    // A frozen version holds the text as strings, hashed as the plain brief would be.
    const version = await freezeOk(t, cast.client, cast.proposal.id);
    expect(version.contentJson.dataReadiness.sources).toBe(completeBrief().dataReadiness.sources);
    expect(version.contentHash).toBe(contentHashOf(contentJsonOf(readBrief(plainDoc))));
    const verified = await verify(t, cast.client, cast.proposal.id);
    expect(verified.data?.verifyProposal.ok).toBe(true);
  });

  it('is converted when a long log is compacted on load, into the one compacted row, which reads the same', async () => {
    const cast = await makeCast(t.api);
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    writeBrief(doc, completeBrief());
    for (let i = 1; i <= 120; i++) doc.getMap('communication').set('escalation', `Escalate to the sponsor, take ${i}`);
    await storeRows(cast.proposal.id, updates);
    const expected = readBrief(doc);
    expect(expected.communication.escalation).toBe('Escalate to the sponsor, take 120');

    const peer = pool.peer(t.app.url, cast.proposal.id, cast.client.token);
    await synced(peer);

    expect(readBrief(peer.doc)).toEqual(expected);
    expect(peer.doc.getMap('communication').get('escalation')).toBeInstanceOf(Y.Text);
    expect(await storedRows(t.db, cast.proposal.id)).toBe(1);
    const stored = await storedDoc(t.db, cast.proposal.id);
    expect(plainTextFields(stored)).toEqual([]);
    expect(readBrief(stored)).toEqual(expected);
  });

  it('still understands a plain Yjs client that writes strings after the conversion', async () => {
    const { cast, a, b } = await twoEditorsOnPlainBrief();
    expect(a.doc.getMap('ownership').get('dataUse')).toBeInstanceOf(Y.Text);

    b.doc.transact(() => {
      b.doc.getMap('ownership').set('dataUse', 'Only for this pilot');
      b.doc.getMap('ownership').set('license', 'MIT for the pipeline code');
      mapOf(b.doc, ACCEPTANCE).set('payment', '40%');
    });

    await waitFor(() => readBrief(a.doc).ownership.license === 'MIT for the pipeline code', {
      what: 'the strings at the other client',
    });
    expect(a.doc.getMap('ownership').get('dataUse')).toBe('Only for this pilot');
    expect(readBrief(a.doc).ownership.dataUse).toBe('Only for this pilot');
    expect(readBrief(a.doc).milestones[0]!.payment).toBe('40%');
    expect(readBrief(serverDoc(t.app, cast.proposal.id)).ownership.license).toBe('MIT for the pipeline code');
    const draft = await t.api.gql<{ proposal: { draft: { ownership: { license: string } } } }>(
      'query($id: ID!) { proposal(id: $id) { draft { ownership { license } } } }',
      { id: cast.proposal.id },
      { token: cast.client.token },
    );
    expect(draft.data?.proposal.draft.ownership.license).toBe('MIT for the pipeline code');

    // The web client's way of typing into that string replaces it with a Y.Text again.
    typeInto(a.doc, { section: 'ownership', key: 'license' }, 'end', '!');
    await waitFor(() => readBrief(b.doc).ownership.license === 'MIT for the pipeline code!', {
      what: 'the edit at the plain client',
    });
  });
});

describe('a brief nobody wrote in yet', () => {
  it('gives every field nobody wrote its Y.Text before anyone types, so crossing first keystrokes both survive', async () => {
    const cast = await makeCast(t.api);
    const a = pool.peer(t.app.url, cast.proposal.id, cast.client.token);
    const b = pool.peer(t.app.url, cast.proposal.id, cast.freelancer.token);
    await Promise.all([synced(a), synced(b)]);
    const cadence: FieldAt = { section: 'communication', key: 'cadence' };
    expect(readBrief(a.doc).communication.cadence).toBe('');
    expect(mapOf(a.doc, cadence).get('cadence')).toBeInstanceOf(Y.Text);
    expect(plainTextFields(a.doc, { unwritten: true })).toEqual([]);
    // Both type their first character at once, neither having seen the other's.
    a.provider.disconnect();
    b.provider.disconnect();
    typeInto(a.doc, cadence, 'end', 'A');
    typeInto(b.doc, cadence, 'end', 'B');
    a.provider.connect();
    b.provider.connect();
    await Promise.all([synced(a), synced(b)]);
    await waitFor(async () => (await settled(a, b, cadence)).length === 2, {
      what: 'both first keystrokes at both clients',
    });
    expect([...textOf(a.doc, cadence)].sort().join('')).toBe('AB');
  });
});
