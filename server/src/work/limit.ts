import pLimit, { type LimitFunction } from 'p-limit';
import { rateLimited } from '../errors.js';

export interface BoundedLimitOptions {
  /** Calls running at once. */
  concurrency: number;
  /** Calls that may wait for a turn; one more is refused with RATE_LIMITED. */
  queue: number;
}

/**
 * At most `concurrency` calls at once (p-limit), at most `queue` more waiting; a call
 * beyond both is refused at once with RATE_LIMITED rather than left to pile up.
 */
export class BoundedLimit {
  readonly #limit: LimitFunction;

  constructor(
    readonly options: BoundedLimitOptions,
    private readonly busyMessage = 'The server is busy. Try again in a moment.',
  ) {
    this.#limit = pLimit(options.concurrency);
  }

  /** Calls running and waiting. */
  get pending(): number {
    return this.#limit.activeCount + this.#limit.pendingCount;
  }

  run<T>(call: () => Promise<T>): Promise<T> {
    if (this.#limit.activeCount >= this.options.concurrency && this.#limit.pendingCount >= this.options.queue) {
      return Promise.reject(rateLimited(this.busyMessage, { retryAfterSeconds: 1 }));
    }
    return this.#limit(call);
  }
}
