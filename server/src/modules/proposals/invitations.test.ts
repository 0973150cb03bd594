import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/support/app.js';
import { connectPeer } from '../../../../test/support/collab.js';
import { freezeOk, readyCast, sign } from '../../../../test/support/contract.js';
import {
  acceptInvitation,
  addParticipant,
  makeProposal,
  makeUser,
  tokenOfLink,
  type TestUser,
} from '../../../../test/support/factories.js';
import { clientPool, codesOf, events, PROPOSAL_EVENTS } from '../../../../test/support/subscriptions.js';
import { waitFor } from '../../../../test/support/wait.js';

const t = useTestApp();
const pool = clientPool(() => t);
afterEach(() => pool.disposeAll());

const PREVIEW =
  'query($token: String!) { invitation(token: $token) { proposalTitle inviterName role expiresAt status } }';
const MINE = '{ myInvitations { id proposalId proposalTitle role createdAt invitedBy { id name } } }';
const PARTICIPANTS = 'query($id: ID!) { proposal(id: $id) { participants { id pending invitedEmail user { id } } } }';

const uniqueEmail = (label: string) => `${label}-${randomBytes(4).toString('hex')}@example.test`;

const gqlAs = (user: TestUser | null, query: string, variables: Record<string, unknown> = {}) =>
  t.api.gql(query, variables, { token: user?.token });

/** A client's proposal and a pending invitation of `invitee` (a test user's or a bare address) to it. */
async function invite(invitee: TestUser | string, role: 'FREELANCER' | 'VIEWER' | 'CLIENT' = 'FREELANCER') {
  const client = await makeUser(t.api, { name: 'Cora Client' });
  const proposal = await makeProposal(t.api, client, 'Churn prediction pilot');
  const added = await addParticipant(
    t.api,
    client,
    proposal.id,
    typeof invitee === 'string' ? invitee : invitee.email,
    role,
  );
  if (!added.data) throw new Error(JSON.stringify(added.errors));
  const { id, inviteLink } = added.data.addParticipant;
  expect(inviteLink).toMatch(/^\/invitations\/bli_[A-Za-z0-9_-]{43}$/);
  return { client, proposal, participantId: id, token: tokenOfLink(inviteLink ?? '') };
}

/** Moves the invitation's expiry into the past, as the clock would. */
const expire = (participantId: string) =>
  t.db.query(`update participants set invitation_expires_at = now() - interval '1 second' where id = $1`, [
    participantId,
  ]);

