import type { EntityManager } from '@mikro-orm/postgresql';
import { unauthenticated } from '../../errors.js';
import { parseInput } from '../../validation.js';
import { SignInSchema, type SignInInput } from './account.inputs.js';
import { verifyPassword } from './credentials.js';
import { startSession, type RequestMeta } from './sessions.js';
import { countSignInAttempt, signInSucceeded, throttleKeys, type SignInThrottleOptions } from './throttle.js';
import { User } from './user.entity.js';

/**
 * Accounts with an unproven address checked per sign-in, newest first. Every failed
 * sign-in checks this many (with stand-ins), so its time says nothing of how many exist.
 */
export const UNPROVEN_ACCOUNTS_CHECKED = 2;

/**
 * Checks an e-mail and password and starts a session. The account holding the address
 * proven is tried first, then the newest accounts that only claim it (see sign-up.ts). The
 * same error answers an unknown e-mail and a wrong password; every attempt is counted
 * before the password is checked (see throttle.ts), so guessing is slowed without locking
 * the owner out.
 */
export async function signIn(
  em: EntityManager,
  input: SignInInput,
  meta: RequestMeta,
  ttlMs: number,
  throttle: SignInThrottleOptions,
) {
  const { email, password } = parseInput(SignInSchema, input);
  const keys = throttleKeys(email, meta.ip);
  await countSignInAttempt(em, keys, throttle);
  const user = await findByPassword(em, email, password);
  if (!user) throw unauthenticated('The e-mail or password is incorrect.');
  await signInSucceeded(em, keys);
  const { token } = await startSession(em, user, meta, ttlMs);
  return { token, user };
}

async function findByPassword(em: EntityManager, email: string, password: string): Promise<User | null> {
  const candidates = await em.find(
    User,
    { email },
    {
      populate: ['passwordHash'],
      orderBy: { emailVerifiedAt: 'asc nulls last', createdAt: 'desc', id: 'asc' },
      limit: 1 + UNPROVEN_ACCOUNTS_CHECKED,
    },
  );
  const proven = candidates[0]?.emailVerifiedAt ? candidates[0] : null;
  if (await verifyPassword(proven?.passwordHash ?? null, password)) return proven;
  const unproven = candidates.filter((candidate) => !candidate.emailVerifiedAt);
  for (let i = 0; i < UNPROVEN_ACCOUNTS_CHECKED; i += 1) {
    const candidate = unproven[i];
    if (await verifyPassword(candidate?.passwordHash ?? null, password)) return candidate ?? null;
  }
  return null;
}
