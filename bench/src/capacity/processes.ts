import { randomBytes } from 'node:crypto';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type pg from 'pg';
import { freePort } from '../../../server/src/system.js';
import { sleep } from '../harness.js';
import { memoryProbe } from '../memory/probe-client.js';

const BENCH_SIGNING_KEY = randomBytes(32).toString('base64url');
/**
 * Production serves /metrics on the public port only behind METRICS_TOKEN (as a deployment
 * scraping it sets): the servers started here get a token of this run and are scraped with it.
 */
const BENCH_METRICS_TOKEN = randomBytes(24).toString('base64url');

/**
 * The server as it runs in production (`node server/dist/main.js`), in child processes of
 * its own so that it and the load generator never share an event loop, and the readings
 * that describe it: CPU time and resident memory from /proc, figures from /metrics, and
 * memory after forced garbage collection through the memory probe preloaded into it.
 */

/** Clock ticks per second of /proc/<pid>/stat times. */
const CLOCK_TICKS = (() => {
  const out = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  const ticks = Number(out.stdout?.trim());
  return Number.isFinite(ticks) && ticks > 0 ? ticks : 100;
})();

/** User plus system CPU seconds a process has used so far; NaN when it cannot be read. */
export function cpuSecondsOf(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces: fields are counted after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return NaN;
  }
}

/** Resident set size of a process in bytes (VmRSS); NaN when it cannot be read. */
export function rssBytesOf(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** Busy CPU seconds of the whole machine, all cores together (/proc/stat: everything but idle and iowait). */
export function machineBusySeconds(): number {
  try {
    const fields = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const total = fields.slice(0, 8).reduce((sum, value) => sum + value, 0);
    return (total - fields[3]! - fields[4]!) / CLOCK_TICKS;
  } catch {
    return NaN;
  }
}

/** CPU of this process (the load generator), in seconds. */
export const generatorCpuSeconds = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

const children = new Set<ChildProcess>();
let hooksInstalled = false;

/** Whatever happens to this process, no server it started outlives it. */
function installExitHook(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on('exit', () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
}

/** Kills every server child still running (on an interrupt). */
export function killChildren(): void {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

export interface ServerChild {
  readonly name: string;
  readonly pid: number;
  readonly port: number;
  /** http://127.0.0.1:<port> */
  readonly url: string;
  /** ws://127.0.0.1:<port>/collab */
  readonly collabUrl: string;
  cpuSeconds(): number;
  rssBytes(): number;
  /** process.memoryUsage() of the server after full garbage collections. */
  memoryAfterGc(): Promise<NodeJS.MemoryUsage>;
  /** Samples of /metrics by name (labelled ones summed as `name{*}`). */
  metrics(): Promise<Map<string, number>>;
  stop(): Promise<void>;
}

export interface ServerEnv {
  DATABASE_URL: string;
  COLLAB_MESSAGES_PER_SECOND?: string;
  REDIS_URL?: string;
}

const httpGet = (url: string, headers: http.OutgoingHttpHeaders = {}): Promise<{ status: number; body: string }> =>
  new Promise((resolve) => {
    const request = http.get(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
      response.on('error', () => resolve({ status: 0, body: '' }));
    });
    request.on('error', () => resolve({ status: 0, body: '' }));
    request.setTimeout(5000, () => request.destroy());
  });

/**
 * Parses the Prometheus text format: unlabelled samples by name, and labelled ones summed
 * over their labels as `name{*}` (e.g. GC time of every kind).
 */
function parseMetrics(text: string): Map<string, number> {
  const values = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line === '') continue;
    const labelled = /^([^{\s]+)\{.*\}\s+(\S+)/.exec(line);
    if (labelled) {
      const key = `${labelled[1]}{*}`;
      values.set(key, (values.get(key) ?? 0) + Number(labelled[2]));
      continue;
    }
    const [name, value] = line.split(' ');
    if (name && value !== undefined) values.set(name, Number(value));
  }
  return values;
}

/**
 * Starts the built server in a child process with exactly `env` (plus PATH and HOME) and
 * the memory probe preloaded, and waits until `/readyz` answers 200 (PostgreSQL and, with
 * REDIS_URL, Redis answer).
 */
export async function startServer(root: string, name: string, env: ServerEnv): Promise<ServerChild> {
  installExitHook();
  const entry = path.join(root, 'server/dist/main.js');
  if (!fs.existsSync(entry))
    throw new Error(
      `${entry} is missing: build the server first (pnpm -r --filter @brieflock/schema --filter @brieflock/server run build)`,
    );
  const probe = pathToFileURL(path.join(root, 'bench/src/memory/probe.mjs')).href;
  const port = await freePort();
  const child = spawn(process.execPath, ['--expose-gc', '--import', probe, entry], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'silent',
      NODE_ENV: 'production',
      // A key for this run only: production refuses to start without one.
      SIGNING_KEY: BENCH_SIGNING_KEY,
      METRICS_TOKEN: BENCH_METRICS_TOKEN,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  children.add(child);
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-4000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => children.delete(child));
  const running = () => child.exitCode === null && child.signalCode === null;
  const memoryAfterGc = memoryProbe(child, name);
  const stop = async () => {
    if (running()) child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(killer);
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = performance.now() + 60_000;
  while ((await httpGet(`${url}/readyz`)).status !== 200) {
    if (!running())
      throw new Error(
        `${name}: the server exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${output}`,
      );
    if (performance.now() > deadline) {
      await stop();
      throw new Error(`${name}: the server was not ready within 60 s:\n${output}`);
    }
    await sleep(100);
  }
  const pid = child.pid!;
  return {
    name,
    pid,
    port,
    url,
    collabUrl: `ws://127.0.0.1:${port}/collab`,
    cpuSeconds: () => cpuSecondsOf(pid),
    rssBytes: () => rssBytesOf(pid),
    memoryAfterGc,
    metrics: async () => {
      const { status, body } = await httpGet(`${url}/metrics`, { authorization: `Bearer ${BENCH_METRICS_TOKEN}` });
      if (status !== 200) throw new Error(`${name}: /metrics answered ${status}`);
      return parseMetrics(body);
    },
    stop,
  };
}

/**
 * CPU of the PostgreSQL backends serving one database (the update log's and the ORM's
 * connections), from /proc: backends are listed in pg_stat_activity. NaN when PostgreSQL
 * runs where /proc cannot see it.
 */
export class PostgresCpu {
  constructor(
    private readonly admin: pg.Client,
    private readonly database: string,
  ) {}

  async sample(): Promise<Map<number, number>> {
    const { rows } = await this.admin.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1', [
      this.database,
    ]);
    return new Map(rows.map(({ pid }) => [pid, cpuSecondsOf(pid)]));
  }

  /** CPU seconds used between two samples by the backends alive at the second one. */
  static between(before: Map<number, number>, after: Map<number, number>): number {
    let total = 0;
    for (const [pid, seconds] of after) total += seconds - (before.get(pid) ?? 0);
    return total;
  }
}