describe('addParticipant', () => {
  it('answers the same for a registered and an unregistered address: no account id, no name', async () => {
    const registered = await makeUser(t.api, { name: 'Rita Registered' });
    const shapes = [];
    for (const email of [registered.email, uniqueEmail('nobody')]) {
      const { client, proposal } = await invite(email);
      const listed = await gqlAs(client, PARTICIPANTS, { id: proposal.id });
      const pending = listed.data?.proposal.participants.find((p: { pending: boolean }) => p.pending);
      expect(pending).toEqual({ id: pending.id, pending: true, invitedEmail: email, user: { id: pending.id } });
      const full = await gqlAs(
        client,
        'query($id: ID!) { proposal(id: $id) { participants { user { id email name pending } } } }',
        {
          id: proposal.id,
        },
      );
      expect(JSON.stringify(full.data)).not.toContain(registered.id);
      expect(JSON.stringify(full.data)).not.toContain('Rita');
      shapes.push(Object.keys(pending).sort());
    }
    expect(shapes[0]).toEqual(shapes[1]);
  });

  it('stores only a SHA-256 of the link token', async () => {
    const { participantId, token } = await invite(uniqueEmail('hashed'));
    const { rows } = await t.db.query('select invitation_token_hash from participants where id = $1', [participantId]);
    expect(rows[0].invitation_token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toContain(token);
  });
});

describe('a pending invitee', () => {
  it('cannot open the proposal, its live document or its events, and is no signer at freeze', async () => {
    const invitee = await makeUser(t.api);
    const cast = await readyCast(t);
    const added = await addParticipant(t.api, cast.client, cast.proposal.id, invitee.email, 'FREELANCER');
    expect(added.data?.addParticipant.pending).toBe(true);

    expect((await gqlAs(invitee, PARTICIPANTS, { id: cast.proposal.id })).code).toBe('NOT_FOUND');
    const peer = connectPeer(t.app.url, cast.proposal.id, invitee.token);
    try {
      await waitFor(() => peer.closeCodes.length > 0, { what: 'the collaboration socket to be refused' });
      expect(peer.closeCodes[0]).toBe(4403);
      expect(peer.doc.share.size).toBe(0);
    } finally {
      peer.destroy();
    }
    const sub = pool.connect({ token: invitee.token }).subscribe(PROPOSAL_EVENTS, { proposalId: cast.proposal.id });
    await waitFor(() => sub.errors.length > 0 || sub.failure, { what: 'the subscription to be refused' });
    expect(codesOf(sub)).toEqual(['NOT_FOUND']);

    const version = await freezeOk(t, cast.client, cast.proposal.id);
    const signerIds = version.signers.map((signer) => signer.user.id);
    expect(signerIds).not.toContain(invitee.id);
    expect(signerIds).not.toContain(added.data?.addParticipant.id);
    expect(signerIds).toHaveLength(2);
    expect((await sign(t, invitee, version.id, version.contentHash)).code).toBe('NOT_FOUND');
  });
});

describe('an invitation link', () => {
  it('shows its preview without signing in, and joins the account that accepts it, once', async () => {
    const { client, proposal, token } = await invite(uniqueEmail('linked'), 'VIEWER');
    const preview = await gqlAs(null, PREVIEW, { token });
    expect(preview.data?.invitation).toMatchObject({
      proposalTitle: 'Churn prediction pilot',
      inviterName: 'Cora Client',
      role: 'VIEWER',
      status: 'PENDING',
    });
    expect(new Date(preview.data?.invitation.expiresAt).getTime()).toBeGreaterThan(Date.now());

    const newcomer = await makeUser(t.api);
    const accepted = await acceptInvitation(t.api, newcomer, token);
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data?.acceptInvitation).toMatchObject({
      role: 'VIEWER',
      pending: false,
      user: { id: newcomer.id },
    });
    const listed = await gqlAs(client, PARTICIPANTS, { id: proposal.id });
    expect(listed.data?.proposal.participants.filter((p: { pending: boolean }) => p.pending)).toEqual([]);

    const second = await makeUser(t.api);
    const again = await acceptInvitation(t.api, second, token);
    expect(again.code).toBe('CONFLICT');
    expect(again.errors?.[0]?.extensions?.reason).toBe('ACCEPTED');
    expect((await gqlAs(second, PARTICIPANTS, { id: proposal.id })).code).toBe('NOT_FOUND');
    expect((await gqlAs(null, PREVIEW, { token })).data?.invitation.status).toBe('ACCEPTED');
  });

  it('needs a signed-in account to be accepted', async () => {
    const { token } = await invite(uniqueEmail('anonymous'));
    const result = await gqlAs(null, 'mutation($token: String) { acceptInvitation(token: $token) { id } }', { token });
    expect(result.code).toBe('UNAUTHENTICATED');
  });

  it('stops working once expired, and says so', async () => {
    const { participantId, token } = await invite(uniqueEmail('late'));
    await expire(participantId);
    expect((await gqlAs(null, PREVIEW, { token })).data?.invitation.status).toBe('EXPIRED');
    const result = await acceptInvitation(t.api, await makeUser(t.api), token);
    expect(result.code).toBe('CONFLICT');
    expect(result.errors?.[0]?.extensions?.reason).toBe('EXPIRED');
  });

  it('is replaced by resendInvitation and issueInviteLink, and voided by revokeInvitation', async () => {
    const { client, participantId, token } = await invite(uniqueEmail('resent'));
    const resent = await gqlAs(client, 'mutation($id: ID!) { resendInvitation(participantId: $id) }', {
      id: participantId,
    });
    expect(resent.data?.resendInvitation).toBe(true);
    expect((await gqlAs(null, PREVIEW, { token })).data?.invitation).toBeNull();
    expect((await acceptInvitation(t.api, await makeUser(t.api), token)).code).toBe('NOT_FOUND');

    const issued = await gqlAs(
      client,
      'mutation($id: ID!) { issueInviteLink(participantId: $id) { id pending inviteLink } }',
      {
        id: participantId,
      },
    );
    const fresh = tokenOfLink(issued.data?.issueInviteLink.inviteLink);
    expect(fresh).not.toBe(token);
    expect((await gqlAs(null, PREVIEW, { token: fresh })).data?.invitation.status).toBe('PENDING');
    // The link is in that answer only: the participant list never shows it.
    const listed = await gqlAs(client, 'query($id: ID!) { proposal(id: $id) { participants { inviteLink } } }', {
      id: (await gqlAs(client, '{ proposals { id } }')).data?.proposals[0].id,
    });
    expect(listed.data?.proposal.participants.map((p: { inviteLink: string | null }) => p.inviteLink)).toEqual([
      null,
      null,
    ]);

    const revoked = await gqlAs(client, 'mutation($id: ID!) { revokeInvitation(participantId: $id) }', {
      id: participantId,
    });
    expect(revoked.data?.revokeInvitation).toBe(true);
    expect((await gqlAs(null, PREVIEW, { token: fresh })).data?.invitation).toBeNull();
    expect((await acceptInvitation(t.api, await makeUser(t.api), fresh)).code).toBe('NOT_FOUND');
  });

  it('is managed by clients only: NOT_FOUND for outsiders, FORBIDDEN for other roles', async () => {
    const freelancer = await makeUser(t.api);
    const { client, proposal, participantId } = await invite(uniqueEmail('managed'));
    expect((await addParticipant(t.api, client, proposal.id, freelancer, 'FREELANCER')).errors).toBeUndefined();
    const outsider = await makeUser(t.api);
    for (const mutation of ['resendInvitation', 'revokeInvitation']) {
      const query = `mutation($id: ID!) { ${mutation}(participantId: $id) }`;
      expect((await gqlAs(outsider, query, { id: participantId })).code).toBe('NOT_FOUND');
      expect((await gqlAs(freelancer, query, { id: participantId })).code).toBe('FORBIDDEN');
    }
    const issue = 'mutation($id: ID!) { issueInviteLink(participantId: $id) { inviteLink } }';
    expect((await gqlAs(freelancer, issue, { id: participantId })).code).toBe('FORBIDDEN');
    // Nor do others see pending invitations in the list.
    const seen = await gqlAs(freelancer, PARTICIPANTS, { id: proposal.id });
    expect(seen.data?.proposal.participants.map((p: { pending: boolean }) => p.pending)).toEqual([false, false]);
  });

  it('publishes PARTICIPANT_ADDED when accepted, so open pages update live', async () => {
    const { client, proposal, token } = await invite(uniqueEmail('live'));
    const sub = pool.connect({ token: client.token }).subscribe(PROPOSAL_EVENTS, { proposalId: proposal.id });
    await waitFor(() => t.app.events.subscriberCount > 0, { what: 'the subscription to start' });
    const joiner = await makeUser(t.api);
    expect((await acceptInvitation(t.api, joiner, token)).errors).toBeUndefined();
    await waitFor(() => events(sub).some((event) => event.kind === 'PARTICIPANT_ADDED'), { what: 'the event' });
    const event = events(sub).find((e) => e.kind === 'PARTICIPANT_ADDED');
    expect(event?.participant?.user.id).toBe(joiner.id);
    expect(event?.actor?.id).toBe(joiner.id);
  });
});

