import { AsyncLocalStorage } from 'node:async_hooks';

const background = new AsyncLocalStorage<true>();

/**
 * Runs `work` as background work (a job, a sweep): everything it causes, down to the SQL
 * statements it runs, knows it was not asked for by a request.
 */
export function runInBackground<T>(work: () => Promise<T>): Promise<T> {
  return background.run(true, work);
}

/** Whether the caller runs inside `runInBackground`. */
export const inBackground = (): boolean => background.getStore() === true;
