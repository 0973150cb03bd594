import { readFileSync } from 'node:fs';

/**
 * Nanoseconds a thread has run on a CPU and waited on a run queue for one (/proc/<pid>/schedstat,
 * the main thread: the server's event loop). Waiting means the machine had no core free for
 * it: on a shared machine, that is what other work takes from the server. NaN when unreadable.
 */
export function schedstatOf(pid: number): { runNs: number; waitNs: number } {
  try {
    const [run, wait] = readFileSync(`/proc/${pid}/schedstat`, 'utf8').trim().split(/\s+/).map(Number);
    return { runNs: run ?? NaN, waitNs: wait ?? NaN };
  } catch {
    return { runNs: NaN, waitNs: NaN };
  }
}

/** The 1-minute load average of the machine (runnable tasks; 2 means both cores busy). */
export function loadAverage(): number {
  try {
    return Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
  } catch {
    return NaN;
  }
}
