/**
 * When a failed delivery is tried again: exponential backoff from `firstDelayMs`, each
 * wait at most `maxDelayMs`, for `windowMs` from the first attempt. The last retry is
 * made at the end of the window; once it fails too, the endpoint is disabled.
 */
export interface RetryPolicy {
  firstDelayMs: number;
  maxDelayMs: number;
  windowMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  firstDelayMs: 10_000,
  maxDelayMs: 3_600_000,
  windowMs: 24 * 3_600_000,
};

/**
 * The moment of the next attempt after attempt number `attempt` failed at `failedAt`,
 * or null when the window from `firstAttemptAt` is over: give up.
 */
export function nextAttemptAt(policy: RetryPolicy, attempt: number, firstAttemptAt: Date, failedAt: Date): Date | null {
  const windowEnd = firstAttemptAt.getTime() + policy.windowMs;
  if (failedAt.getTime() >= windowEnd) return null;
  const delay = Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** Math.min(attempt - 1, 40));
  return new Date(Math.min(failedAt.getTime() + delay, windowEnd));
}
