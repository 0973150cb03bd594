import { randomBytes, randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootApp, useTestApp } from '../../../../test/support/app.js';
import { DURATIONS } from '../../../../test/support/durations.js';
import { makeUser } from '../../../../test/support/factories.js';
import type { Api, GraphQLResult } from '../../../../test/support/graphql.js';
import { waitFor } from '../../../../test/support/wait.js';
import type { App } from '../../app.js';
import type { SignInThrottleOptions } from './throttle.js';

const SIGN_IN = 'mutation($input: SignInInput!) { signIn(input: $input) { token user { id } } }';

/** Delays long enough that no test outlives one by accident; time passes by moving the rows' clocks. */
const HOUR = 60 * 60_000;
const LONG: SignInThrottleOptions = {
  pairFreeFailures: 3,
  pairBaseDelayMs: 60_000,
  pairMaxDelayMs: HOUR,
  clientFreeFailures: 6,
  clientBaseDelayMs: 60_000,
  clientMaxDelayMs: HOUR,
  addressFreeFailures: 8,
  addressDelayMs: 60_000,
  forgetAfterMs: HOUR,
};

/** A client address of its own for each call, sent as X-Forwarded-For (the app trusts the proxy). */
const newIp = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
const newEmail = (what: string) => `${what}-${randomBytes(4).toString('hex')}@example.test`;

const signInFrom = (api: Api, ip: string, email: string, password: string) =>
  api.gql(SIGN_IN, { input: { email, password } }, { headers: { 'x-forwarded-for': ip } });

const retryAfterMs = (result: GraphQLResult): number => result.errors?.[0]?.extensions?.retryAfterMs as number;

