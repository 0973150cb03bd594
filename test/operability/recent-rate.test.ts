import { describe, expect, it } from 'vitest';
import { RecentRate } from '../../server/src/observability/recent-rate.js';

describe('updates per second over the last 10 s', () => {
  const start = 1_000_000_000; // a whole second, in ms

  it('is 0 before anything happened', () => {
    expect(new RecentRate(10, start).perSecond(start + 60_000)).toBe(0);
  });

  it('divides what the window holds by the time it covers', () => {
    const rate = new RecentRate(10, start);
    // 40 updates a second for 20 s.
    for (let second = 0; second < 20; second++)
      for (let i = 0; i < 4; i++) rate.add(10, start + second * 1000 + i * 250);
    // At the end of second 19, the window covers seconds 10..19 in full.
    expect(rate.perSecond(start + 19_999)).toBeCloseTo(40, 0);
  });

  it('forgets updates older than the window', () => {
    const rate = new RecentRate(10, start);
    rate.add(500, start + 100);
    expect(rate.perSecond(start + 5_000)).toBe(100);
    expect(rate.perSecond(start + 10_500)).toBe(0);
    rate.add(30, start + 10_600);
    expect(rate.perSecond(start + 10_999)).toBeCloseTo(3, 1);
  });

  it('is not diluted by time before counting began', () => {
    const rate = new RecentRate(10, start);
    rate.add(50, start + 200);
    // Half a second after start: counted over the 1 s minimum, not over 10 s.
    expect(rate.perSecond(start + 500)).toBe(50);
  });
});
