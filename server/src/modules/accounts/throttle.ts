import type { EntityManager } from '@mikro-orm/postgresql';
import { rateLimited } from '../../errors.js';

/**
 * How sign-in guessing is slowed. Three counters, each with its own rule:
 * - one address tried from one client: free for a few failures, then delays doubling
 *   per failure up to a cap. It stops a single client guessing one password without
 *   touching anyone else;
 * - one client across every address: the same, with more free failures, so a client
 *   cannot spray one password over many addresses;
 * - one address from every client: past a threshold, one counted attempt per short,
 *   fixed delay. It slows a guesser spread over many clients but never locks: the owner
 *   waits at most `addressDelayMs`.
 * Refused attempts are not counted and do not extend a delay, so refusals never pile up.
 */
export interface SignInThrottleOptions {
  pairFreeFailures: number;
  pairBaseDelayMs: number;
  pairMaxDelayMs: number;
  clientFreeFailures: number;
  clientBaseDelayMs: number;
  clientMaxDelayMs: number;
  addressFreeFailures: number;
  addressDelayMs: number;
  /** A counter whose last failure is older than this starts from zero again. */
  forgetAfterMs: number;
}

export const DEFAULT_SIGN_IN_THROTTLE: SignInThrottleOptions = {
  pairFreeFailures: 4,
  pairBaseDelayMs: 2_000,
  pairMaxDelayMs: 15 * 60_000,
  clientFreeFailures: 10,
  clientBaseDelayMs: 2_000,
  clientMaxDelayMs: 60 * 60_000,
  addressFreeFailures: 10,
  addressDelayMs: 30_000,
  forgetAfterMs: 60 * 60_000,
};

type Kind = 'pair' | 'client' | 'address';

/** The counters one attempt touches. */
export interface ThrottleKeys {
  pair: string;
  client: string;
  address: string;
}

/** The keys of an attempt at `email` from `ip` (an unknown client address counts as one client). */
export function throttleKeys(email: string, ip: string | null): ThrottleKeys {
  const client = ip ?? 'unknown';
  return { pair: `pair:${client} ${email}`, client: `ip:${client}`, address: `email:${email}` };
}

/** How long the `failures`-th counted failure under a key of `kind` blocks it; 0 for none. */
export function delayAfter(kind: Kind, failures: number, options: SignInThrottleOptions): number {
  if (kind === 'address') return failures >= options.addressFreeFailures ? options.addressDelayMs : 0;
  const [free, base, max] =
    kind === 'pair'
      ? [options.pairFreeFailures, options.pairBaseDelayMs, options.pairMaxDelayMs]
      : [options.clientFreeFailures, options.clientBaseDelayMs, options.clientMaxDelayMs];
  if (failures < free) return 0;
  return Math.min(max, base * 2 ** Math.min(30, failures - free));
}

interface CounterRow {
  key: string;
  failures: number;
  fresh: boolean;
  wait_ms: number | null;
}

/**
 * Counts a sign-in attempt before its password is checked, or refuses it with
 * RATE_LIMITED and `retryAfterSeconds`/`retryAfterMs` while any of its counters blocks.
 * Counting first holds the limits under a burst of parallel guesses: the three rows are
 * locked, checked and advanced in one transaction, as if the attempt had failed; a
 * success then takes its count back (`signInSucceeded`).
 */
export async function countSignInAttempt(
  em: EntityManager,
  keys: ThrottleKeys,
  options: SignInThrottleOptions,
): Promise<void> {
  const kinds = Object.keys(keys) as Kind[];
  const values = kinds.map((kind) => keys[kind]);
  const wait = await em.transactional(async (tx) => {
    await tx.execute(
      `insert into sign_in_throttles (key, failures, last_failure_at, blocked_until)
       values ${values.map(() => '(?, 0, now(), null)').join(', ')} on conflict (key) do nothing`,
      values,
      'run',
    );
    // Locked in key order, so two attempts never wait on each other crosswise.
    const rows = await tx.execute<CounterRow[]>(
      `select key, failures,
              last_failure_at > now() - make_interval(secs => ?::float8 / 1000) as fresh,
              ceil(extract(epoch from blocked_until - now()) * 1000)::int as wait_ms
         from sign_in_throttles where key in (?, ?, ?) order by key for update`,
      [options.forgetAfterMs, ...values],
    );
    const longest = Math.max(0, ...rows.map((row) => row.wait_ms ?? 0));
    if (longest > 0) return longest;
    for (const kind of kinds) {
      const row = rows.find((candidate) => candidate.key === keys[kind]);
      const failures = (row?.fresh ? row.failures : 0) + 1;
      const delay = delayAfter(kind, failures, options);
      await tx.execute(
        `update sign_in_throttles set failures = ?, last_failure_at = now(),
                blocked_until = case when ?::int > 0 then now() + make_interval(secs => ?::float8 / 1000) end
          where key = ?`,
        [failures, delay, delay, keys[kind]],
        'run',
      );
    }
    return 0;
  });
  if (wait > 0) {
    const retryAfterSeconds = Math.ceil(wait / 1000);
    throw rateLimited(`Too many failed sign-ins. Try again in ${describeWait(retryAfterSeconds)}.`, {
      retryAfterSeconds,
      retryAfterMs: wait,
    });
  }
}

const describeWait = (seconds: number): string =>
  seconds < 90 ? `${seconds} second${seconds === 1 ? '' : 's'}` : `${Math.ceil(seconds / 60)} minutes`;

/**
 * Takes back a successful attempt's count: the address's counters start afresh, and the
 * client's counter across addresses loses the one failure it was charged, no more (a
 * client that signs in to its own account between guesses must not wipe its record).
 */
export async function signInSucceeded(em: EntityManager, keys: ThrottleKeys): Promise<void> {
  await em.getConnection().execute(
    `with cleared as (delete from sign_in_throttles where key in (?, ?))
       update sign_in_throttles set failures = greatest(failures - 1, 0), blocked_until = null where key = ?`,
    [keys.pair, keys.address, keys.client],
  );
}
