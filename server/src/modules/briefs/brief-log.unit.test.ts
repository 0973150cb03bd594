import { describe, expect, it } from 'vitest';
import { COLLAB_LIMITS } from '@brieflock/schema';
import { BriefLogs } from './brief-log.js';

const limits = { compactAboveBytes: 1_000, maxLogBytes: 10_000, bytesPerSecond: 1_000_000 };
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('BriefLogs', () => {
  it('compacts a brief once its log passes the bound, one compaction at a time', async () => {
    const calls: string[] = [];
    let finish: (bytes: number) => void = () => undefined;
    const logs = new BriefLogs(limits, (id) => {
      calls.push(id);
      return new Promise<number>((resolve) => (finish = resolve));
    });
    logs.loaded('a', 0);
    logs.stored('a', 950);
    expect(calls).toEqual([]);
    logs.stored('a', 100);
    logs.stored('a', 100); // committed during the compaction: it waits
    expect(calls).toEqual(['a']);
    finish(300);
    await settle();
    // The compacted state plus what was committed while it ran.
    expect(logs.bytesOf('a')).toBe(400);
    expect(calls).toEqual(['a']);
  });

  it('measures growth from the last compacted state, so a large brief is not compacted over and over', async () => {
    const calls: string[] = [];
    const logs = new BriefLogs(limits, async (id) => {
      calls.push(id);
      return 5_000;
    });
    logs.loaded('a', 4_000); // a compacted state larger than the threshold
    logs.stored('a', 900);
    expect(calls).toEqual([]);
    logs.stored('a', 200);
    expect(calls).toEqual(['a']);
    await settle();
    await settle();
    expect(calls).toEqual(['a']);
    logs.stored('a', 500);
    expect(calls).toEqual(['a']);
  });

  it('refuses updates that would take the log past its limit, and compacts it', async () => {
    const calls: string[] = [];
    const logs = new BriefLogs(limits, async (id) => {
      calls.push(id);
      throw new Error('database unavailable');
    });
    logs.loaded('a', 0);
    logs.stored('a', 9_500);
    expect(calls).toEqual(['a']);
    await settle();
    expect(logs.admits('a', 400)).toBe(true);
    expect(logs.admits('a', 600)).toBe(false);
    // Refusing tries compacting again.
    expect(calls).toEqual(['a', 'a']);
    await settle();
    // A failed compaction leaves the log as it was: still refused.
    expect(logs.admits('a', 600)).toBe(false);
    expect(logs.admits('b', 600)).toBe(true);
  });

  it("refuses updates once a brief's stored bytes spent its allowance, burst included; other briefs are not affected", () => {
    const logs = new BriefLogs({ ...limits, maxLogBytes: 1e12, bytesPerSecond: 1_000 }, async () => 0);
    const burst = 1_000 * COLLAB_LIMITS.burstSeconds;
    expect(logs.admits('a', burst + 10)).toBe(true);
    // Only what is stored is charged: refusing comes after the allowance is spent.
    logs.charge('a', burst - 10);
    expect(logs.admits('a', 100)).toBe(true);
    logs.charge('a', 100);
    expect(logs.admits('a', 100)).toBe(false);
    expect(logs.admits('b', 100)).toBe(true);
  });
});
