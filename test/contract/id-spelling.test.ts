import { afterEach, describe, expect, it } from 'vitest';
import { useTestApp } from '../support/app.js';
import { freezeOk, readyCast, readVersion } from '../support/contract.js';
import { makeCast, type TestUser } from '../support/factories.js';
import { clientPool, nextEvent, subscribeLive } from '../support/subscriptions.js';
import { waitFor } from '../support/wait.js';

const t = useTestApp();
const pool = clientPool(() => t);

afterEach(() => pool.disposeAll());

const upper = (id: string) => id.toUpperCase();
const mixed = (id: string) => [...id].map((c, i) => (i % 2 ? c.toUpperCase() : c)).join('');

async function participantId(proposalId: string, asUser: TestUser, of: TestUser): Promise<string> {
  const result = await t.api.gql<{ proposal: { participants: { id: string; user: { id: string } }[] } }>(
    'query($id: ID!) { proposal(id: $id) { participants { id user { id } } } }',
    { id: proposalId },
    { token: asUser.token },
  );
  return result.data!.proposal.participants.find((p) => p.user.id === of.id)!.id;
}

const removeParticipant = (actor: TestUser, proposalId: string, participant: string) =>
  t.api.gql(
    'mutation($input: RemoveParticipantInput!) { removeParticipant(input: $input) }',
    {
      input: { proposalId, participantId: participant },
    },
    { token: actor.token },
  );

describe('every id is a UUID; any spelling of one names the same record', () => {
  it('a subscription under another spelling receives the proposal’s events, canonical, and ends on removal', async () => {
    const cast = await readyCast(t);
    const id = cast.proposal.id;
    const sub = await subscribeLive(t, pool.connect({ token: cast.viewer.token }), upper(id));

    const version = await freezeOk(t, cast.client, id);
    const frozen = await nextEvent(sub, (event) => event.kind === 'VERSION_FROZEN', 'the freeze');
    expect(frozen.proposalId).toBe(id);
    expect(frozen.version?.id).toBe(version.id);

    const removal = await removeParticipant(cast.client, id, await participantId(id, cast.client, cast.viewer));
    expect(removal.errors).toBeUndefined();
    await waitFor(() => sub.completed, { what: 'the removed viewer’s upper-case subscription to end' });
    expect(t.app.events.subscriberCount).toBe(0);
  });

  it('a removal naming the proposal in upper case ends the subscriptions opened in another spelling', async () => {
    const cast = await makeCast(t.api);
    const id = cast.proposal.id;
    const sub = await subscribeLive(t, pool.connect({ token: cast.viewer.token }), mixed(id));
    const removal = await removeParticipant(
      cast.client,
      upper(id),
      upper(await participantId(id, cast.client, cast.viewer)),
    );
    expect(removal.errors).toBeUndefined();
    await waitFor(() => sub.completed, { what: 'the removed viewer’s subscription to end' });
  });

  it('queries and inputs take any spelling and answer in the canonical one', async () => {
    const cast = await readyCast(t);
    const id = cast.proposal.id;
    const read = await t.api.gql<{ proposal: { id: string } }>(
      'query($id: ID!) { proposal(id: $id) { id } }',
      { id: upper(id) },
      { token: cast.freelancer.token },
    );
    expect(read.data?.proposal.id).toBe(id);
    const inline = await t.api.gql<{ proposal: { id: string } }>(`{ proposal(id: "${mixed(id)}") { id } }`, undefined, {
      token: cast.freelancer.token,
    });
    expect(inline.data?.proposal.id).toBe(id);
    const version = await freezeOk(t, cast.client, mixed(id));
    expect((await readVersion(t, cast.freelancer, upper(version.id))).id).toBe(version.id);
    // An outsider gets the same answer in every spelling.
    const outsider = await t.api.gql(
      'query($id: ID!) { proposal(id: $id) { id } }',
      { id: upper(id) },
      {
        token: cast.outsider.token,
      },
    );
    expect(outsider.code).toBe('NOT_FOUND');
  });

  it('an id that is no UUID is NOT_FOUND, as it always was', async () => {
    const cast = await makeCast(t.api);
    for (const id of ['NOT-A-UUID', 'not-a-uuid', '42']) {
      const result = await t.api.gql(
        'query($id: ID!) { proposal(id: $id) { id } }',
        { id },
        {
          token: cast.client.token,
        },
      );
      expect(result.code).toBe('NOT_FOUND');
    }
  });

  it('an export under an upper-case version id downloads for participants and stays hidden from others', async () => {
    const cast = await readyCast(t);
    const version = await freezeOk(t, cast.client, cast.proposal.id);
    const get = (token: string) =>
      fetch(`${t.app.url}/export/versions/${upper(version.id)}.md`, { headers: { authorization: `Bearer ${token}` } });
    const ok = await get(cast.viewer.token);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain(version.contentHash);
    const hidden = await get(cast.outsider.token);
    expect(hidden.status).toBe(404);
    await hidden.body?.cancel();
  });
});
