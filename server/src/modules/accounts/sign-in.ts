import type { EntityManager } from '@mikro-orm/postgresql';
import { unauthenticated } from '../../errors.js';
import { parseInput } from '../../validation.js';
import { SignInSchema, type SignInInput } from './account.inputs.js';
import { verifyPassword } from './credentials.js';
import { startSession, type RequestMeta } from './sessions.js';
import { countSignInAttempt, signInSucceeded, throttleKeys, type SignInThrottleOptions } from './throttle.js';
import { User } from './user.entity.js';

/**
 * Checks an e-mail and password and starts a session. The same error answers an
 * unknown e-mail and a wrong password; every attempt is counted before the password is
 * checked (see throttle.ts), so guessing is slowed without locking the owner out.
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
  const user = await em.findOne(User, { email }, { populate: ['passwordHash'] });
  const ok = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user || !ok) throw unauthenticated('The e-mail or password is incorrect.');
  await signInSucceeded(em, keys);
  const { token } = await startSession(em, user, meta, ttlMs);
  return { token, user };
}
