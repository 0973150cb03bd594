import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, isAlive } from '../../server/src/system.js';

export { freePort, isAlive };

/** Repository root: `pnpm start` runs from here. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** What `pnpm start` runs after building. */
const MAIN = ['--enable-source-maps', 'server/dist/main.js'];

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ServerProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  /** Everything the process wrote so far. */
  stdout(): string;
  stderr(): string;
  /** Settles when the process has exited. */
  readonly exited: Promise<Exit>;
  /** True once the process has exited. */
  hasExited(): boolean;
  /** Sends `signal` and waits for the exit; `ms` is how long that took. */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<Exit & { ms: number }>;
}

/** Processes started by this module that may still be running. */
const running = new Set<ServerProcess>();

/**
 * The environment the server sees: nothing of this test process's own
 * configuration (DATABASE_URL, NODE_ENV, …) except what `env` sets.
 */
function serverEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const keep = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TZ'];
  const base = Object.fromEntries(
    keep.flatMap((key) => (process.env[key] === undefined ? [] : [[key, process.env[key]!]])),
  );
  return { ...base, ...env };
}

/**
 * Spawns the built server (`node server/dist/main.js` from the repository root) with
 * exactly `env`; `nodeArgs` replaces what node is given (e.g. the Dockerfile's CMD).
 */
export function spawnServer(env: Record<string, string>, nodeArgs: readonly string[] = MAIN): ServerProcess {
  const child = spawn(process.execPath, nodeArgs, {
    cwd: REPO_ROOT,
    env: serverEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  let done = false;
  const exited = new Promise<Exit>((resolve) => {
    // 'close' (not 'exit') so that stdout and stderr are complete.
    child.once('close', (code, signal) => {
      done = true;
      resolve({ code, signal });
    });
  });
  const server: ServerProcess = {
    child,
    pid: child.pid!,
    stdout: () => out,
    stderr: () => err,
    exited,
    hasExited: () => done,
    async stop(signal = 'SIGTERM', timeoutMs = 15_000) {
      const started = Date.now();
      if (!done) child.kill(signal);
      const exit = await withTimeout(
        exited,
        timeoutMs,
        () => `pid ${child.pid} did not exit within ${timeoutMs} ms of ${signal}\n${describe(server)}`,
      );
      return { ...exit, ms: Date.now() - started };
    },
  };
  running.add(server);
  void exited.then(() => running.delete(server));
  return server;
}

/** Waits until `/healthz` answers 200, failing early (with the output) if the process exits. */
export async function waitUntilHealthy(server: ServerProcess, baseUrl: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.hasExited()) throw new Error(`the server exited before it was healthy\n${describe(server)}`);
    const status = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(2_000) }).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) return;
    await Promise.race([server.exited, new Promise((resolve) => setTimeout(resolve, 50))]);
  }
  throw new Error(`/healthz did not answer 200 within ${timeoutMs} ms\n${describe(server)}`);
}

/**
 * Starts the built server on a fixed `port` and waits until it is healthy; starting it
 * again with the same port and database is a restart as clients see it.
 */
export async function startHealthy(
  env: Record<string, string>,
  port: number,
  timeoutMs = 60_000,
): Promise<{ server: ServerProcess; url: string }> {
  const url = `http://127.0.0.1:${port}`;
  const server = spawnServer({ ...env, PORT: String(port) });
  await waitUntilHealthy(server, url, timeoutMs);
  return { server, url };
}

/** Runs the server to its exit (for start-ups that must fail). */
export async function runToExit(
  env: Record<string, string>,
  timeoutMs = 30_000,
): Promise<Exit & { stdout: string; stderr: string }> {
  const server = spawnServer(env);
  const exit = await withTimeout(
    server.exited,
    timeoutMs,
    () => `the server did not exit within ${timeoutMs} ms\n${describe(server)}`,
  ).catch(async (error: unknown) => {
    await server.stop('SIGKILL');
    throw error;
  });
  return { ...exit, stdout: server.stdout(), stderr: server.stderr() };
}

/** Kills whatever this module started and is still running (for afterEach/afterAll). */
export async function killAll(): Promise<void> {
  await Promise.all([...running].map((server) => server.stop('SIGKILL', 5_000).catch(() => undefined)));
}

function describe(server: ServerProcess): string {
  return `--- stdout ---\n${server.stdout().slice(-4_000)}\n--- stderr ---\n${server.stderr().slice(-4_000)}`;
}

async function withTimeout<T>(promise: Promise<T>, ms: number, message: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(message())), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
