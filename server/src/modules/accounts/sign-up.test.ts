import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/support/app.js';
import { makeProposal, makeUser } from '../../../../test/support/factories.js';

const SIGN_UP = 'mutation($input: SignUpInput!) { signUp(input: $input) { token user { id email name } } }';

const t = useTestApp();

describe('signUp', () => {
  it('creates an account with a normalised e-mail and returns a 256-bit token', async () => {
    const result = await t.api.gql(SIGN_UP, {
      input: { email: '  Ada@Example.TEST ', password: 'a long passphrase', name: ' Ada ' },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?.signUp.user).toMatchObject({ email: 'ada@example.test', name: 'Ada' });
    const token: string = result.data?.signUp.token;
    expect(Buffer.from(token.replace(/^blk_/, ''), 'base64url').length).toBeGreaterThanOrEqual(32);
  });

  it('stores only an argon2id hash of the password and a SHA-256 of the token', async () => {
    const user = await makeUser(t.api, { password: 'another long passphrase' });
    const { rows } = await t.db.query('select password_hash from users where id = $1', [user.id]);
    expect(rows[0].password_hash).toMatch(/^\$argon2id\$/);
    expect(rows[0].password_hash).not.toContain('another long passphrase');
    const sessions = await t.db.query('select token_hash from sessions where user_id = $1', [user.id]);
    expect(sessions.rows).toHaveLength(1);
    expect(sessions.rows[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(sessions.rows[0].token_hash).not.toBe(user.token);
  });

  it('answers a registered address exactly as a fresh one, and the new account claims nothing', async () => {
    const owner = await makeUser(t.api, { email: `grace-${Date.now()}@example.test`, name: 'Grace' });
    const proposal = await makeProposal(t.api, owner, 'Private plans');
    const fresh = await t.api.gql(SIGN_UP, {
      input: { email: `fresh-${Date.now()}@example.test`, password: 'a long passphrase', name: 'Grace' },
    });
    const taken = await t.api.gql(SIGN_UP, {
      input: { email: owner.email.toUpperCase(), password: 'a long passphrase', name: 'Grace' },
    });
    for (const result of [fresh, taken]) {
      expect(result.errors).toBeUndefined();
      expect(result.status).toBe(200);
    }
    const shape = (result: typeof fresh) => ({
      keys: Object.keys(result.data?.signUp ?? {}).sort(),
      userKeys: Object.keys(result.data?.signUp.user ?? {}).sort(),
      cookie: /^brieflock_session=blk_/.test(result.headers.get('set-cookie') ?? ''),
    });
    expect(shape(taken)).toEqual(shape(fresh));
    expect(taken.data?.signUp.user).toMatchObject({ email: owner.email, name: 'Grace' });
    expect(taken.data?.signUp.user.id).not.toBe(owner.id);

    // The second account sees none of the owner's proposals, and the owner signs in as before.
    const theirs = await t.api.gql('{ proposals { id } }', {}, { token: taken.data?.signUp.token });
    expect(theirs.data?.proposals).toEqual([]);
    expect(JSON.stringify(theirs.data)).not.toContain(proposal.id);
    const signIn = (password: string) =>
      t.api.gql('mutation($input: SignInInput!) { signIn(input: $input) { user { id } } }', {
        input: { email: owner.email, password },
      });
    expect((await signIn(owner.password)).data?.signIn.user.id).toBe(owner.id);
    // The newcomer's own password opens the newcomer's account, never the owner's.
    expect((await signIn('a long passphrase')).data?.signIn.user.id).toBe(taken.data?.signUp.user.id);
  });

  it('hashes the password of a sign-up with a registered address too', async () => {
    const owner = await makeUser(t.api);
    const taken = await t.api.gql(SIGN_UP, {
      input: { email: owner.email, password: 'yet another passphrase', name: 'Copy' },
    });
    const { rows } = await t.db.query('select password_hash from users where id = $1', [taken.data?.signUp.user.id]);
    expect(rows[0].password_hash).toMatch(/^\$argon2id\$/);
  });

  it.each([
    ['email', { email: 'not-an-email', password: 'a long passphrase', name: 'X' }],
    ['password', { email: 'short@example.test', password: 'short', name: 'X' }],
    ['name', { email: 'noname@example.test', password: 'a long passphrase', name: '   ' }],
    ['name', { email: 'nul@example.test', password: 'a long passphrase', name: 'Ada\u0000' }],
  ])('refuses an invalid %s with BAD_USER_INPUT naming it', async (field, input) => {
    const result = await t.api.gql(SIGN_UP, { input });
    expect(result.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.extensions?.field).toBe(field);
    expect(result.errors?.[0]?.message).toMatch(/^[A-Z"“].{9,}[.!?…)"”]$/);
    expect(result.errors?.[0]?.message).not.toMatch(new RegExp(`^${field}: `));
  });

  it('sets an httpOnly SameSite session cookie that authenticates the web client', async () => {
    const response = await fetch(`${t.app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: SIGN_UP,
        variables: { input: { email: 'cookie@example.test', password: 'a long passphrase', name: 'C' } },
      }),
    });
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^brieflock_session=blk_/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const me = await t.api.gql('{ me { email } }', {}, { cookie: cookie.split(';')[0] });
    expect(me.data?.me).toEqual({ email: 'cookie@example.test' });
  });
});
