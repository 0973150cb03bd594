import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { defaultWorkerThreads } from '../config.js';
import { rateLimited } from '../errors.js';

/**
 * The CPU work pool: worker threads (piscina) for work that would otherwise hold the
 * event loop — PDF rendering, large version diffs, verification of large proposals — so
 * that one participant's heavy request never stalls every other document's relay.
 *
 * The pool is one per process (its threads compete for the same cores), sized by
 * WORKER_THREADS and bounded by WORKER_QUEUE: a task arriving while that many already
 * wait is refused at once with RATE_LIMITED instead of queueing without end.
 *
 * Any layer above may run a function on it: the function is named by the module that
 * exports it and its export name (`workTask`), takes and returns structured-cloneable
 * values (plain objects, arrays, strings, Dates, typed arrays — a Buffer comes back as a
 * Uint8Array), and must not rely on the main thread's state.
 */

export interface WorkPoolOptions {
  /** Worker threads. */
  threads: number;
  /** Tasks that may wait for a thread; one more is refused with RATE_LIMITED. */
  queue: number;
}

/** A function one worker runs: `input` in, `Output` out, both structured-cloned. */
export interface WorkTask<Input, Output> {
  readonly filename: string;
  readonly name: string;
  /** Carries the task's types only; never set. */
  readonly types?: (input: Input) => Output;
}

/** How long a refused caller should wait before trying again, in seconds. */
export const WORK_RETRY_AFTER_SECONDS = 2;

const RUNNING_FROM_SOURCE = import.meta.url.endsWith('.ts');

/**
 * What a worker needs to load the module a task names: from the TypeScript sources
 * (tests, `pnpm dev`, the bench) the swc hook that loads them in the main thread, and the
 * schema package's sources; from the build (`server/dist`), nothing.
 */
const WORKER_EXEC_ARGV = RUNNING_FROM_SOURCE
  ? ['--conditions=brieflock-source', '--import', '@swc-node/register/esm-register']
  : [];

/**
 * Names the export `name` of the module `relative` to `from` (the caller's
 * `import.meta.url`), without extension: `.ts` from sources, `.js` from the build.
 */
export function workTask<Input, Output>(from: string, relative: string, name: string): WorkTask<Input, Output> {
  const extension = from.endsWith('.ts') ? '.ts' : '.js';
  return { filename: fileURLToPath(new URL(`${relative}${extension}`, from)), name };
}

export const workBusy = () =>
  rateLimited('The server is busy with other heavy requests. Try again in a moment.', {
    retryAfterSeconds: WORK_RETRY_AFTER_SECONDS,
  });

export class WorkPool {
  readonly #pool: Piscina;
  readonly #queue: number;
  #waiting = 0;

  constructor(readonly options: WorkPoolOptions) {
    this.#queue = options.queue;
    this.#pool = new Piscina({
      minThreads: 0,
      maxThreads: options.threads,
      // Piscina's own bound is set above ours, which is counted here (see run).
      maxQueue: options.queue + options.threads + 1,
      // Idle threads stop after a while (and never keep the process alive meanwhile).
      idleTimeout: 30_000,
      execArgv: WORKER_EXEC_ARGV,
    });
  }

  /** Tasks queued or running. */
  get pending(): number {
    return this.#waiting;
  }

  /** Runs `task` on a worker; RATE_LIMITED at once when WORKER_QUEUE tasks already wait. */
  async run<Input, Output>(task: WorkTask<Input, Output>, input: Input): Promise<Output> {
    if (this.#waiting >= this.options.threads + this.#queue) throw workBusy();
    this.#waiting += 1;
    try {
      return (await this.#pool.run(input, { filename: task.filename, name: task.name })) as Output;
    } catch (error) {
      // Piscina's own queue bound sits above ours; should it still be reached, it is the same answer.
      if (error instanceof Error && error.message === 'Task queue is at limit') throw workBusy();
      throw error;
    } finally {
      this.#waiting -= 1;
    }
  }

  /** Stops the threads; tasks still queued or running are rejected. */
  close(): Promise<void> {
    return this.#pool.destroy();
  }
}

let shared: WorkPool | undefined;

/**
 * The process's pool, created on first use: with the options of the first app that
 * opened it (openWorkPool), or the defaults when none did (tools, unit tests).
 */
export function workPool(): WorkPool {
  shared ??= new WorkPool({ threads: defaultWorkerThreads(), queue: 16 });
  return shared;
}

/**
 * Opens the process's pool for an app, sized by its configuration when it is the first.
 * The pool outlives the app: its threads start on demand, never keep the process alive
 * while idle, and stop after 30 s without work.
 */
export function openWorkPool(options: WorkPoolOptions): WorkPool {
  shared ??= new WorkPool(options);
  return shared;
}
