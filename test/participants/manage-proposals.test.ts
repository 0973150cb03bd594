import { afterEach, describe, expect, it } from 'vitest';
import { CloseCode } from '@brieflock/schema';
import { useTestApp } from '../support/app.js';
import { synced } from '../support/collab.js';
import { peerPool } from '../support/collab-checks.js';
import { freezeOk, readyCast } from '../support/contract.js';
import { makeCast, type TestUser } from '../support/factories.js';
import { clientPool, subscribeLive } from '../support/subscriptions.js';
import { waitFor } from '../support/wait.js';

const t = useTestApp();
const peers = peerPool();
const clients = clientPool(() => t);

afterEach(async () => {
  peers.destroyAll();
  await clients.disposeAll();
});

const listed = async (user: TestUser, archived?: boolean) => {
  const result = await t.api.gql<{ proposals: { id: string; title: string; archived: boolean }[] }>(
    'query($archived: Boolean) { proposals(archived: $archived) { id title archived } }',
    archived === undefined ? {} : { archived },
    { token: user.token },
  );
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return result.data.proposals;
};

const rename = (user: TestUser, proposalId: string, title: string) =>
  t.api.gql<{ renameProposal: { id: string; title: string } }>(
    'mutation($input: RenameProposalInput!) { renameProposal(input: $input) { id title } }',
    { input: { proposalId, title } },
    { token: user.token },
  );

const archive = (user: TestUser, proposalId: string, archived = true) =>
  t.api.gql<Record<string, { id: string; archived: boolean }>>(
    `mutation($id: ID!) { ${archived ? 'archiveProposal' : 'unarchiveProposal'}(proposalId: $id) { id archived } }`,
    { id: proposalId },
    { token: user.token },
  );

const remove = (user: TestUser, proposalId: string) =>
  t.api.gql<{ deleteProposal: boolean }>(
    'mutation($id: ID!) { deleteProposal(proposalId: $id) }',
    { id: proposalId },
    {
      token: user.token,
    },
  );

describe('renameProposal', () => {
  it('lets a client rename; freelancers and viewers are FORBIDDEN, outsiders NOT_FOUND, an empty title BAD_USER_INPUT', async () => {
    const cast = await makeCast(t.api);
    const renamed = await rename(cast.client, cast.proposal.id, '  Churn pilot, phase 2  ');
    expect(renamed.data?.renameProposal).toEqual({ id: cast.proposal.id, title: 'Churn pilot, phase 2' });
    expect((await rename(cast.freelancer, cast.proposal.id, 'Mine')).code).toBe('FORBIDDEN');
    expect((await rename(cast.viewer, cast.proposal.id, 'Mine')).code).toBe('FORBIDDEN');
    expect((await rename(cast.outsider, cast.proposal.id, 'Mine')).code).toBe('NOT_FOUND');
    expect((await rename(cast.client, cast.proposal.id, '   ')).code).toBe('BAD_USER_INPUT');
    expect((await listed(cast.viewer)).find((p) => p.id === cast.proposal.id)?.title).toBe('Churn pilot, phase 2');
  });
});

describe('archiveProposal and unarchiveProposal', () => {
  it("take a proposal out of every participant's default list into the archived one, and back", async () => {
    const cast = await makeCast(t.api);
    const archived = await archive(cast.client, cast.proposal.id);
    expect(archived.data?.archiveProposal).toEqual({ id: cast.proposal.id, archived: true });
    for (const user of [cast.client, cast.freelancer]) {
      expect((await listed(user)).map((p) => p.id)).not.toContain(cast.proposal.id);
      expect((await listed(user, false)).map((p) => p.id)).not.toContain(cast.proposal.id);
      expect((await listed(user, true)).map((p) => p.id)).toEqual([cast.proposal.id]);
    }
    // Still readable while archived.
    const opened = await t.api.gql<{ proposal: { archived: boolean } }>(
      'query($id: ID!) { proposal(id: $id) { archived } }',
      { id: cast.proposal.id },
      { token: cast.viewer.token },
    );
    expect(opened.data?.proposal.archived).toBe(true);

    const restored = await archive(cast.client, cast.proposal.id, false);
    expect(restored.data?.unarchiveProposal).toEqual({ id: cast.proposal.id, archived: false });
    expect((await listed(cast.freelancer)).map((p) => p.id)).toContain(cast.proposal.id);
    expect(await listed(cast.freelancer, true)).toEqual([]);
  });

  it('is FORBIDDEN to freelancers and viewers and NOT_FOUND to outsiders', async () => {
    const cast = await makeCast(t.api);
    expect((await archive(cast.freelancer, cast.proposal.id)).code).toBe('FORBIDDEN');
    expect((await archive(cast.viewer, cast.proposal.id)).code).toBe('FORBIDDEN');
    expect((await archive(cast.outsider, cast.proposal.id)).code).toBe('NOT_FOUND');
    expect((await archive(cast.outsider, cast.proposal.id, false)).code).toBe('NOT_FOUND');
    expect((await listed(cast.client)).map((p) => p.id)).toContain(cast.proposal.id);
  });
});

describe('deleteProposal', () => {
  it('deletes a draft never frozen and closes its collaboration sockets and event subscriptions', async () => {
    const cast = await makeCast(t.api);
    const peer = peers.peer(t.app.url, cast.proposal.id, cast.freelancer.token);
    await synced(peer);
    const sub = await subscribeLive(t, clients.connect({ token: cast.viewer.token }), cast.proposal.id);

    expect((await remove(cast.freelancer, cast.proposal.id)).code).toBe('FORBIDDEN');
    expect((await remove(cast.outsider, cast.proposal.id)).code).toBe('NOT_FOUND');
    const deleted = await remove(cast.client, cast.proposal.id);
    expect(deleted.errors).toBeUndefined();
    expect(deleted.data?.deleteProposal).toBe(true);

    await waitFor(() => peer.closeCodes.includes(CloseCode.NOT_FOUND), { what: 'the collaboration socket to close' });
    await waitFor(() => sub.completed, { what: 'the subscription to end' });
    const gone = await t.api.gql(
      'query($id: ID!) { proposal(id: $id) { id } }',
      { id: cast.proposal.id },
      {
        token: cast.client.token,
      },
    );
    expect(gone.code).toBe('NOT_FOUND');
    const rows = await t.db.query('select 1 from proposals where id = $1', [cast.proposal.id]);
    expect(rows.rowCount).toBe(0);
    expect((await remove(cast.client, cast.proposal.id)).code).toBe('NOT_FOUND');
  });

  it('refuses a proposal with a frozen version (CONFLICT) and keeps every record', async () => {
    const cast = await readyCast(t);
    await freezeOk(t, cast.client, cast.proposal.id);
    const refused = await remove(cast.client, cast.proposal.id);
    expect(refused.code).toBe('CONFLICT');
    expect(refused.errors?.[0]?.message).toBe(
      'This proposal has frozen versions, which are kept for good. Archive it instead.',
    );
    const rows = await t.db.query('select 1 from contract_versions where proposal_id = $1', [cast.proposal.id]);
    expect(rows.rowCount).toBe(1);
    expect((await listed(cast.client)).map((p) => p.id)).toContain(cast.proposal.id);
  });
});
