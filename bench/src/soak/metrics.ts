import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ServerChild } from '../capacity/processes.js';

/**
 * Production serves /metrics on the public port only behind METRICS_TOKEN (as a deployment
 * scraping it sets): the soak's server gets a token of this run, and its readings are
 * scraped with it.
 */
export const METRICS_TOKEN = randomBytes(24).toString('base64url');

/** Unlabelled samples by name, labelled ones summed as `name{*}` (as the capacity cases read them). */
function parse(text: string): Map<string, number> {
  const values = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const labelled = /^([^{\s]+)\{.*\}\s+(\S+)/.exec(line);
    const [name, value] = labelled ? [`${labelled[1]}{*}`, labelled[2]] : line.split(' ');
    if (!name || value === undefined) continue;
    values.set(name, (labelled ? (values.get(name) ?? 0) : 0) + Number(value));
  }
  return values;
}

/** `server` whose `metrics()` sends the bearer token. */
export function withMetricsToken(server: ServerChild): ServerChild {
  return {
    ...server,
    metrics: async () => {
      const response = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      if (response.status !== 200) throw new Error(`${server.name}: /metrics answered ${response.status}`);
      return parse(await response.text());
    },
  };
}

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
