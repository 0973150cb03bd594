import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/support/app.js';
import { addParticipant, makeProposal, makeUser } from '../../../../test/support/factories.js';
import { PASSKEY_FIELDS, registerPasskey } from '../../../../test/support/passkeys.js';
import { pageOriginOf, SoftwareAuthenticator } from '../../../../test/support/webauthn.js';

const t = useTestApp();

const START_SIGN_IN = 'mutation($email: String) { startPasskeySignIn(email: $email) }';
const FINISH_SIGN_IN =
  'mutation($response: JSON!) { finishPasskeySignIn(response: $response) { token user { id email } } }';
const FINISH_REGISTRATION = `mutation($response: JSON!, $name: String) { finishPasskeyRegistration(response: $response, name: $name) { ${PASSKEY_FIELDS} } }`;

async function startSignIn(email: string | null = null) {
  const started = await t.api.gql(START_SIGN_IN, { email });
  expect(started.errors).toBeUndefined();
  return started.data!.startPasskeySignIn;
}

describe('registering a passkey', () => {
  it('asks for a verified, discoverable credential of this RP and keeps the key as SPKI', async () => {
    const user = await makeUser(t.api);
    const started = await t.api.gql('mutation { startPasskeyRegistration }', {}, { token: user.token });
    const options = started.data!.startPasskeyRegistration;
    expect(options.rp).toEqual({ id: 'localhost', name: 'Brieflock' });
    expect(options.authenticatorSelection).toMatchObject({ residentKey: 'required', userVerification: 'required' });
    expect(options.attestation).toBe('none');
    expect(options.challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Only the challenge's SHA-256 is stored.
    const { rows } = await t.db.query('select challenge_hash from webauthn_challenges where user_id = $1', [user.id]);
    expect(rows).toHaveLength(1);
    expect(rows[0].challenge_hash).not.toContain(options.challenge);

    const authenticator = new SoftwareAuthenticator(pageOriginOf(t.app.url));
    const finished = await t.api.gql(
      FINISH_REGISTRATION,
      { response: authenticator.register(options), name: '  Work laptop ' },
      { token: user.token },
    );
    expect(finished.errors).toBeUndefined();
    expect(finished.data!.finishPasskeyRegistration).toMatchObject({ name: 'Work laptop', lastUsedAt: null });
    const stored = await t.db.query('select public_key, algorithm, credential_id from passkeys where user_id = $1', [
      user.id,
    ]);
    expect(stored.rows[0]).toEqual({
      public_key: authenticator.publicKey.export({ type: 'spki', format: 'der' }).toString('base64url'),
      algorithm: -7,
      credential_id: authenticator.id,
    });
    // The next registration excludes it.
    const again = await t.api.gql('mutation { startPasskeyRegistration }', {}, { token: user.token });
    expect(again.data!.startPasskeyRegistration.excludeCredentials).toEqual([
      { id: authenticator.id, type: 'public-key', transports: ['internal'] },
    ]);
  });

  it('refuses a replayed registration, another user’s challenge, another origin and an unverified user', async () => {
    const user = await makeUser(t.api);
    const other = await makeUser(t.api);
    const started = await t.api.gql('mutation { startPasskeyRegistration }', {}, { token: user.token });
    const response = new SoftwareAuthenticator(pageOriginOf(t.app.url)).register(
      started.data!.startPasskeyRegistration,
    );
    // Another account cannot finish this user's ceremony (and that spends the challenge).
    const stolen = await t.api.gql(FINISH_REGISTRATION, { response }, { token: other.token });
    expect(stolen.code).toBe('BAD_USER_INPUT');
    const replayed = await t.api.gql(FINISH_REGISTRATION, { response }, { token: user.token });
    expect(replayed.code).toBe('BAD_USER_INPUT');

    const fresh = async (authenticator: SoftwareAuthenticator) => {
      const options = (await t.api.gql('mutation { startPasskeyRegistration }', {}, { token: user.token })).data!
        .startPasskeyRegistration;
      return t.api.gql(FINISH_REGISTRATION, { response: authenticator.register(options) }, { token: user.token });
    };
    const foreign = await fresh(new SoftwareAuthenticator('https://evil.example'));
    expect(foreign.code).toBe('BAD_USER_INPUT');
    expect(foreign.errors![0]!.message).toMatch(/origin/i);
    const unverified = new SoftwareAuthenticator(pageOriginOf(t.app.url));
    unverified.userVerified = false;
    expect((await fresh(unverified)).code).toBe('BAD_USER_INPUT');
    const { rows } = await t.db.query('select count(*)::int as n from passkeys where user_id = $1', [user.id]);
    expect(rows[0].n).toBe(0);
    // Signed out, nothing starts.
    expect((await t.api.gql('mutation { startPasskeyRegistration }')).code).toBe('UNAUTHENTICATED');
  });
});

describe('signing in with a passkey', () => {
  it('starts a passkey session without revealing accounts, and refuses the same assertion replayed', async () => {
    const user = await makeUser(t.api);
    const { authenticator } = await registerPasskey(t.api, user);
    const options = await startSignIn();
    expect(options).toMatchObject({ rpId: 'localhost', userVerification: 'required' });
    expect(options.allowCredentials ?? []).toEqual([]);
    // An unknown e-mail gets the same shape of options as a known one.
    expect(Object.keys(await startSignIn('nobody@example.test')).sort()).toEqual(Object.keys(options).sort());

    const response = authenticator.assert(options);
    const signedIn = await t.api.gql(FINISH_SIGN_IN, { response });
    expect(signedIn.errors).toBeUndefined();
    expect(signedIn.data!.finishPasskeySignIn.user).toEqual({ id: user.id, email: user.email });
    expect(signedIn.headers.get('set-cookie')).toMatch(/HttpOnly/i);
    const me = await t.api.gql(
      '{ me { id passkeys { id lastUsedAt } } }',
      {},
      { token: signedIn.data!.finishPasskeySignIn.token },
    );
    expect(me.data!.me.id).toBe(user.id);
    expect(me.data!.me.passkeys[0].lastUsedAt).not.toBeNull();
    const { rows } = await t.db.query(
      "select count(*)::int as n from sessions where user_id = $1 and method = 'passkey'",
      [user.id],
    );
    expect(rows[0].n).toBe(1);

    const replayed = await t.api.gql(FINISH_SIGN_IN, { response });
    expect(replayed.code).toBe('UNAUTHENTICATED');
    expect(replayed.data).toBeNull();
  });

  it('refuses an unverified user, a bad signature, an unknown key, another account’s e-mail and an expired challenge', async () => {
    const user = await makeUser(t.api);
    const other = await makeUser(t.api);
    const { authenticator } = await registerPasskey(t.api, user);

    authenticator.userVerified = false;
    expect((await t.api.gql(FINISH_SIGN_IN, { response: authenticator.assert(await startSignIn()) })).code).toBe(
      'UNAUTHENTICATED',
    );
    authenticator.userVerified = true;

    const tampered = authenticator.assert(await startSignIn());
    tampered.response.signature = new SoftwareAuthenticator(authenticator.origin).assert(
      await startSignIn(),
    ).response.signature;
    expect((await t.api.gql(FINISH_SIGN_IN, { response: tampered })).code).toBe('UNAUTHENTICATED');

    const stranger = new SoftwareAuthenticator(authenticator.origin);
    expect((await t.api.gql(FINISH_SIGN_IN, { response: stranger.assert(await startSignIn()) })).code).toBe(
      'UNAUTHENTICATED',
    );

    const forOther = await startSignIn(other.email);
    expect((await t.api.gql(FINISH_SIGN_IN, { response: authenticator.assert(forOther) })).code).toBe(
      'UNAUTHENTICATED',
    );
    const forUser = await startSignIn(user.email.toUpperCase());
    expect((await t.api.gql(FINISH_SIGN_IN, { response: authenticator.assert(forUser) })).errors).toBeUndefined();

    const expiring = await startSignIn();
    await t.db.query("update webauthn_challenges set expires_at = now() - interval '1 second'");
    expect((await t.api.gql(FINISH_SIGN_IN, { response: authenticator.assert(expiring) })).code).toBe(
      'UNAUTHENTICATED',
    );

    expect((await t.api.gql(FINISH_SIGN_IN, { response: { id: 'x' } })).code).toBe('BAD_USER_INPUT');
  });
});

describe('managing passkeys', () => {
  it('lists, renames and removes only the account’s own passkeys; a removed one no longer signs in', async () => {
    const user = await makeUser(t.api);
    const other = await makeUser(t.api);
    const first = await registerPasskey(t.api, user, 'Phone');
    await registerPasskey(t.api, user);
    const list = async (token: string) =>
      (await t.api.gql(`{ me { passkeys { ${PASSKEY_FIELDS} } } }`, {}, { token })).data!.me.passkeys;
    expect((await list(user.token)).map((passkey: { name: string }) => passkey.name)).toEqual(['Phone', 'Passkey 2']);
    expect(await list(other.token)).toEqual([]);

    const rename = (token: string, id: string, name: string) =>
      t.api.gql(
        'mutation($id: ID!, $name: String!) { renamePasskey(id: $id, name: $name) { id name } }',
        { id, name },
        { token },
      );
    expect((await rename(other.token, first.passkey.id, 'Mine now')).code).toBe('NOT_FOUND');
    expect((await rename(user.token, first.passkey.id, ' ')).code).toBe('BAD_USER_INPUT');
    expect((await rename(user.token, first.passkey.id.toUpperCase(), 'Old phone')).data!.renamePasskey.name).toBe(
      'Old phone',
    );

    const remove = (token: string, id: string) =>
      t.api.gql('mutation($id: ID!) { removePasskey(id: $id) }', { id }, { token });
    expect((await remove(other.token, first.passkey.id)).code).toBe('NOT_FOUND');
    expect((await remove(user.token, first.passkey.id)).data!.removePasskey).toBe(true);
    expect((await list(user.token)).map((passkey: { name: string }) => passkey.name)).toEqual(['Passkey 2']);
    expect((await t.api.gql(FINISH_SIGN_IN, { response: first.authenticator.assert(await startSignIn()) })).code).toBe(
      'UNAUTHENTICATED',
    );
    // The row stays, key unchanged: the database refuses to delete it or swap its key.
    await expect(t.db.query('delete from passkeys where id = $1', [first.passkey.id])).rejects.toThrow(/never deleted/);
    await expect(
      t.db.query("update passkeys set public_key = 'AAAA' where id = $1", [first.passkey.id]),
    ).rejects.toThrow(/keeps its key/);
  });

  it('shows no one else’s passkeys, not even a fellow participant’s', async () => {
    const client = await makeUser(t.api);
    const freelancer = await makeUser(t.api);
    await registerPasskey(t.api, freelancer);
    const proposal = await makeProposal(t.api, client);
    expect((await addParticipant(t.api, client, proposal.id, freelancer.email, 'FREELANCER')).errors).toBeUndefined();
    const result = await t.api.gql(
      'query($id: ID!) { proposal(id: $id) { participants { user { id passkeys { id } } } } }',
      { id: proposal.id },
      { token: client.token },
    );
    expect(result.code).toBe('FORBIDDEN');
    expect(JSON.stringify(result.data)).not.toMatch(/passkeys":\[\{/);
  });
});
