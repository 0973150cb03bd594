import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '@brieflock/schema';
import { useTestApp } from '../../../../test/support/app.js';
import { makeUser, type TestUser } from '../../../../test/support/factories.js';

const SIGN_IN = 'mutation($input: SignInInput!) { signIn(input: $input) { token user { id email } } }';

const t = useTestApp();

const signIn = (email: string, password: string) => t.api.gql(SIGN_IN, { input: { email, password } });

/** Fails to sign in `count` times, one after the other, and checks each was an ordinary refusal. */
async function failSignIns(email: string, count: number): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    const result = await signIn(email, 'not the password');
    expect(result.code).toBe('UNAUTHENTICATED');
  }
}

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
    expect(result.errors?.[0]?.message).toMatch(new RegExp(`^${field}: `));
  });
});

describe('signIn throttling', () => {
  it(`locks an e-mail after ${LIMITS.signInMaxFailures} failures, even for the right password, with retryAfterSeconds`, async () => {
    const user = await makeUser(t.api);
    await failSignIns(user.email, LIMITS.signInMaxFailures);
    const before = await sessionCount(user.id);

    const locked = await signIn(user.email.toUpperCase(), user.password);
    expect(locked.code).toBe('RATE_LIMITED');
    expect(locked.data).toBeNull();
    const retryAfter = locked.errors?.[0]?.extensions?.retryAfterSeconds;
    expect(typeof retryAfter).toBe('number');
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(LIMITS.signInLockSeconds);
    expect(await sessionCount(user.id)).toBe(before);
  });

  it('keeps other e-mails signing in while one is locked', async () => {
    const locked = await makeUser(t.api);
    const other = await makeUser(t.api);
    await failSignIns(locked.email, LIMITS.signInMaxFailures);
    expect((await signIn(locked.email, locked.password)).code).toBe('RATE_LIMITED');

    const result = await signIn(other.email, other.password);
    expect(result.errors).toBeUndefined();
    expect(result.data?.signIn.user.id).toBe(other.id);
  });

  it('does not lock an e-mail one failure short of the limit', async () => {
    const user = await makeUser(t.api);
    await failSignIns(user.email, LIMITS.signInMaxFailures - 1);
    const result = await signIn(user.email, user.password);
    expect(result.errors).toBeUndefined();
    expect(result.data?.signIn.user.id).toBe(user.id);
  });

  it('counts failures that arrive at the same time', async () => {
    const user = await makeUser(t.api);
    const results = await Promise.all(
      Array.from({ length: LIMITS.signInMaxFailures }, () => signIn(user.email, 'not the password')),
    );
    expect(results.map((result) => result.code)).toEqual(Array(LIMITS.signInMaxFailures).fill('UNAUTHENTICATED'));
    expect((await signIn(user.email, user.password)).code).toBe('RATE_LIMITED');
  });

  it('lets no more than the limit of guesses through when they all arrive at once', async () => {
    const user = await makeUser(t.api);
    const burst = LIMITS.signInMaxFailures * 4;
    const results = await Promise.all(Array.from({ length: burst }, () => signIn(user.email, 'not the password')));
    const codes = results.map((result) => result.code);
    expect(codes.filter((code) => code === 'UNAUTHENTICATED')).toHaveLength(LIMITS.signInMaxFailures);
    expect(codes.filter((code) => code === 'RATE_LIMITED')).toHaveLength(burst - LIMITS.signInMaxFailures);
    expect((await signIn(user.email, user.password)).code).toBe('RATE_LIMITED');
  });

  it('locks an unknown e-mail the same way, so the lock does not reveal which e-mails have accounts', async () => {
    const email = `ghost-${randomBytes(3).toString('hex')}@example.test`;
    await failSignIns(email, LIMITS.signInMaxFailures);
    const result = await signIn(email, 'any password at all');
    expect(result.code).toBe('RATE_LIMITED');
    expect(result.errors?.[0]?.extensions?.retryAfterSeconds).toEqual(expect.any(Number));
  });

  it('starts counting again after a successful sign-in', async () => {
    const user = await makeUser(t.api);
    await failSignIns(user.email, LIMITS.signInMaxFailures - 1);
    expect((await signIn(user.email, user.password)).errors).toBeUndefined();
    const { rows } = await t.db.query('select count(*)::int as n from sign_in_failures where email = $1', [user.email]);
    expect(rows[0].n).toBe(0);

    // Without the reset these would make 2 × (limit − 1) failures in one window: locked.
    await failSignIns(user.email, LIMITS.signInMaxFailures - 1);
    const result = await signIn(user.email, user.password);
    expect(result.errors).toBeUndefined();
    expect(result.data?.signIn.user.id).toBe(user.id);
  });

  it('lets the right password in again once the lock has passed, and counts afresh', async () => {
    const user = await makeUser(t.api);
    await failSignIns(user.email, LIMITS.signInMaxFailures);
    expect((await signIn(user.email, user.password)).code).toBe('RATE_LIMITED');

    // What the clock would do: the lock ends, and the window it started in is long over.
    await t.db.query(
      `update sign_in_failures
          set locked_until = now() - interval '1 second',
              window_started_at = now() - make_interval(secs => $2::int + 1)
        where email = $1`,
      [user.email, LIMITS.signInFailureWindowSeconds + LIMITS.signInLockSeconds],
    );

    // A single new failure is not enough to lock it again.
    await failSignIns(user.email, 1);
    const result = await signIn(user.email, user.password);
    expect(result.errors).toBeUndefined();
    expect(result.data?.signIn.user.id).toBe(user.id);
  });
});
