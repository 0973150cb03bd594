import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_POLICY, nextAttemptAt } from './retry-policy.js';

const HOUR = 3_600_000;

describe('the webhook retry policy', () => {
  const first = new Date('2026-12-02T10:00:00Z');
  const at = (ms: number) => new Date(first.getTime() + ms);

  it('doubles the wait after each failure, up to an hour', () => {
    expect(nextAttemptAt(DEFAULT_RETRY_POLICY, 1, first, first)).toEqual(at(10_000));
    expect(nextAttemptAt(DEFAULT_RETRY_POLICY, 2, first, at(10_000))).toEqual(at(30_000));
    expect(nextAttemptAt(DEFAULT_RETRY_POLICY, 3, first, at(30_000))).toEqual(at(70_000));
    expect(nextAttemptAt(DEFAULT_RETRY_POLICY, 12, first, at(5 * HOUR))).toEqual(at(6 * HOUR));
    expect(nextAttemptAt(DEFAULT_RETRY_POLICY, 100, first, at(7 * HOUR))).toEqual(at(8 * HOUR));
  });

  it('makes the last attempt a day after the first, then gives up', () => {
    expect(nextAttemptAt(DEFAULT_RETRY_POLICY, 30, first, at(23.5 * HOUR))).toEqual(at(24 * HOUR));
    expect(nextAttemptAt(DEFAULT_RETRY_POLICY, 31, first, at(24 * HOUR))).toBeNull();
    expect(nextAttemptAt(DEFAULT_RETRY_POLICY, 31, first, at(25 * HOUR))).toBeNull();
  });

  it('retries about thirty times in the day', () => {
    let attempt = 1;
    let failedAt: Date | null = first;
    while (failedAt) {
      failedAt = nextAttemptAt(DEFAULT_RETRY_POLICY, attempt, first, failedAt);
      if (failedAt) attempt += 1;
    }
    expect(attempt).toBeGreaterThan(25);
    expect(attempt).toBeLessThan(40);
  });
});
