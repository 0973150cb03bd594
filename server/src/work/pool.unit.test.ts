import { threadId } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import { BoundedLimit } from './limit.js';
import { WorkPool, workTask } from './pool.js';

const waitForFlag = workTask<Int32Array, number>(import.meta.url, './fixtures/wait-task', 'waitForFlag');
const double = workTask<number, number>(import.meta.url, './fixtures/wait-task', 'double');

// One pool for the file: each new worker thread loads the TypeScript hooks afresh.
const pool = new WorkPool({ threads: 1, queue: 2 });
afterAll(() => pool.close());

describe('the work pool', () => {
  it('runs a task on another thread and returns its result', async () => {
    expect(await pool.run(double, 21)).toBe(42);
    const flag = new Int32Array(new SharedArrayBuffer(4));
    const running = pool.run(waitForFlag, flag);
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
    expect(await running).not.toBe(threadId);
  });

  it('refuses a task beyond its threads and queue with RATE_LIMITED and a retry hint, then takes work again', async () => {
    const flag = new Int32Array(new SharedArrayBuffer(4));
    const accepted = [pool.run(waitForFlag, flag), pool.run(waitForFlag, flag), pool.run(waitForFlag, flag)];
    expect(pool.pending).toBe(3);
    const refused = await pool.run(waitForFlag, flag).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).code).toBe('RATE_LIMITED');
    expect((refused as DomainError).details.retryAfterSeconds).toBeGreaterThan(0);
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
    await Promise.all(accepted);
    expect(pool.pending).toBe(0);
    expect(await pool.run(double, 2)).toBe(4);
  });
});

describe('a bounded limit', () => {
  it('runs at most `concurrency` calls at once, queues `queue` more and refuses the next with RATE_LIMITED', async () => {
    const limit = new BoundedLimit({ concurrency: 2, queue: 1 });
    let running = 0;
    let most = 0;
    const releases: (() => void)[] = [];
    const call = () =>
      limit.run(
        () =>
          new Promise<void>((resolve) => {
            running += 1;
            most = Math.max(most, running);
            releases.push(() => {
              running -= 1;
              resolve();
            });
          }),
      );
    const accepted = [call(), call(), call()];
    const refused = await call().catch((error: unknown) => error);
    expect((refused as DomainError).code).toBe('RATE_LIMITED');
    await new Promise((resolve) => setImmediate(resolve));
    expect(running).toBe(2);
    while (releases.length > 0) {
      releases.shift()!();
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(accepted);
    expect(most).toBe(2);
  });
});
