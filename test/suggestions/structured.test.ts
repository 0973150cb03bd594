import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { useTestApp } from '../support/app.js';
import { storedDoc } from '../support/collab-checks.js';
import { connectPeer, synced, type TestPeer } from '../support/collab.js';
import { editLiveBrief, readyCast } from '../support/contract.js';
import { clientPool } from '../support/subscriptions.js';
import {
  decide,
  decideAllBy,
  suggest,
  suggestionsOf,
  suggestOk,
  watchSuggestionEvents,
} from '../support/suggestions.js';
import { waitFor } from '../support/wait.js';

const t = useTestApp();
const pool = clientPool(() => t);
const peers: TestPeer[] = [];

afterEach(async () => {
  for (const peer of peers.splice(0)) peer.destroy();
  await pool.disposeAll();
});

const ipOwnerShared = (proposalId: string) => ({ proposalId, section: 'ownership', field: 'ipOwner', value: 'SHARED' });

async function watch(user: { token: string }, proposalId: string): Promise<TestPeer> {
  const peer = connectPeer(t.app.url, proposalId, user.token);
  peers.push(peer);
  await synced(peer);
  return peer;
}

describe('structured suggestions', () => {
  it('a freelancer suggests a field value; it is listed for every participant with what it changes in words', async () => {
    const cast = await readyCast(t);
    const made = await suggestOk(t, cast.freelancer, ipOwnerShared(cast.proposal.id));
    expect(made).toMatchObject({
      kind: 'FIELD',
      section: 'ownership',
      itemId: null,
      field: 'ipOwner',
      status: 'OPEN',
      summary: 'IP owner: Client → Shared',
      currentValue: 'CLIENT',
      proposedValue: 'SHARED',
      author: { id: cast.freelancer.id },
      decidedBy: null,
    });
    for (const user of [cast.client, cast.freelancer, cast.viewer]) {
      const listed = await suggestionsOf(t, user, cast.proposal.id);
      expect(listed.map((s) => s.id)).toEqual([made.id]);
    }
    expect(await suggestionsOf(t, cast.client, cast.proposal.id, 'ACCEPTED')).toEqual([]);
    // Suggesting changes nothing yet.
    const draft = await t.api.gql(
      'query($id: ID!) { proposal(id: $id) { draft { ownership { ipOwner } } } }',
      { id: cast.proposal.id },
      { token: cast.client.token },
    );
    expect(draft.data?.proposal.draft.ownership.ipOwner).toBe('CLIENT');
  });

  it('a viewer may not suggest and an outsider learns nothing', async () => {
    const cast = await readyCast(t);
    expect((await suggest(t, cast.viewer, ipOwnerShared(cast.proposal.id))).code).toBe('FORBIDDEN');
    expect((await suggest(t, cast.outsider, ipOwnerShared(cast.proposal.id))).code).toBe('NOT_FOUND');
    const made = await suggestOk(t, cast.client, ipOwnerShared(cast.proposal.id));
    for (const verb of ['acceptSuggestion', 'rejectSuggestion', 'withdrawSuggestion'] as const) {
      expect((await decide(t, cast.outsider, verb, made.id)).code, verb).toBe('NOT_FOUND');
      expect((await decide(t, cast.viewer, verb, made.id)).code, verb).toBe('FORBIDDEN');
    }
    const listed = await t.api.gql(
      'query($id: ID!) { proposal(id: $id) { suggestions { id } } }',
      { id: cast.proposal.id },
      { token: cast.outsider.token },
    );
    expect(listed.code).toBe('NOT_FOUND');
    expect((await suggestionsOf(t, cast.client, cast.proposal.id, 'OPEN')).map((s) => s.status)).toEqual(['OPEN']);
  });

  it('the author cannot accept their own suggestion; another party accepts it into the live brief a connected editor sees, and it is stored', async () => {
    const cast = await readyCast(t);
    const made = await suggestOk(t, cast.freelancer, ipOwnerShared(cast.proposal.id));
    const own = await decide(t, cast.freelancer, 'acceptSuggestion', made.id);
    expect(own.code).toBe('FORBIDDEN');
    expect(own.errors?.[0]?.message).toMatch(/own suggestion/);

    const peer = await watch(cast.viewer, cast.proposal.id);
    expect(peer.doc.getMap('ownership').get('ipOwner')).toBe('CLIENT');
    const accepted = await decide(t, cast.client, 'acceptSuggestion', made.id);
    expect(accepted.data?.decided).toMatchObject({ status: 'ACCEPTED', decidedBy: { id: cast.client.id } });
    expect(accepted.data?.decided.decidedAt).toBeTruthy();
    await waitFor(() => peer.doc.getMap('ownership').get('ipOwner') === 'SHARED', {
      what: 'the peer to see the accepted value',
    });
    expect((await storedDoc(t.db, cast.proposal.id)).getMap('ownership').get('ipOwner')).toBe('SHARED');

    expect((await decide(t, cast.client, 'acceptSuggestion', made.id)).code).toBe('CONFLICT');
    expect((await decide(t, cast.freelancer, 'withdrawSuggestion', made.id)).code).toBe('CONFLICT');
  });

  it('accepting while nobody has the brief open applies it to storage', async () => {
    const cast = await readyCast(t);
    await waitFor(() => t.app.collab.loadedDocument(cast.proposal.id) === undefined, { what: 'the brief to unload' });
    const made = await suggestOk(t, cast.client, {
      proposalId: cast.proposal.id,
      section: 'communication',
      field: 'cadence',
      value: 'Daily stand-up at 9:00',
    });
    expect(made.summary).toBe('Cadence: “Weekly demo on Mondays” → “Daily stand-up at 9:00”');
    await decide(t, cast.freelancer, 'acceptSuggestion', made.id);
    const stored = await storedDoc(t.db, cast.proposal.id);
    const cadence = stored.getMap('communication').get('cadence');
    // Free text is written as Y.Text, so later typing merges character by character.
    expect(cadence).toBeInstanceOf(Y.Text);
    expect(String(cadence)).toBe('Daily stand-up at 9:00');
  });

  it('a rejection decides it and leaves the brief as it was', async () => {
    const cast = await readyCast(t);
    const made = await suggestOk(t, cast.freelancer, ipOwnerShared(cast.proposal.id));
    const rejected = await decide(t, cast.client, 'rejectSuggestion', made.id);
    expect(rejected.data?.decided.status).toBe('REJECTED');
    expect((await storedDoc(t.db, cast.proposal.id)).getMap('ownership').get('ipOwner')).toBe('CLIENT');
    expect((await suggestionsOf(t, cast.viewer, cast.proposal.id, 'REJECTED')).map((s) => s.id)).toEqual([made.id]);
    expect(await suggestionsOf(t, cast.viewer, cast.proposal.id, 'OPEN')).toEqual([]);
  });

  it('only the author withdraws a suggestion', async () => {
    const cast = await readyCast(t);
    const made = await suggestOk(t, cast.freelancer, ipOwnerShared(cast.proposal.id));
    const byOther = await decide(t, cast.client, 'withdrawSuggestion', made.id);
    expect(byOther.code).toBe('FORBIDDEN');
    expect(byOther.errors?.[0]?.message).toMatch(/author/);
    expect((await decide(t, cast.freelancer, 'withdrawSuggestion', made.id)).data?.decided.status).toBe('WITHDRAWN');
    expect((await decide(t, cast.client, 'acceptSuggestion', made.id)).code).toBe('CONFLICT');
    expect((await storedDoc(t.db, cast.proposal.id)).getMap('ownership').get('ipOwner')).toBe('CLIENT');
  });

  it('a list item field: a milestone due date, refused with CONFLICT once the milestone was deleted', async () => {
    const cast = await readyCast(t);
    const base = { proposalId: cast.proposal.id, section: 'milestones', field: 'dueDate' };
    const first = await suggestOk(t, cast.freelancer, { ...base, itemId: 'milestone-1', value: '2099-05-01' });
    expect(first.summary).toBe('Milestones “Baseline model” · Due date: 2099-03-01 → 2099-05-01');
    expect(first.itemId).toBe('milestone-1');
    const second = await suggestOk(t, cast.freelancer, { ...base, itemId: 'milestone-2', value: '2099-06-01' });
    await decide(t, cast.client, 'acceptSuggestion', first.id);
    const doc = await storedDoc(t.db, cast.proposal.id);
    expect((doc.getArray('milestones').get(0) as Y.Map<unknown>).get('dueDate')).toBe('2099-05-01');

    await editLiveBrief(t, cast.client, cast.proposal.id, (live) => live.getArray('milestones').delete(1, 1));
    const gone = await decide(t, cast.client, 'acceptSuggestion', second.id);
    expect(gone.code).toBe('CONFLICT');
    expect(gone.errors?.[0]?.message).toMatch(/deleted/);
    expect((await suggestionsOf(t, cast.client, cast.proposal.id, 'OPEN')).map((s) => s.id)).toEqual([second.id]);
    expect((await decide(t, cast.client, 'rejectSuggestion', second.id)).data?.decided.status).toBe('REJECTED');
  });

  it('refuses values that do not fit the field, with a sentence saying what does', async () => {
    const cast = await readyCast(t);
    const p = cast.proposal.id;
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ section: 'ownership', field: 'ipOwner', value: 'NOBODY' }, 'value', /one of CLIENT, FREELANCER, SHARED/],
      [{ section: 'milestones', itemId: 'milestone-1', field: 'dueDate', value: '2099-02-30' }, 'value', /YYYY-MM-DD/],
      [
        { section: 'milestones', itemId: 'milestone-1', field: 'revisionRounds', value: '-1' },
        'value',
        /whole number of at least 0/,
      ],
      [
        { section: 'milestones', itemId: 'milestone-1', field: 'revisionRounds', value: '1.5' },
        'value',
        /whole number/,
      ],
      [{ section: 'nonsense', field: 'ipOwner', value: 'SHARED' }, 'section', /no section/],
      [{ section: 'scope', field: 'text', value: 'x' }, 'section', /Suggesting mode/],
      [{ section: 'ownership', field: 'color', value: 'x' }, 'field', /no field "color"/],
      [{ section: 'milestones', field: 'dueDate', value: '2099-05-01' }, 'itemId', /item/],
      [{ section: 'milestones', itemId: 'nope', field: 'dueDate', value: '2099-05-01' }, 'itemId', /deleted/],
      [{ section: 'ownership', field: 'ipOwner', value: 'CLIENT' }, 'value', /already/],
    ];
    for (const [input, field, message] of cases) {
      const result = await suggest(t, cast.freelancer, { proposalId: p, value: null, ...input } as never);
      expect(result.code, JSON.stringify(input)).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.extensions?.field, JSON.stringify(input)).toBe(field);
      expect(result.errors?.[0]?.message, JSON.stringify(input)).toMatch(message);
    }
    const rounds = await suggestOk(t, cast.freelancer, {
      proposalId: p,
      section: 'milestones',
      itemId: 'milestone-1',
      field: 'revisionRounds',
      value: '3',
    });
    expect(rounds.summary).toBe('Milestones “Baseline model” · Revision rounds: 1 → 3');
    expect(await suggestionsOf(t, cast.client, p)).toHaveLength(1);
  });

  it('accepts or rejects all of one author’s open suggestions at once', async () => {
    const cast = await readyCast(t);
    const p = cast.proposal.id;
    await suggestOk(t, cast.freelancer, ipOwnerShared(p));
    await suggestOk(t, cast.freelancer, {
      proposalId: p,
      section: 'ownership',
      field: 'modelOwner',
      value: 'FREELANCER',
    });
    const clients = await suggestOk(t, cast.client, {
      proposalId: p,
      section: 'ownership',
      field: 'license',
      value: 'MIT',
    });
    expect((await decideAllBy(t, cast.freelancer, 'acceptSuggestions', p, cast.freelancer.id)).code).toBe('FORBIDDEN');
    const all = await decideAllBy(t, cast.client, 'acceptSuggestions', p, cast.freelancer.id);
    expect(all.data?.decided.map((s) => s.status)).toEqual(['ACCEPTED', 'ACCEPTED']);
    const ownership = (await storedDoc(t.db, p)).getMap('ownership');
    expect([ownership.get('ipOwner'), ownership.get('modelOwner')]).toEqual(['SHARED', 'FREELANCER']);
    expect((await suggestionsOf(t, cast.client, p, 'OPEN')).map((s) => s.id)).toEqual([clients.id]);
    expect((await decideAllBy(t, cast.freelancer, 'rejectSuggestions', p, cast.client.id)).data?.decided).toHaveLength(
      1,
    );
    expect(await suggestionsOf(t, cast.client, p, 'OPEN')).toEqual([]);
  });

  it('suggestions and decisions arrive live on proposalEvents', async () => {
    const cast = await readyCast(t);
    const seen = await watchSuggestionEvents(t, pool.connect({ token: cast.client.token }), cast.proposal.id);
    const made = await suggestOk(t, cast.freelancer, ipOwnerShared(cast.proposal.id));
    const added = await waitFor(() => seen().find((e) => e.kind === 'SUGGESTION_ADDED'), { what: 'SUGGESTION_ADDED' });
    expect(added).toMatchObject({
      actor: { id: cast.freelancer.id },
      suggestion: { id: made.id, status: 'OPEN', summary: 'IP owner: Client → Shared' },
    });
    await decide(t, cast.client, 'acceptSuggestion', made.id);
    const decided = await waitFor(() => seen().find((e) => e.kind === 'SUGGESTION_DECIDED'), {
      what: 'SUGGESTION_DECIDED',
    });
    expect(decided).toMatchObject({ actor: { id: cast.client.id }, suggestion: { id: made.id, status: 'ACCEPTED' } });
  });
});