describe('in-app invitations', () => {
  it('are listed to, and accepted by, the account holding the invited address proven only', async () => {
    // Accounts from before invitations named addresses hold theirs proven (the migration):
    // here the address is proven by accepting a link sent to it.
    const holder = await makeUser(t.api);
    const first = await invite(holder);
    expect((await acceptInvitation(t.api, holder, first.token)).errors).toBeUndefined();
    const { participantId, proposal } = await invite(holder, 'VIEWER');

    const squatter = await makeUser(t.api, { email: holder.email });
    expect((await gqlAs(squatter, MINE)).data?.myInvitations).toEqual([]);
    const stolen = await gqlAs(squatter, 'mutation($id: ID) { acceptInvitation(invitationId: $id) { id } }', {
      id: participantId,
    });
    expect(stolen.code).toBe('NOT_FOUND');

    const mine = await gqlAs(holder, MINE);
    expect(mine.data?.myInvitations).toEqual([
      expect.objectContaining({
        id: participantId,
        proposalId: proposal.id,
        proposalTitle: 'Churn prediction pilot',
        role: 'VIEWER',
        invitedBy: expect.objectContaining({ name: 'Cora Client' }),
      }),
    ]);
    const accepted = await gqlAs(holder, 'mutation($id: ID) { acceptInvitation(invitationId: $id) { id pending } }', {
      id: participantId,
    });
    expect(accepted.data?.acceptInvitation).toEqual({ id: participantId, pending: false });
    expect((await gqlAs(holder, MINE)).data?.myInvitations).toEqual([]);
  });

  it('can be declined, which removes the invitation', async () => {
    const holder = await makeUser(t.api);
    expect((await acceptInvitation(t.api, holder, (await invite(holder)).token)).errors).toBeUndefined();
    const { client, participantId, proposal, token } = await invite(holder);
    const declined = await gqlAs(holder, 'mutation($id: ID!) { declineInvitation(invitationId: $id) }', {
      id: participantId,
    });
    expect(declined.data?.declineInvitation).toBe(true);
    expect((await gqlAs(holder, MINE)).data?.myInvitations).toEqual([]);
    const listed = await gqlAs(client, PARTICIPANTS, { id: proposal.id });
    expect(listed.data?.proposal.participants).toHaveLength(1);
    expect((await gqlAs(null, PREVIEW, { token })).data?.invitation).toBeNull();
  });
});
