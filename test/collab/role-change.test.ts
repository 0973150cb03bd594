import { afterEach, describe, expect, it } from 'vitest';
import { CloseCode, readBrief } from '@brieflock/schema';
import { useTestApp } from '../support/app.js';
import { synced } from '../support/collab.js';
import { appendParagraph, draftText, peerPool, presenceOf } from '../support/collab-checks.js';
import type { TestUser } from '../support/factories.js';
import { waitFor } from '../support/wait.js';

const t = useTestApp();
const pool = peerPool();

afterEach(() => pool.destroyAll());

async function participantIdOf(proposalId: string, asUser: TestUser, userId: string): Promise<string> {
  const result = await t.api.gql<{ proposal: { participants: { id: string; user: { id: string } }[] } }>(
    'query($id: ID!) { proposal(id: $id) { participants { id user { id } } } }',
    { id: proposalId },
    { token: asUser.token },
  );
  const participant = result.data?.proposal.participants.find((p) => p.user.id === userId);
  if (!participant) throw new Error(JSON.stringify(result.errors));
  return participant.id;
}

const changeRole = (actor: TestUser, participantId: string, role: string) =>
  t.api.gql(
    'mutation($input: ChangeRoleInput!) { changeParticipantRole(input: $input) { id } }',
    {
      input: { participantId, role },
    },
    { token: actor.token },
  );

describe('a role change on an open collaboration socket', () => {
  it(`reconnects the demoted editor (${CloseCode.ROLE_CHANGED}) as a viewer whose edits no longer reach anyone`, async () => {
    const { cast, a, b } = await pool.twoEditors(t.app, t.api);
    appendParagraph(b.doc, 'The freelancer writes.');
    await waitFor(() => readBrief(a.doc).outcome.text === 'The freelancer writes.', { what: "the freelancer's edit" });

    const freelancerId = await participantIdOf(cast.proposal.id, cast.client, cast.freelancer.id);
    expect((await changeRole(cast.client, freelancerId, 'VIEWER')).errors).toBeUndefined();
    await waitFor(() => b.closeCodes.includes(CloseCode.ROLE_CHANGED), { what: 'the role-changed close' });
    // It reconnects on its own, now as a viewer (the server sets the role in presence).
    await synced(b);
    b.provider.awareness.setLocalStateField('cursor', null);
    await waitFor(() => presenceOf(a, b.doc.clientID)?.user?.role === 'VIEWER', {
      what: 'the viewer role in presence',
    });

    appendParagraph(b.doc, 'Written after the demotion.');
    appendParagraph(a.doc, 'The client keeps editing.');
    await waitFor(() => readBrief(b.doc).outcome.text.includes('The client keeps editing.'), {
      what: "the client's edit at the demoted freelancer",
    });
    expect(readBrief(a.doc).outcome.text).not.toContain('Written after the demotion.');
    expect(await draftText(t.api, cast.client.token, cast.proposal.id)).not.toContain('Written after the demotion.');
    expect(a.closeCodes).toEqual([]);
  });

  it('lets a promoted viewer write at once, without closing anyone else', async () => {
    const { cast, a } = await pool.twoEditors(t.app, t.api);
    const viewer = pool.peer(t.app.url, cast.proposal.id, cast.viewer.token);
    await synced(viewer);
    const viewerId = await participantIdOf(cast.proposal.id, cast.client, cast.viewer.id);
    expect((await changeRole(cast.client, viewerId, 'FREELANCER')).errors).toBeUndefined();
    await waitFor(() => viewer.closeCodes.includes(CloseCode.ROLE_CHANGED), { what: 'the role-changed close' });
    await synced(viewer);
    appendParagraph(viewer.doc, 'Now an editor.');
    await waitFor(() => readBrief(a.doc).outcome.text.endsWith('Now an editor.'), {
      what: "the promoted viewer's edit",
    });
    expect(a.closeCodes).toEqual([]);
  });
});
