import { afterEach, describe, expect, it } from 'vitest';
import { useTestApp } from '../support/app.js';
import {
  acceptInvitation,
  addParticipant,
  makeCast,
  makeUser,
  tokenOfLink,
  type TestUser,
} from '../support/factories.js';
import { clientPool, type Sub } from '../support/subscriptions.js';
import { waitFor } from '../support/wait.js';

const t = useTestApp();
const pool = clientPool(() => t);

afterEach(() => pool.disposeAll());

interface PeopleEvent {
  kind: string;
  participantId: string | null;
  actor: { id: string } | null;
  participant: { id: string; role: string; pending: boolean; user: { id: string; name: string } } | null;
}

const PEOPLE_EVENTS = `subscription($proposalId: ID!) { proposalEvents(proposalId: $proposalId) {
  kind participantId actor { id } participant { id role pending user { id name } } } }`;

async function subscribe(asUser: TestUser, proposalId: string): Promise<Sub<{ proposalEvents: PeopleEvent }>> {
  const before = t.app.events.subscriberCount;
  const sub = pool
    .connect({ token: asUser.token })
    .subscribe<{ proposalEvents: PeopleEvent }>(PEOPLE_EVENTS, { proposalId });
  await waitFor(() => t.app.events.subscriberCount > before || sub.errors.length > 0, { what: 'a live subscription' });
  if (sub.errors.length > 0) throw new Error(JSON.stringify(sub.errors));
  return sub;
}

const delivered = (sub: Sub<{ proposalEvents: PeopleEvent }>) =>
  sub.results.flatMap((result) => (result.data?.proposalEvents ? [result.data.proposalEvents] : []));

function nextOf(sub: Sub<{ proposalEvents: PeopleEvent }>, kind: string, participantId: string): Promise<PeopleEvent> {
  return waitFor(() => delivered(sub).find((event) => event.kind === kind && event.participantId === participantId), {
    what: `${kind} of ${participantId}`,
  });
}

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
  t.api.gql<{ changeParticipantRole: { id: string; role: string } }>(
    'mutation($input: ChangeRoleInput!) { changeParticipantRole(input: $input) { id role } }',
    { input: { participantId, role } },
    { token: actor.token },
  );

describe('participant events', () => {
  it('an invitation reaches another client live with its address, and freelancers only once it is claimed, with the real name', async () => {
    const cast = await makeCast(t.api);
    const coClient = await makeUser(t.api, { name: 'Cleo Coclient' });
    await addParticipant(t.api, cast.client, cast.proposal.id, coClient, 'CLIENT');
    const [clientSub, freelancerSub, outsiderFail] = await Promise.all([
      subscribe(coClient, cast.proposal.id),
      subscribe(cast.freelancer, cast.proposal.id),
      pool.connect({ token: cast.outsider.token }).subscribe(PEOPLE_EVENTS, { proposalId: cast.proposal.id }),
    ]);
    const newcomer = await makeUser(t.api, { name: 'Nina Newcomer' });
    const invited = await addParticipant(t.api, cast.client, cast.proposal.id, newcomer.email, 'VIEWER');
    const invitation = invited.data!.addParticipant;
    const added = await nextOf(clientSub, 'PARTICIPANT_ADDED', invitation.id);
    expect(added.participant).toMatchObject({ id: invitation.id, pending: true, role: 'VIEWER' });
    expect(added.actor?.id).toBe(cast.client.id);

    await acceptInvitation(t.api, newcomer, tokenOfLink(invitation.inviteLink!));
    const joined = await nextOf(freelancerSub, 'PARTICIPANT_ADDED', invitation.id);
    expect(joined.participant).toMatchObject({ pending: false, user: { id: newcomer.id, name: 'Nina Newcomer' } });
    // The freelancer never heard of the pending invitation itself.
    expect(delivered(freelancerSub).filter((event) => event.participantId === invitation.id)).toHaveLength(1);
    await waitFor(() => delivered(clientSub).filter((event) => event.participantId === invitation.id).length === 2, {
      what: 'the claim at the other client',
    });
    expect(outsiderFail.errors.map((error) => error.extensions?.code)).toEqual(['NOT_FOUND']);
    expect(outsiderFail.results.filter((result) => result.data)).toEqual([]);
  });

  it('removing someone reaches the others and the removed person, whose subscription then ends', async () => {
    const cast = await makeCast(t.api);
    const viewerId = await participantIdOf(cast.proposal.id, cast.client, cast.viewer.id);
    const [freelancerSub, viewerSub] = await Promise.all([
      subscribe(cast.freelancer, cast.proposal.id),
      subscribe(cast.viewer, cast.proposal.id),
    ]);
    const removed = await t.api.gql(
      'mutation($input: RemoveParticipantInput!) { removeParticipant(input: $input) }',
      { input: { proposalId: cast.proposal.id, participantId: viewerId } },
      { token: cast.client.token },
    );
    expect(removed.errors).toBeUndefined();
    const event = await nextOf(freelancerSub, 'PARTICIPANT_REMOVED', viewerId);
    expect(event).toMatchObject({ participant: null, actor: { id: cast.client.id } });
    await nextOf(viewerSub, 'PARTICIPANT_REMOVED', viewerId);
    await waitFor(() => viewerSub.completed, { what: "the removed viewer's subscription to end" });
    expect(freelancerSub.completed).toBe(false);
  });

  it('revoking an invitation reaches the other clients as PARTICIPANT_REMOVED', async () => {
    const cast = await makeCast(t.api);
    const coClient = await makeUser(t.api);
    await addParticipant(t.api, cast.client, cast.proposal.id, coClient, 'CLIENT');
    const sub = await subscribe(coClient, cast.proposal.id);
    const invited = await addParticipant(t.api, cast.client, cast.proposal.id, 'someone@example.test', 'FREELANCER');
    const id = invited.data!.addParticipant.id;
    const revoked = await t.api.gql(
      'mutation($id: ID!) { revokeInvitation(participantId: $id) }',
      { id },
      {
        token: cast.client.token,
      },
    );
    expect(revoked.errors).toBeUndefined();
    await nextOf(sub, 'PARTICIPANT_REMOVED', id);
  });
});

