import { afterEach, describe, expect, it } from 'vitest';
import { CloseCode } from '@brieflock/schema';
import { useTestApp } from '../../../../test/support/app.js';
import { connectPeer, synced } from '../../../../test/support/collab.js';
import { makeProposal, makeUser, type TestUser } from '../../../../test/support/factories.js';
import { waitFor } from '../../../../test/support/wait.js';

const t = useTestApp();
const peers: { destroy(): void }[] = [];
afterEach(() => {
  for (const peer of peers.splice(0)) peer.destroy();
});

const ME = '{ me { id } }';
const CHANGE = 'mutation($input: ChangePasswordInput!) { changePassword(input: $input) }';
const SIGN_IN = 'mutation($input: SignInInput!) { signIn(input: $input) { token } }';

/** Another session of `user`, through signIn. */
async function newSession(user: TestUser): Promise<string> {
  const result = await t.api.gql(SIGN_IN, { input: { email: user.email, password: user.password } });
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return result.data.signIn.token;
}

const signInWith = (email: string, password: string) => t.api.gql(SIGN_IN, { input: { email, password } });

describe('changePassword', () => {
  it("replaces the password and revokes the account's other sessions, closing their sockets; this one stays", async () => {
    const user = await makeUser(t.api);
    const bystander = await makeUser(t.api);
    const proposal = await makeProposal(t.api, user);
    const laptop = await newSession(user);
    const peer = connectPeer(t.app.url, proposal.id, laptop);
    peers.push(peer);
    await synced(peer);

    const result = await t.api.gql(
      CHANGE,
      { input: { currentPassword: user.password, newPassword: 'a brand new passphrase' } },
      { token: user.token },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.changePassword).toBe(true);

    expect((await t.api.gql(ME, {}, { token: user.token })).data?.me).toEqual({ id: user.id });
    expect((await t.api.gql(ME, {}, { token: laptop })).data?.me).toBeNull();
    await waitFor(() => peer.closeCodes.includes(CloseCode.UNAUTHENTICATED), {
      what: "the other session's collaboration socket to close",
    });
    expect((await t.api.gql(ME, {}, { token: bystander.token })).data?.me).toEqual({ id: bystander.id });

    expect((await signInWith(user.email, user.password)).code).toBe('UNAUTHENTICATED');
    expect((await signInWith(user.email, 'a brand new passphrase')).data?.signIn.token).toMatch(/^blk_/);
  });

  it('refuses a wrong current password with BAD_USER_INPUT on currentPassword and changes nothing', async () => {
    const user = await makeUser(t.api);
    const other = await newSession(user);
    const result = await t.api.gql(
      CHANGE,
      { input: { currentPassword: 'not my password', newPassword: 'a brand new passphrase' } },
      { token: user.token },
    );
    expect(result.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.extensions?.field).toBe('currentPassword');
    expect(result.errors?.[0]?.message).toBe('The current password is incorrect.');
    expect((await t.api.gql(ME, {}, { token: other })).data?.me).toEqual({ id: user.id });
    expect((await signInWith(user.email, user.password)).data?.signIn.token).toMatch(/^blk_/);
  });

  it('counts wrong current passwords as failed sign-ins: past the free failures it is RATE_LIMITED', async () => {
    const user = await makeUser(t.api);
    const codes: string[] = [];
    for (let attempt = 0; attempt < 6; attempt += 1) {
      const result = await t.api.gql(
        CHANGE,
        { input: { currentPassword: `guess ${attempt}`, newPassword: 'a brand new passphrase' } },
        { token: user.token },
      );
      codes.push(result.code ?? 'OK');
    }
    expect(codes.slice(0, 4)).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT', 'BAD_USER_INPUT', 'BAD_USER_INPUT']);
    expect(codes).toContain('RATE_LIMITED');
    // The sign-in form shares the count: the right password waits too.
    expect((await signInWith(user.email, user.password)).code).toBe('RATE_LIMITED');
  });

  it.each([
    ['newPassword', { currentPassword: 'correct horse battery', newPassword: 'short' }],
    ['currentPassword', { currentPassword: '', newPassword: 'a brand new passphrase' }],
  ])('refuses an invalid %s with BAD_USER_INPUT naming it', async (field, input) => {
    const user = await makeUser(t.api, { password: 'correct horse battery' });
    const result = await t.api.gql(CHANGE, { input }, { token: user.token });
    expect(result.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.extensions?.field).toBe(field);
  });

  it('needs a session: UNAUTHENTICATED without one', async () => {
    const result = await t.api.gql(CHANGE, {
      input: { currentPassword: 'correct horse battery', newPassword: 'a brand new passphrase' },
    });
    expect(result.code).toBe('UNAUTHENTICATED');
  });
});
