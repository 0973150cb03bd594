import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/support/app.js';
import { makeUser } from '../../../../test/support/factories.js';

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

  it('refuses an e-mail already taken in another case with CONFLICT naming the field', async () => {
    await makeUser(t.api, { email: 'grace@example.test' });
    const result = await t.api.gql(SIGN_UP, {
      input: { email: 'GRACE@example.TEST', password: 'a long passphrase', name: 'Grace' },
    });
    expect(result.code).toBe('CONFLICT');
    expect(result.errors?.[0]?.extensions?.field).toBe('email');
    const { rows } = await t.db.query("select count(*)::int as n from users where email = 'grace@example.test'");
    expect(rows[0].n).toBe(1);
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
    expect(result.errors?.[0]?.message).toMatch(new RegExp(`^${field}: `));
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