describe('sign-in throttling', () => {
  const t = useTestApp({ TRUST_PROXY: '1' }, { signInThrottle: LONG });
  const signIn = (ip: string, email: string, password: string) => signInFrom(t.api, ip, email, password);

  /** `count` wrong guesses from `ip` at `email`, one after the other; their codes. */
  async function guess(ip: string, email: string, count: number): Promise<(string | undefined)[]> {
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < count; i += 1) codes.push((await signIn(ip, email, 'not the password')).code);
    return codes;
  }

  /** What the clock would do: every block under `key` has passed. */
  const passBlock = (key: string) =>
    t.db.query(`update sign_in_throttles set blocked_until = now() - interval '1 second' where key = $1`, [key]);

  it('lets the owner in from another client after seven wrong guesses at their address', async () => {
    const owner = await makeUser(t.api);
    const codes = await guess(newIp(), owner.email, 7);
    expect(codes.slice(0, LONG.pairFreeFailures)).toEqual(Array(LONG.pairFreeFailures).fill('UNAUTHENTICATED'));
    expect(codes.slice(LONG.pairFreeFailures)).toEqual(Array(7 - LONG.pairFreeFailures).fill('RATE_LIMITED'));

    const result = await signIn(newIp(), owner.email, owner.password);
    expect(result.errors).toBeUndefined();
    expect(result.data?.signIn.user.id).toBe(owner.id);
  });

  it('refuses the guessing client with RATE_LIMITED and a retry-after that doubles with each failure', async () => {
    const owner = await makeUser(t.api);
    const ip = newIp();
    await guess(ip, owner.email, LONG.pairFreeFailures);
    const refused = await signIn(ip, owner.email, owner.password);
    expect(refused.code).toBe('RATE_LIMITED');
    expect(refused.data).toBeNull();
    expect(refused.errors?.[0]?.extensions?.retryAfterSeconds).toBe(Math.ceil(retryAfterMs(refused) / 1000));
    expect(retryAfterMs(refused)).toBeGreaterThan(LONG.pairBaseDelayMs / 2);
    expect(retryAfterMs(refused)).toBeLessThanOrEqual(LONG.pairBaseDelayMs);

    await passBlock(`pair:${ip} ${owner.email}`);
    expect(await guess(ip, owner.email, 1)).toEqual(['UNAUTHENTICATED']);
    const longer = await signIn(ip, owner.email, owner.password);
    expect(longer.code).toBe('RATE_LIMITED');
    expect(retryAfterMs(longer)).toBeGreaterThan(LONG.pairBaseDelayMs);
    expect(retryAfterMs(longer)).toBeLessThanOrEqual(2 * LONG.pairBaseDelayMs);
  });

  it('stops one client spraying a password over thirty addresses', async () => {
    const ip = newIp();
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < 30; i += 1) codes.push(...(await guess(ip, newEmail('sprayed'), 1)));
    expect(codes.slice(0, LONG.clientFreeFailures)).toEqual(Array(LONG.clientFreeFailures).fill('UNAUTHENTICATED'));
    expect(codes.slice(LONG.clientFreeFailures)).toEqual(Array(30 - LONG.clientFreeFailures).fill('RATE_LIMITED'));

    // Another client is not held up by it.
    const other = await makeUser(t.api);
    expect((await signIn(newIp(), other.email, other.password)).errors).toBeUndefined();
  });

  it('lets no more than the free guesses through when they arrive all at once', async () => {
    const owner = await makeUser(t.api);
    const ip = newIp();
    const burst = 20;
    const results = await Promise.all(Array.from({ length: burst }, () => signIn(ip, owner.email, 'not the password')));
    const codes = results.map((result) => result.code);
    expect(codes.filter((code) => code === 'UNAUTHENTICATED')).toHaveLength(LONG.pairFreeFailures);
    expect(codes.filter((code) => code === 'RATE_LIMITED')).toHaveLength(burst - LONG.pairFreeFailures);
  });

  it('does not let a client wipe its record by signing in to its own account between guesses', async () => {
    const own = await makeUser(t.api);
    const ip = newIp();
    for (let i = 0; i < LONG.clientFreeFailures - 1; i += 1) {
      expect(await guess(ip, newEmail('target'), 1)).toEqual(['UNAUTHENTICATED']);
      expect((await signIn(ip, own.email, own.password)).errors).toBeUndefined();
    }
    expect(await guess(ip, newEmail('target'), 2)).toEqual(['UNAUTHENTICATED', 'RATE_LIMITED']);
  });

  it('throttles an unknown address exactly like a registered one', async () => {
    const ip = newIp();
    const ghost = await guess(ip, newEmail('ghost'), LONG.pairFreeFailures + 1);
    const owner = await makeUser(t.api);
    const real = await guess(newIp(), owner.email, LONG.pairFreeFailures + 1);
    expect(ghost).toEqual(real);
  });

  describe('on a second instance', () => {
    let second: { app: App; api: Api };
    beforeAll(async () => {
      second = await bootApp(t.db.url, { TRUST_PROXY: '1' }, { signInThrottle: LONG });
    });
    afterAll(async () => {
      await second?.app.close();
    });

    it('refuses a client that used up its guesses on the first', async () => {
      const owner = await makeUser(t.api);
      const ip = newIp();
      await guess(ip, owner.email, LONG.pairFreeFailures);
      const result = await signInFrom(second.api, ip, owner.email, owner.password);
      expect(result.code).toBe('RATE_LIMITED');
      expect((await signInFrom(second.api, newIp(), owner.email, owner.password)).errors).toBeUndefined();
    });
  });
});

describe('sign-in throttling of an address guessed at from many clients', () => {
  const delay = DURATIONS.signInAddressDelayMs;
  const t = useTestApp({ TRUST_PROXY: '1' }, { signInThrottle: { ...LONG, addressDelayMs: delay } });

  it('slows the guessers but never keeps the right password out for longer than the short delay', async () => {
    const owner = await makeUser(t.api);
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < LONG.addressFreeFailures + 4; i += 1)
      codes.push((await signInFrom(t.api, newIp(), owner.email, 'not the password')).code);
    expect(codes.slice(0, LONG.addressFreeFailures)).toEqual(Array(LONG.addressFreeFailures).fill('UNAUTHENTICATED'));
    expect(codes).toContain('RATE_LIMITED');

    const ownerIp = newIp();
    const signedIn = await waitFor(
      async () => {
        const result = await signInFrom(t.api, ownerIp, owner.email, owner.password);
        if (result.code === 'RATE_LIMITED') {
          expect(retryAfterMs(result)).toBeLessThanOrEqual(delay);
          return null;
        }
        return result;
      },
      { timeoutMs: delay * 4 + 5_000, intervalMs: 50, what: 'the owner signed in' },
    );
    expect(signedIn.errors).toBeUndefined();
    expect(signedIn.data?.signIn.user.id).toBe(owner.id);
  });
});
