import type { EntityManager } from '@mikro-orm/postgresql';
import { LIMITS } from '@brieflock/schema';
import { rateLimited } from '../../errors.js';
import { SignInFailure } from './sign-in-failure.entity.js';

/** Refuses a sign-in while the e-mail is locked after repeated failures. */
export async function assertSignInAllowed(em: EntityManager, email: string): Promise<void> {
  const row = await em.findOne(SignInFailure, { email });
  const lockedUntil = row?.lockedUntil;
  if (lockedUntil && lockedUntil.getTime() > Date.now()) {
    const retryAfterSeconds = Math.ceil((lockedUntil.getTime() - Date.now()) / 1000);
    throw rateLimited(
      `Too many failed sign-ins for this e-mail. Try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s).`,
      { retryAfterSeconds },
    );
  }
}

/**
 * Counts a failed sign-in in one atomic upsert: the count restarts after the
 * window, and reaching the limit locks the e-mail for a while.
 */
export async function recordSignInFailure(em: EntityManager, email: string): Promise<void> {
  const window = `${LIMITS.signInFailureWindowSeconds} seconds`;
  const lock = `${LIMITS.signInLockSeconds} seconds`;
  await em.getConnection().execute(
    `insert into sign_in_failures (email, failures, window_started_at, locked_until)
     values (?, 1, now(), null)
     on conflict (email) do update set
       failures = case when sign_in_failures.window_started_at < now() - ?::interval then 1 else sign_in_failures.failures + 1 end,
       window_started_at = case when sign_in_failures.window_started_at < now() - ?::interval then now() else sign_in_failures.window_started_at end,
       locked_until = case
         when sign_in_failures.window_started_at >= now() - ?::interval and sign_in_failures.failures + 1 >= ?
         then now() + ?::interval
         else sign_in_failures.locked_until end`,
    [email, window, window, window, LIMITS.signInMaxFailures, lock],
  );
}

export async function clearSignInFailures(em: EntityManager, email: string): Promise<void> {
  await em.nativeDelete(SignInFailure, { email });
}
