/**
 * Durations of the tests whose subject is time itself: an outage that lasts, a flood that
 * must be metered out. What they assert scales with these values, so a shorter run checks
 * the same behaviour; `BRIEFLOCK_TEST_FULL_DURATIONS=1` runs them at production length
 * (a 30 s outage against the update log's 5 s retry cap, a 15 s flood).
 */
const full = process.env.BRIEFLOCK_TEST_FULL_DURATIONS === '1';

export const DURATIONS = {
  /** How long PostgreSQL stays unreachable while two people type. */
  databaseOutageMs: full ? 30_000 : 10_000,
  /**
   * Longest pause between two retries of a failed update-log commit during that outage.
   * The server's default is 5 s; shorter runs shrink it in proportion, so the outage still
   * spans several retries at the cap.
   */
  commitRetryCapMs: full ? 5_000 : 1_500,
  /** How long a flood of updates takes to be let through at the allowed rate, past its burst. */
  floodSeconds: full ? 11 : 4,
  /**
   * Sign-in throttling: the first delay a client earns after its free failures (it then
   * doubles), and the fixed delay an address under attack from everywhere imposes. The
   * server's defaults are 2 s and 30 s.
   */
  signInBaseDelayMs: full ? 2_000 : 400,
  signInAddressDelayMs: full ? 30_000 : 1_500,
} as const;