/** Sends one command to Redis (RESP) and resolves with its raw reply text. */
export function redisCommand(redisUrl: string, args: string[], timeoutMs = 1000): Promise<string> {
  const { hostname, port } = new URL(redisUrl);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: hostname || '127.0.0.1', port: Number(port || 6379) });
    let reply = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`Redis at ${redisUrl} did not answer within ${timeoutMs} ms`));
    }, timeoutMs);
    const done = (error?: Error) => {
      clearTimeout(timer);
      socket.destroy();
      if (error) reject(error);
      else resolve(reply);
    };
    socket.on('error', (error) => done(error));
    socket.on('connect', () =>
      socket.write(`*${args.length}\r\n${args.map((arg) => `$${Buffer.byteLength(arg)}\r\n${arg}\r\n`).join('')}`),
    );
    socket.on('data', (chunk: Buffer) => {
      reply += chunk.toString('utf8');
      // A simple string, an error, or a bulk string whose announced length has arrived.
      if (/^[+-]/.test(reply) && reply.endsWith('\r\n')) return done();
      const bulk = /^\$(-?\d+)\r\n/.exec(reply);
      if (bulk && (Number(bulk[1]) < 0 || Buffer.byteLength(reply) >= bulk[0].length + Number(bulk[1]) + 2)) done();
    });
  });
}

/** True when a Redis answers PING at `redisUrl`. */
export async function redisAnswers(redisUrl: string): Promise<boolean> {
  try {
    return (await redisCommand(redisUrl, ['PING'])).startsWith('+PONG');
  } catch {
    return false;
  }
}

/** CPU seconds of the Redis server's main thread (INFO cpu), where every publish is handled. */
export async function redisCpuSeconds(redisUrl: string): Promise<number> {
  const info = await redisCommand(redisUrl, ['INFO', 'cpu']);
  const field = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)?.[1] ?? NaN);
  const main = field('used_cpu_sys_main_thread') + field('used_cpu_user_main_thread');
  return Number.isFinite(main) ? main : field('used_cpu_sys') + field('used_cpu_user');
}

/** Redis's version (INFO server), or undefined. */
export async function redisVersion(redisUrl: string): Promise<string | undefined> {
  const info = await redisCommand(redisUrl, ['INFO', 'server']);
  return /^redis_version:(\S+)/m.exec(info)?.[1];
}
