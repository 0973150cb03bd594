import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { readBrief, uuidV7 } from '@brieflock/schema';
import { useTestApp } from '../support/app.js';
import { storedDoc } from '../support/collab-checks.js';
import { connectPeer, synced, type TestPeer } from '../support/collab.js';
import { editLiveBrief, freeze, freezeOk, readyCast } from '../support/contract.js';
import type { TestUser } from '../support/factories.js';
import { clientPool } from '../support/subscriptions.js';
import { decide, decideAllBy, suggestionsOf, suggestOk, watchSuggestionEvents } from '../support/suggestions.js';
import { waitFor } from '../support/wait.js';

const t = useTestApp();
const pool = clientPool(() => t);
const peers: TestPeer[] = [];
afterEach(async () => {
  for (const peer of peers.splice(0)) peer.destroy();
  await pool.disposeAll();
});

/**
 * Suggests, as the web client's Suggesting mode writes it, inserting `inserted` at the
 * start of the scope's first paragraph and deleting its last word.
 */
async function suggestInScope(author: TestUser, proposalId: string, inserted = 'Weekly ') {
  const insertion = uuidV7();
  const deletion = uuidV7(Date.now() + 1);
  await editLiveBrief(t, author, proposalId, (doc) => {
    const paragraph = doc.getXmlFragment('scope').get(0) as Y.XmlElement;
    const text = paragraph.get(0) as Y.XmlText;
    const length = text.length;
    // "A churn model scored nightly on the CRM export." → mark " export" as deleted.
    text.format(length - 8, 7, { deletion: { id: deletion, author: author.id } });
    text.insert(0, inserted, { insertion: { id: insertion, author: author.id } });
  });
  return { insertion, deletion };
}

const scopeOf = (doc: Y.Doc) => readBrief(doc).scope;

async function watch(user: TestUser, proposalId: string) {
  const peer = connectPeer(t.app.url, proposalId, user.token);
  peers.push(peer);
  await synced(peer);
  return peer;
}

describe('rich-text suggestions', () => {
  it('are listed from the marks in the live brief, with author and what they change in words', async () => {
    const cast = await readyCast(t);
    const { insertion, deletion } = await suggestInScope(cast.freelancer, cast.proposal.id);
    const listed = await suggestionsOf(t, cast.viewer, cast.proposal.id, 'OPEN');
    expect(listed.map((s) => [s.id, s.kind, s.section, s.status, s.summary, s.author.id])).toEqual([
      [deletion, 'TEXT', 'scope', 'OPEN', 'Delete “export”', cast.freelancer.id],
      [insertion, 'TEXT', 'scope', 'OPEN', 'Insert “Weekly”', cast.freelancer.id],
    ]);
    expect(Math.abs(Date.parse(listed[0]!.createdAt) - Date.now())).toBeLessThan(60_000);
  });

  it('accepting an insertion keeps its text and rejecting a deletion keeps the text, for a connected editor and in storage', async () => {
    const cast = await readyCast(t);
    const { insertion, deletion } = await suggestInScope(cast.freelancer, cast.proposal.id);
    expect((await decide(t, cast.freelancer, 'acceptSuggestion', insertion)).code).toBe('FORBIDDEN');
    expect((await decide(t, cast.viewer, 'acceptSuggestion', insertion, cast.proposal.id)).code).toBe('FORBIDDEN');
    expect((await decide(t, cast.outsider, 'acceptSuggestion', insertion)).code).toBe('NOT_FOUND');
    expect((await decide(t, cast.outsider, 'acceptSuggestion', insertion, cast.proposal.id)).code).toBe('NOT_FOUND');

    const peer = await watch(cast.viewer, cast.proposal.id);
    // Without proposalId the server finds the brief that holds it.
    const accepted = await decide(t, cast.client, 'acceptSuggestion', insertion);
    expect(accepted.data?.decided).toMatchObject({
      id: insertion,
      status: 'ACCEPTED',
      summary: 'Insert “Weekly”',
      decidedBy: { id: cast.client.id },
    });
    const rejected = await decide(t, cast.client, 'rejectSuggestion', deletion, cast.proposal.id);
    expect(rejected.data?.decided.status).toBe('REJECTED');

    const expected = 'Weekly A churn model scored nightly on the CRM export.';
    await waitFor(
      () => scopeOf(peer.doc).text === expected && !JSON.stringify(scopeOf(peer.doc).content).includes('insertion'),
      {
        what: 'the peer to see the settled scope',
      },
    );
    expect(JSON.stringify(scopeOf(peer.doc).content)).not.toMatch(/insertion|deletion/);
    const stored = scopeOf(await storedDoc(t.db, cast.proposal.id));
    expect(stored.text).toBe(expected);
    expect(JSON.stringify(stored.content)).not.toMatch(/insertion|deletion/);

    expect(await suggestionsOf(t, cast.client, cast.proposal.id, 'OPEN')).toEqual([]);
    const decided = await suggestionsOf(t, cast.client, cast.proposal.id);
    expect(decided.map((s) => [s.id, s.status]).sort()).toEqual(
      [
        [insertion, 'ACCEPTED'],
        [deletion, 'REJECTED'],
      ].sort(),
    );
    expect((await decide(t, cast.client, 'acceptSuggestion', insertion)).code).toBe('CONFLICT');
  });

  it('rejecting an insertion removes its text and accepting a deletion removes the deleted text', async () => {
    const cast = await readyCast(t);
    const { insertion, deletion } = await suggestInScope(cast.freelancer, cast.proposal.id);
    await decide(t, cast.client, 'rejectSuggestion', insertion, cast.proposal.id);
    await decide(t, cast.client, 'acceptSuggestion', deletion, cast.proposal.id);
    expect(scopeOf(await storedDoc(t.db, cast.proposal.id)).text).toBe('A churn model scored nightly on the CRM.');
  });

  it('all of one author’s are accepted at once, and the author may withdraw theirs', async () => {
    const cast = await readyCast(t);
    await suggestInScope(cast.freelancer, cast.proposal.id);
    const field = await suggestOk(t, cast.freelancer, {
      proposalId: cast.proposal.id,
      section: 'ownership',
      field: 'ipOwner',
      value: 'SHARED',
    });
    const all = await decideAllBy(t, cast.client, 'acceptSuggestions', cast.proposal.id, cast.freelancer.id);
    expect(all.data?.decided.map((s) => s.id)).toContain(field.id);
    expect(all.data?.decided).toHaveLength(3);
    const doc = await storedDoc(t.db, cast.proposal.id);
    expect(scopeOf(doc).text).toBe('Weekly A churn model scored nightly on the CRM.');
    expect(doc.getMap('ownership').get('ipOwner')).toBe('SHARED');

    const again = await suggestInScope(cast.client, cast.proposal.id, 'Daily ');
    expect((await decide(t, cast.freelancer, 'withdrawSuggestion', again.insertion, cast.proposal.id)).code).toBe(
      'FORBIDDEN',
    );
    expect(
      (await decide(t, cast.client, 'withdrawSuggestion', again.insertion, cast.proposal.id)).data?.decided.status,
    ).toBe('WITHDRAWN');
    expect(scopeOf(await storedDoc(t.db, cast.proposal.id)).text).toMatch(/^Weekly A churn/);
  });
});

