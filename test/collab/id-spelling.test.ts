import { afterEach, describe, expect, it } from 'vitest';
import { CloseCode, readBrief } from '@brieflock/schema';
import { useTestApp } from '../support/app.js';
import { synced } from '../support/collab.js';
import { appendParagraph, peerPool, presenceOf, storedDoc } from '../support/collab-checks.js';
import { freezeOk, readyCast } from '../support/contract.js';
import { makeCast } from '../support/factories.js';
import { waitFor } from '../support/wait.js';

const t = useTestApp();
const pool = peerPool();

afterEach(() => pool.destroyAll());

/** Another spelling of the same UUID: upper case, or every other hex letter upper case. */
const upper = (id: string) => id.toUpperCase();
const mixed = (id: string) => [...id].map((c, i) => (i % 2 ? c.toUpperCase() : c)).join('');

const outcomeLines = (doc: Parameters<typeof readBrief>[0]) => readBrief(doc).outcome.text.split('\n').filter(Boolean);

describe('one proposal is one live document, however its id is spelled', () => {
  it('a socket on an upper- or mixed-case id joins the lowercase room: one document, edits both ways, stored', async () => {
    const cast = await makeCast(t.api);
    const id = cast.proposal.id;
    expect(id).toBe(id.toLowerCase());
    const before = t.app.collab.stats().documents;
    const lower = pool.peer(t.app.url, id, cast.client.token);
    const shouting = pool.peer(t.app.url, upper(id), cast.freelancer.token);
    const mixedCase = pool.peer(t.app.url, mixed(id), cast.viewer.token);
    await Promise.all([synced(lower), synced(shouting), synced(mixedCase)]);

    expect(t.app.collab.stats().documents - before).toBe(1);
    expect(t.app.collab.loadedDocument(upper(id))).toBe(t.app.collab.loadedDocument(id));

    appendParagraph(shouting.doc, 'Written under the upper-case id.');
    await waitFor(() => outcomeLines(lower.doc).includes('Written under the upper-case id.'), {
      what: 'the upper-case edit at the lowercase peer',
    });
    appendParagraph(lower.doc, 'Written under the lowercase id.');
    await waitFor(() => outcomeLines(shouting.doc).includes('Written under the lowercase id.'), {
      what: 'the lowercase edit at the upper-case peer',
    });
    await waitFor(() => outcomeLines(mixedCase.doc).length === 2, { what: 'both edits at the mixed-case viewer' });

    // Presence crosses spellings too: they are in one room.
    shouting.provider.awareness.setLocalStateField('cursor', { anchor: 1, head: 1 });
    await waitFor(() => presenceOf(lower, shouting.doc.clientID), { what: "the freelancer's presence" });

    await waitFor(() => lower.isSaved() && shouting.isSaved(), { what: 'both edits to be stored' });
    expect(outcomeLines(await storedDoc(t.db, id)).sort()).toEqual(outcomeLines(lower.doc).sort());
  });

  it('removing a participant closes their socket opened under another spelling, and refuses every spelling after', async () => {
    const cast = await makeCast(t.api);
    const id = cast.proposal.id;
    const lower = pool.peer(t.app.url, id, cast.client.token);
    const removed = pool.peer(t.app.url, upper(id), cast.freelancer.token);
    await Promise.all([synced(lower), synced(removed)]);

    const participants = await t.api.gql<{ proposal: { participants: { id: string; user: { id: string } }[] } }>(
      'query($id: ID!) { proposal(id: $id) { participants { id user { id } } } }',
      { id },
      { token: cast.client.token },
    );
    const participantId = participants.data!.proposal.participants.find((p) => p.user.id === cast.freelancer.id)!.id;
    // The removal names the proposal in yet another spelling.
    const result = await t.api.gql(
      'mutation($input: RemoveParticipantInput!) { removeParticipant(input: $input) }',
      { input: { proposalId: mixed(id), participantId: upper(participantId) } },
      { token: cast.client.token },
    );
    expect(result.errors).toBeUndefined();
    await waitFor(() => removed.closeCodes.includes(CloseCode.PARTICIPANT_REMOVED), {
      what: `the ${CloseCode.PARTICIPANT_REMOVED} close of the upper-case socket`,
    });

    // Edits made while cut off go nowhere, and no spelling lets the removed freelancer back in.
    appendParagraph(removed.doc, 'Written after removal.');
    for (const spelling of [id, upper(id), mixed(id)]) {
      const raw = pool.raw(t.app.url, spelling, { token: cast.freelancer.token });
      expect((await raw.closed).code).toBe(CloseCode.FORBIDDEN);
    }
    appendParagraph(lower.doc, 'The client keeps editing.');
    await waitFor(() => lower.isSaved(), { what: "the client's edit to be stored" });
    expect(outcomeLines(await storedDoc(t.db, id))).toEqual(['The client keeps editing.']);
    expect(lower.closeCodes).toEqual([]);
  });

  it('a freeze under any spelling reads the one live document the editors see', async () => {
    const cast = await readyCast(t);
    const id = cast.proposal.id;
    // One editor holds the document open under the upper-case id; the other edits under lowercase.
    const shouting = pool.peer(t.app.url, upper(id), cast.freelancer.token);
    const lower = pool.peer(t.app.url, id, cast.client.token);
    await Promise.all([synced(shouting), synced(lower)]);
    appendParagraph(lower.doc, 'Target: 50% fewer churned accounts.');
    await waitFor(() => lower.isSaved(), { what: 'the edit to be stored' });
    await waitFor(() => outcomeLines(shouting.doc).includes('Target: 50% fewer churned accounts.'), {
      what: 'the edit at the upper-case peer',
    });

    const version = await freezeOk(t, cast.client, upper(id), 'frozen under the upper-case id');
    expect(version.contentJson.outcome.text).toContain('Target: 50% fewer churned accounts.');
    expect(version.contentJson).toEqual(readBrief(lower.doc));
    expect(version.contentJson).toEqual(readBrief(await storedDoc(t.db, id)));
  });

  it('a name that is no UUID is still refused as before', async () => {
    const cast = await makeCast(t.api);
    const raw = pool.raw(t.app.url, 'NOT-A-PROPOSAL', { token: cast.client.token });
    expect((await raw.closed).code).toBe(CloseCode.FORBIDDEN);
  });
});
