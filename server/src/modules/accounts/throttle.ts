import type { EntityManager } from '@mikro-orm/postgresql';
import { LIMITS } from '@brieflock/schema';
import { rateLimited } from '../../errors.js';
import { SignInFailure } from './sign-in-failure.entity.js';

// Numbers from LIMITS, never input, so they are written into the SQL.
const WINDOW = `make_interval(secs => ${LIMITS.signInFailureWindowSeconds})`;
const LOCK = `make_interval(secs => ${LIMITS.signInLockSeconds})`;
/** A row whose window is over, or whose lock has passed, counts from zero again. */
const STALE = `(f.window_started_at < now() - ${WINDOW} or f.locked_until <= now())`;

/**
 * Counts a sign-in attempt before its password is checked, in one atomic upsert, and
 * refuses it with RATE_LIMITED once the e-mail has used up its attempts in the window.
 * Counting first is what holds the limit: had it waited for the (slow) password check
 * to fail, a burst of parallel guesses would all pass the check before any was counted.
 * A successful sign-in clears the count (`clearSignInFailures`).
 */
export async function countSignInAttempt(em: EntityManager, email: string): Promise<void> {
  const [row] = await em.getConnection().execute<{ failures: number; retryAfterSeconds: number | null }[]>(
    `insert into sign_in_failures as f (email, failures, window_started_at, locked_until)
     values (?, 1, now(), null)
     on conflict (email) do update set
       failures = case when ${STALE} then 1 else f.failures + 1 end,
       window_started_at = case when ${STALE} then now() else f.window_started_at end,
       locked_until = case
         when ${STALE} then null
         when f.locked_until is null and f.failures + 1 >= ${LIMITS.signInMaxFailures} then now() + ${LOCK}
         else f.locked_until end
     returning failures, ceil(extract(epoch from locked_until - now()))::int as "retryAfterSeconds"`,
    [email],
  );
  if (row && row.failures > LIMITS.signInMaxFailures) {
    const retryAfterSeconds = Math.max(1, row.retryAfterSeconds ?? LIMITS.signInLockSeconds);
    throw rateLimited(
      `Too many failed sign-ins for this e-mail. Try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s).`,
      { retryAfterSeconds },
    );
  }
}

/** Forgets an e-mail's attempts after a successful sign-in. */
export async function clearSignInFailures(em: EntityManager, email: string): Promise<void> {
  await em.nativeDelete(SignInFailure, { email });
}
