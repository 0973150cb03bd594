import { afterEach, describe, expect, it } from 'vitest';
import { CloseCode } from '@brieflock/schema';
import { useTestApp } from '../../../../test/support/app.js';
import { connectPeer, synced } from '../../../../test/support/collab.js';
import { makeProposal, makeUser, type TestUser } from '../../../../test/support/factories.js';
import { clientPool, PROPOSAL_EVENTS } from '../../../../test/support/subscriptions.js';
import { waitFor } from '../../../../test/support/wait.js';

const t = useTestApp();
const pool = clientPool(() => t);
afterEach(() => pool.disposeAll());

const ME = '{ me { id } }';

/** Another session of `user`, through signIn. */
async function newSession(user: TestUser): Promise<string> {
  const result = await t.api.gql('mutation($input: SignInInput!) { signIn(input: $input) { token } }', {
    input: { email: user.email, password: user.password },
  });
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return result.data.signIn.token;
}

describe('signOutEverywhere', () => {
  it("revokes every session of the account, this one included, and closes their sockets; nobody else's", async () => {
    const user = await makeUser(t.api);
    const bystander = await makeUser(t.api);
    const proposal = await makeProposal(t.api, user);
    const laptop = await newSession(user);
    const phone = await newSession(user);

    const peer = connectPeer(t.app.url, proposal.id, laptop);
    const connection = pool.connect({ token: phone });
    const sub = connection.subscribe(PROPOSAL_EVENTS, { proposalId: proposal.id });
    try {
      await synced(peer);
      await waitFor(() => t.app.events.subscriberCount > 0, { what: 'the subscription to start' });

      const result = await t.api.gql('mutation { signOutEverywhere }', {}, { token: user.token });
      expect(result.errors).toBeUndefined();
      expect(result.data?.signOutEverywhere).toBe(3);
      expect(result.headers.get('set-cookie') ?? '').toMatch(/^brieflock_session=;/);

      for (const token of [user.token, laptop, phone]) {
        const refused = await t.api.gql(ME, {}, { token });
        expect(refused.data?.me).toBeNull();
      }
      await waitFor(() => peer.closeCodes.includes(CloseCode.UNAUTHENTICATED), {
        what: 'the collaboration socket to close',
      });
      await waitFor(() => sub.completed || sub.failure !== undefined || connection.closes.length > 0, {
        what: 'the subscription to end',
      });
      expect((await t.api.gql(ME, {}, { token: bystander.token })).data?.me).toEqual({ id: bystander.id });
    } finally {
      peer.destroy();
    }
  });

  it('needs a session: UNAUTHENTICATED without one', async () => {
    const result = await t.api.gql('mutation { signOutEverywhere }');
    expect(result.code).toBe('UNAUTHENTICATED');
  });
});