describe('changeParticipantRole', () => {
  it('lets a client change a role, and tells every participant live with PARTICIPANT_UPDATED', async () => {
    const cast = await makeCast(t.api);
    const freelancerId = await participantIdOf(cast.proposal.id, cast.client, cast.freelancer.id);
    const viewerSub = await subscribe(cast.viewer, cast.proposal.id);
    const result = await changeRole(cast.client, freelancerId, 'VIEWER');
    expect(result.errors).toBeUndefined();
    expect(result.data?.changeParticipantRole).toEqual({ id: freelancerId, role: 'VIEWER' });
    const event = await nextOf(viewerSub, 'PARTICIPANT_UPDATED', freelancerId);
    expect(event.participant).toMatchObject({ role: 'VIEWER', user: { id: cast.freelancer.id } });
    const myRole = await t.api.gql<{ proposal: { myRole: string } }>(
      'query($id: ID!) { proposal(id: $id) { myRole } }',
      { id: cast.proposal.id },
      { token: cast.freelancer.token },
    );
    expect(myRole.data?.proposal.myRole).toBe('VIEWER');
  });

  it('is FORBIDDEN to freelancers and viewers, NOT_FOUND to outsiders and for unknown ids, and changes nothing', async () => {
    const cast = await makeCast(t.api);
    const viewerId = await participantIdOf(cast.proposal.id, cast.client, cast.viewer.id);
    const sub = await subscribe(cast.client, cast.proposal.id);
    expect((await changeRole(cast.freelancer, viewerId, 'CLIENT')).code).toBe('FORBIDDEN');
    expect((await changeRole(cast.viewer, viewerId, 'CLIENT')).code).toBe('FORBIDDEN');
    expect((await changeRole(cast.outsider, viewerId, 'CLIENT')).code).toBe('NOT_FOUND');
    expect((await changeRole(cast.client, '00000000-0000-4000-8000-000000000000', 'CLIENT')).code).toBe('NOT_FOUND');
    expect((await changeRole(cast.client, 'not-an-id', 'CLIENT')).code).toBe('NOT_FOUND');
    const role = await t.api.gql<{ proposal: { participants: { id: string; role: string }[] } }>(
      'query($id: ID!) { proposal(id: $id) { participants { id role } } }',
      { id: cast.proposal.id },
      { token: cast.client.token },
    );
    expect(role.data?.proposal.participants.find((p) => p.id === viewerId)?.role).toBe('VIEWER');
    // A barrier: a real change arrives, and nothing came before it.
    await changeRole(cast.client, viewerId, 'FREELANCER');
    await nextOf(sub, 'PARTICIPANT_UPDATED', viewerId);
    expect(delivered(sub).map((event) => event.kind)).toEqual(['PARTICIPANT_UPDATED']);
  });

  it('cannot demote the last client (CONFLICT with a sentence) but can once there is another', async () => {
    const cast = await makeCast(t.api);
    const clientId = await participantIdOf(cast.proposal.id, cast.client, cast.client.id);
    const refused = await changeRole(cast.client, clientId, 'FREELANCER');
    expect(refused.code).toBe('CONFLICT');
    expect(refused.errors?.[0]?.message).toMatch(/^A proposal needs at least one client\. .+\.$/);
    const freelancerId = await participantIdOf(cast.proposal.id, cast.client, cast.freelancer.id);
    expect((await changeRole(cast.client, freelancerId, 'CLIENT')).errors).toBeUndefined();
    const demoted = await changeRole(cast.client, clientId, 'FREELANCER');
    expect(demoted.data?.changeParticipantRole.role).toBe('FREELANCER');
  });
});
