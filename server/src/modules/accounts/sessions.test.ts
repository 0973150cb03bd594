import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/support/app.js';
import { makeUser, type TestUser } from '../../../../test/support/factories.js';

const ME = '{ me { id email } }';
const PROPOSALS = '{ proposals { id } }';
const SIGN_OUT = 'mutation { signOut }';
const SIGN_IN = 'mutation($input: SignInInput!) { signIn(input: $input) { token } }';

const t = useTestApp();

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/** A further session for an existing user. */
async function newSession(user: TestUser): Promise<string> {
  const result = await t.api.gql(SIGN_IN, { input: { email: user.email, password: user.password } });
  if (!result.data?.signIn) throw new Error(`signIn failed: ${JSON.stringify(result.errors)}`);
  return result.data.signIn.token;
}

/** Sends a GraphQL request with a raw Authorization header. */
const withAuthorization = (query: string, authorization: string) =>
  t.api.gql(query, {}, { headers: { authorization } });

describe('sessions', () => {
  it('me returns the user for a valid Bearer token, also with a lower-case scheme', async () => {
    const user = await makeUser(t.api);
    const result = await t.api.gql(ME, {}, { token: user.token });
    expect(result.errors).toBeUndefined();
    expect(result.data?.me).toEqual({ id: user.id, email: user.email });
    const lower = await withAuthorization(ME, `bearer ${user.token}`);
    expect(lower.data?.me).toEqual({ id: user.id, email: user.email });
  });

  it('me is null without a token, and that is not an error', async () => {
    const result = await t.api.gql(ME);
    expect(result.status).toBe(200);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ me: null });
  });

  it('an expired session gives a null me and UNAUTHENTICATED about expiry, while a live one keeps working', async () => {
    const user = await makeUser(t.api);
    const expiring = await newSession(user);
    const { rowCount } = await t.db.query(
      "update sessions set expires_at = now() - interval '1 second' where token_hash = $1",
      [tokenHash(expiring)],
    );
    expect(rowCount).toBe(1);

    const me = await t.api.gql(ME, {}, { token: expiring });
    expect(me.errors).toBeUndefined();
    expect(me.data?.me).toBeNull();
    const proposals = await t.api.gql(PROPOSALS, {}, { token: expiring });
    expect(proposals.code).toBe('UNAUTHENTICATED');
    expect(proposals.errors?.[0]?.message).toMatch(/expired/i);

    const live = await t.api.gql(PROPOSALS, {}, { token: user.token });
    expect(live.errors).toBeUndefined();
    expect(live.data?.proposals).toEqual([]);
  });

  it('signOut revokes only its own session and clears the cookie', async () => {
    const user = await makeUser(t.api);
    const other = await newSession(user);

    const signOut = await t.api.gql(SIGN_OUT, {}, { token: user.token });
    expect(signOut.errors).toBeUndefined();
    expect(signOut.data).toEqual({ signOut: true });
    const cookie = signOut.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^brieflock_session=;/);
    expect(cookie).toMatch(/Expires=Thu, 01 Jan 1970 00:00:00 GMT/);
    expect(cookie).toMatch(/HttpOnly/);

    const refused = await t.api.gql(PROPOSALS, {}, { token: user.token });
    expect(refused.code).toBe('UNAUTHENTICATED');
    expect(refused.errors?.[0]?.message).toMatch(/signed out/i);
    expect((await t.api.gql(ME, {}, { token: user.token })).data?.me).toBeNull();

    const stillIn = await t.api.gql(PROPOSALS, {}, { token: other });
    expect(stillIn.errors).toBeUndefined();
    expect((await t.api.gql(ME, {}, { token: other })).data?.me).toEqual({ id: user.id, email: user.email });

    const { rows } = await t.db.query('select token_hash, revoked_at from sessions where user_id = $1', [user.id]);
    const revoked = Object.fromEntries(rows.map((row) => [row.token_hash, row.revoked_at !== null]));
    expect(revoked).toEqual({ [tokenHash(user.token)]: true, [tokenHash(other)]: false });
  });

  it('signOut with a session cookie revokes that cookie session', async () => {
    const user = await makeUser(t.api);
    const cookieSession = await newSession(user);
    const cookie = `brieflock_session=${cookieSession}`;
    expect((await t.api.gql(ME, {}, { cookie })).data?.me?.id).toBe(user.id);

    const signOut = await t.api.gql(SIGN_OUT, {}, { cookie });
    expect(signOut.data).toEqual({ signOut: true });
    expect(signOut.headers.get('set-cookie')).toMatch(/Expires=Thu, 01 Jan 1970/);
    expect((await t.api.gql(PROPOSALS, {}, { cookie })).code).toBe('UNAUTHENTICATED');
    expect((await t.api.gql(PROPOSALS, {}, { token: user.token })).errors).toBeUndefined();
  });

  it('signOut refuses a second time with the same token', async () => {
    const user = await makeUser(t.api);
    expect((await t.api.gql(SIGN_OUT, {}, { token: user.token })).data).toEqual({ signOut: true });
    const again = await t.api.gql(SIGN_OUT, {}, { token: user.token });
    expect(again.code).toBe('UNAUTHENTICATED');
  });

  it('signOut without a session is UNAUTHENTICATED and clears no cookie', async () => {
    const result = await t.api.gql(SIGN_OUT);
    expect(result.code).toBe('UNAUTHENTICATED');
    expect(result.data).toBeNull();
    expect(result.headers.get('set-cookie')).toBeNull();
  });

  describe('refuses tokens that do not authenticate, without crashing', () => {
    let user: TestUser;
    beforeAll(async () => {
      user = await makeUser(t.api);
    });

    it.each<[string, () => string]>([
      ['a garbage token', () => 'Bearer not-a-real-token'],
      ['a well-formed token that was never issued', () => `Bearer blk_${'A'.repeat(43)}`],
      ['an over-long token', () => `Bearer blk_${'x'.repeat(8_000)}`],
      ['a valid token with a suffix', () => `Bearer ${user.token}x`],
      ['a header with the Bearer scheme and no token', () => 'Bearer'],
      ['a header with two words after Bearer', () => `Bearer ${user.token} extra`],
      [
        'a header with another scheme',
        () => `Basic ${Buffer.from(`${user.email}:${user.password}`).toString('base64')}`,
      ],
      ['a bare token without a scheme', () => user.token],
    ])('%s', async (_what, header) => {
      const proposals = await withAuthorization(PROPOSALS, header());
      expect(proposals.status).toBe(200);
      expect(proposals.code).toBe('UNAUTHENTICATED');
      expect(proposals.data).toBeNull();
      const signOut = await withAuthorization(SIGN_OUT, header());
      expect(signOut.code).toBe('UNAUTHENTICATED');
      const me = await withAuthorization(ME, header());
      expect(me.errors).toBeUndefined();
      expect(me.data).toEqual({ me: null });
    });

    it("leaves the user's real token working after all of them", async () => {
      const result = await t.api.gql(ME, {}, { token: user.token });
      expect(result.data?.me).toEqual({ id: user.id, email: user.email });
      const { rows } = await t.db.query(
        'select count(*)::int as n from sessions where user_id = $1 and revoked_at is not null',
        [user.id],
      );
      expect(rows[0].n).toBe(0);
    });
  });
});
