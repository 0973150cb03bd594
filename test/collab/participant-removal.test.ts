import { afterEach, describe, expect, it } from 'vitest';
import { CloseCode, readBrief } from '@brieflock/schema';
import { useTestApp } from '../support/app.js';
import { synced } from '../support/collab.js';
import { appendParagraph, peerPool, presenceOf } from '../support/collab-checks.js';
import { makeCast, type TestUser } from '../support/factories.js';
import { waitFor } from '../support/wait.js';

const t = useTestApp();
const pool = peerPool();

afterEach(() => pool.destroyAll());

/** Participant ids by user id. */
async function participantIds(proposalId: string, asUser: TestUser): Promise<Map<string, string>> {
  const result = await t.api.gql<{ proposal: { participants: { id: string; user: { id: string } }[] } }>(
    'query($id: ID!) { proposal(id: $id) { participants { id user { id } } } }',
    { id: proposalId },
    { token: asUser.token },
  );
  if (!result.data?.proposal) throw new Error(JSON.stringify(result.errors));
  return new Map(result.data.proposal.participants.map((p) => [p.user.id, p.id]));
}

const remove = (actor: TestUser, proposalId: string, participantId: string) =>
  t.api.gql<{ removeParticipant: boolean }>(
    'mutation($input: RemoveParticipantInput!) { removeParticipant(input: $input) }',
    { input: { proposalId, participantId } },
    { token: actor.token },
  );

describe('removing a participant', () => {
  it(`closes the removed freelancer's socket with ${CloseCode.PARTICIPANT_REMOVED}, refuses them afterwards with ${CloseCode.FORBIDDEN} and leaves the others connected`, async () => {
    const cast = await makeCast(t.api);
    const ids = await participantIds(cast.proposal.id, cast.client);
    const clientPeer = pool.peer(t.app.url, cast.proposal.id, cast.client.token);
    const viewerPeer = pool.peer(t.app.url, cast.proposal.id, cast.viewer.token);
    const removed = pool.peer(t.app.url, cast.proposal.id, cast.freelancer.token);
    await Promise.all([synced(clientPeer), synced(viewerPeer), synced(removed)]);
    removed.provider.awareness.setLocalStateField('cursor', { anchor: 1, head: 1 });
    await waitFor(() => presenceOf(clientPeer, removed.doc.clientID), { what: "the freelancer's presence" });

    const result = await remove(cast.client, cast.proposal.id, ids.get(cast.freelancer.id)!);
    expect(result.errors).toBeUndefined();
    expect(result.data?.removeParticipant).toBe(true);
    await waitFor(() => removed.closeCodes.includes(CloseCode.PARTICIPANT_REMOVED), {
      what: `the ${CloseCode.PARTICIPANT_REMOVED} close`,
    });
    expect(removed.closeCodes).toEqual([CloseCode.PARTICIPANT_REMOVED]);
    expect(removed.provider.shouldConnect).toBe(false);
    await waitFor(() => presenceOf(clientPeer, removed.doc.clientID) === undefined, {
      what: "the removed freelancer's presence to leave",
    });

    // Reconnecting is refused before any data.
    removed.provider.connect();
    await waitFor(() => removed.closeCodes.length === 2, { what: 'the reconnect to be refused' });
    expect(removed.closeCodes).toEqual([CloseCode.PARTICIPANT_REMOVED, CloseCode.FORBIDDEN]);
    const raw = pool.raw(t.app.url, cast.proposal.id, { token: cast.freelancer.token });
    expect((await raw.closed).code).toBe(CloseCode.FORBIDDEN);
    expect(raw.frames).toHaveLength(0);

    // An edit made by the removed freelancer while cut off never reaches anyone.
    appendParagraph(removed.doc, 'Written after removal.');
    appendParagraph(clientPeer.doc, 'The client keeps editing.');
    await waitFor(() => readBrief(viewerPeer.doc).outcome.text === 'The client keeps editing.', {
      what: "the client's edit at the viewer",
    });
    expect(clientPeer.closeCodes).toEqual([]);
    expect(viewerPeer.closeCodes).toEqual([]);
  });

  it('by a freelancer or a viewer is FORBIDDEN and closes nobody', async () => {
    const cast = await makeCast(t.api);
    const ids = await participantIds(cast.proposal.id, cast.client);
    const freelancerPeer = pool.peer(t.app.url, cast.proposal.id, cast.freelancer.token);
    const viewerPeer = pool.peer(t.app.url, cast.proposal.id, cast.viewer.token);
    await Promise.all([synced(freelancerPeer), synced(viewerPeer)]);
    const byFreelancer = await remove(cast.freelancer, cast.proposal.id, ids.get(cast.viewer.id)!);
    expect(byFreelancer.code).toBe('FORBIDDEN');
    const byViewer = await remove(cast.viewer, cast.proposal.id, ids.get(cast.freelancer.id)!);
    expect(byViewer.code).toBe('FORBIDDEN');
    const byOutsider = await remove(cast.outsider, cast.proposal.id, ids.get(cast.freelancer.id)!);
    expect(byOutsider.code).toBe('NOT_FOUND');
    expect((await participantIds(cast.proposal.id, cast.client)).size).toBe(3);
    // Both sockets are still live: an edit from the freelancer reaches the viewer.
    appendParagraph(freelancerPeer.doc, 'Still here.');
    await waitFor(() => readBrief(viewerPeer.doc).outcome.text === 'Still here.', { what: 'the edit at the viewer' });
    expect(freelancerPeer.closeCodes.concat(viewerPeer.closeCodes)).toEqual([]);
  });

  it('of the last client is a CONFLICT and keeps their socket', async () => {
    const cast = await makeCast(t.api);
    const ids = await participantIds(cast.proposal.id, cast.client);
    const clientPeer = pool.peer(t.app.url, cast.proposal.id, cast.client.token);
    await synced(clientPeer);
    const result = await remove(cast.client, cast.proposal.id, ids.get(cast.client.id)!);
    expect(result.code).toBe('CONFLICT');
    expect((await participantIds(cast.proposal.id, cast.client)).get(cast.client.id)).toBe(ids.get(cast.client.id));
    const raw = pool.raw(t.app.url, cast.proposal.id, { token: cast.client.token });
    expect(await raw.opened).toBe(true);
    expect(clientPeer.closeCodes).toEqual([]);
  });
});