/** The scope's first paragraph's text in `doc`. */
const firstScopeText = (doc: Y.Doc) => (doc.getXmlFragment('scope').get(0) as Y.XmlElement).get(0) as Y.XmlText;

/** The author every insertion mark of the scope's first paragraph carries, in order. */
const insertionAuthors = (doc: Y.Doc) =>
  (firstScopeText(doc).toDelta() as { attributes?: { insertion?: { author?: string } } }[]).flatMap((op) =>
    op.attributes?.insertion ? [op.attributes.insertion.author] : [],
  );

describe('who made a rich-text suggestion', () => {
  it('is the person whose socket wrote its marks, whatever author they name, so no one accepts their own', async () => {
    const cast = await readyCast(t);
    const forger = await watch(cast.freelancer, cast.proposal.id);
    const bystander = await watch(cast.client, cast.proposal.id);
    const id = uuidV7();
    // A client that writes someone else's id as the author of its suggestion.
    forger.doc.transact(() =>
      firstScopeText(forger.doc).insert(0, 'Weekly ', { insertion: { id, author: cast.client.id } }),
    );
    await waitFor(() => insertionAuthors(bystander.doc).join() === cast.freelancer.id, {
      what: 'the mark to name its sender on every editor',
    });
    await waitFor(() => insertionAuthors(forger.doc).join() === cast.freelancer.id, {
      what: 'the forging editor to receive the correction',
    });
    await waitFor(() => forger.isSaved() && bystander.isSaved(), { what: 'both editors to be saved' });
    expect(insertionAuthors(await storedDoc(t.db, cast.proposal.id))).toEqual([cast.freelancer.id]);
    const listed = await suggestionsOf(t, cast.client, cast.proposal.id, 'OPEN');
    expect(listed.map((s) => [s.id, s.author.id, s.summary])).toEqual([[id, cast.freelancer.id, 'Insert “Weekly”']]);
    expect((await decide(t, cast.freelancer, 'acceptSuggestion', id, cast.proposal.id)).code).toBe('FORBIDDEN');
    expect((await decide(t, cast.client, 'acceptSuggestion', id, cast.proposal.id)).data?.decided).toMatchObject({
      status: 'ACCEPTED',
      author: { id: cast.freelancer.id },
    });
    // The typed text was never refused: it is in the brief.
    expect(scopeOf(await storedDoc(t.db, cast.proposal.id)).text).toMatch(/^Weekly A churn model/);
  });

  it('is announced on proposalEvents once per suggestion, not once per keystroke', async () => {
    const cast = await readyCast(t);
    const seen = await watchSuggestionEvents(t, pool.connect({ token: cast.client.token }), cast.proposal.id);
    const added = () => seen().filter((event) => event.kind === 'SUGGESTION_ADDED');
    const typist = await watch(cast.freelancer, cast.proposal.id);
    const id = uuidV7();
    const text = firstScopeText(typist.doc);
    // Typed one key at a time, as Suggesting mode writes it: one suggestion.
    for (const [index, key] of [...'Weekly '].entries())
      typist.doc.transact(() => text.insert(index, key, { insertion: { id, author: cast.freelancer.id } }));
    const first = await waitFor(() => added()[0], { what: 'SUGGESTION_ADDED' });
    expect(first).toMatchObject({
      actor: { id: cast.freelancer.id },
      suggestion: { id, kind: 'TEXT', section: 'scope', status: 'OPEN', author: { id: cast.freelancer.id } },
    });
    const deletion = uuidV7(Date.now() + 1);
    typist.doc.transact(() =>
      text.format(text.length - 8, 7, { deletion: { id: deletion, author: cast.freelancer.id } }),
    );
    await waitFor(() => added().length >= 2, { what: 'the second SUGGESTION_ADDED' });
    await waitFor(() => typist.isSaved(), { what: 'the edits to be stored' });
    expect(added().map((event) => event.suggestion?.id)).toEqual([id, deletion]);
  });
});

