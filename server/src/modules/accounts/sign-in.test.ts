import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/support/app.js';
import { makeUser, type TestUser } from '../../../../test/support/factories.js';

const SIGN_IN = 'mutation($input: SignInInput!) { signIn(input: $input) { token user { id email } } }';

const t = useTestApp();

const signIn = (email: string, password: string) => t.api.gql(SIGN_IN, { input: { email, password } });

const sessionCount = async (userId: string): Promise<number> => {
  const { rows } = await t.db.query('select count(*)::int as n from sessions where user_id = $1', [userId]);
  return rows[0].n;
};

describe('signIn', () => {
  it('signs in with the right password whatever the case and padding of the e-mail', async () => {
    const user = await makeUser(t.api, { email: `mixed-${randomBytes(3).toString('hex')}@example.test` });
    for (const typed of [user.email, user.email.toUpperCase(), `  ${user.email.replace('mixed', 'MiXeD')}  `]) {
      const result = await signIn(typed, user.password);
      expect(result.errors).toBeUndefined();
      expect(result.data?.signIn.user).toEqual({ id: user.id, email: user.email });
      const me = await t.api.gql('{ me { id } }', {}, { token: result.data?.signIn.token });
      expect(me.data?.me).toEqual({ id: user.id });
    }
  });

  it('answers a wrong password and an unknown e-mail with the same UNAUTHENTICATED error and starts no session', async () => {
    const user = await makeUser(t.api);
    const before = await sessionCount(user.id);
    const wrongPassword = await signIn(user.email, 'not the password');
    const unknownEmail = await signIn(`nobody-${randomBytes(3).toString('hex')}@example.test`, user.password);
    expect(wrongPassword.code).toBe('UNAUTHENTICATED');
    expect(unknownEmail.code).toBe('UNAUTHENTICATED');
    expect(wrongPassword.data).toBeNull();
    expect(wrongPassword.errors?.[0]?.message).toBe(unknownEmail.errors?.[0]?.message);
    expect(wrongPassword.errors?.[0]?.extensions).toEqual(unknownEmail.errors?.[0]?.extensions);
    expect(await sessionCount(user.id)).toBe(before);
  });

  it.each([
    ['an empty password', 'password', (user: TestUser) => ({ email: user.email, password: '' })],
    ['a malformed e-mail', 'email', (user: TestUser) => ({ email: 'not-an-email', password: user.password })],
    ['an empty e-mail', 'email', (user: TestUser) => ({ email: '', password: user.password })],
  ])('refuses %s with BAD_USER_INPUT naming the %s field', async (_what, field, build) => {
    const user = await makeUser(t.api);
    const result = await t.api.gql(SIGN_IN, { input: build(user) });
    expect(result.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.extensions?.field).toBe(field);
    expect(result.errors?.[0]?.message).toMatch(/^[A-Z"“].{9,}[.!?…)"”]$/);
    expect(result.errors?.[0]?.message).not.toMatch(new RegExp(`^${field}: `));
  });
});