describe('freezing with suggestions', () => {
  it('is refused naming suggestions-settled while one is open, and allowed once all are settled; the version holds no mark', async () => {
    const cast = await readyCast(t);
    const field = await suggestOk(t, cast.freelancer, {
      proposalId: cast.proposal.id,
      section: 'ownership',
      field: 'ipOwner',
      value: 'SHARED',
    });
    const { insertion, deletion } = await suggestInScope(cast.freelancer, cast.proposal.id);

    const readiness = await t.api.gql(
      'query($id: ID!) { proposal(id: $id) { readiness { ready checks { key passed severity message } } } }',
      { id: cast.proposal.id },
      { token: cast.client.token },
    );
    const check = readiness.data?.proposal.readiness.checks.find(
      (c: { key: string }) => c.key === 'suggestions-settled',
    );
    expect(check).toMatchObject({ passed: false, severity: 'BLOCKER' });
    expect(check.message).toMatch(/^3 suggestions are still open/);
    expect(readiness.data?.proposal.readiness.ready).toBe(false);

    const refused = await freeze(t, cast.client, cast.proposal.id);
    expect(refused.code).toBe('BRIEF_NOT_READY');
    expect(refused.errors?.[0]?.extensions?.checks).toEqual(['suggestions-settled']);
    expect(refused.errors?.[0]?.message).toMatch(/suggestions are still open/);

    await decide(t, cast.client, 'acceptSuggestion', field.id);
    await decide(t, cast.client, 'acceptSuggestion', insertion, cast.proposal.id);
    expect((await freeze(t, cast.client, cast.proposal.id)).errors?.[0]?.extensions?.checks).toEqual([
      'suggestions-settled',
    ]);
    await decide(t, cast.client, 'rejectSuggestion', deletion, cast.proposal.id);

    const version = await freezeOk(t, cast.client, cast.proposal.id);
    expect(JSON.stringify(version.contentJson)).not.toMatch(/insertion|deletion|modification/);
    expect(version.contentJson.scope.text).toBe('Weekly A churn model scored nightly on the CRM export.');
    expect(version.contentJson.ownership.ipOwner).toBe('SHARED');
  });

  it('leaves marks out of a frozen version even when a foreign client wrote ones that are no one’s suggestion', async () => {
    const cast = await readyCast(t);
    await editLiveBrief(t, cast.client, cast.proposal.id, (doc) => {
      const text = (doc.getXmlFragment('scope').get(0) as Y.XmlElement).get(0) as Y.XmlText;
      text.insert(0, 'Maybe ', { insertion: { id: 7 } });
    });
    expect(await suggestionsOf(t, cast.client, cast.proposal.id, 'OPEN')).toEqual([]);
    const version = await freezeOk(t, cast.client, cast.proposal.id);
    expect(JSON.stringify(version.contentJson)).not.toMatch(/insertion/);
    expect(version.contentJson.scope.text).toBe('A churn model scored nightly on the CRM export.');
  });
});
