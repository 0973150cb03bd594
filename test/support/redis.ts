import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { freePort } from '../../server/src/system.js';
import { waitFor } from './wait.js';

/** The machine's Redis (CI's machine runs one). */
export const MACHINE_REDIS_URL = 'redis://127.0.0.1:6379';

function answers(port: number): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.setTimeout(1000, () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/** True when a Redis answers at 127.0.0.1:6379; tests that need one are skipped otherwise. */
export const machineRedisAvailable = await answers(6379);

/** True when `redis-server` can be started (for tests that restart their own Redis). */
export const redisServerInstalled = spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;

/** Prints the line that says why a group of tests did not run. */
export function reportSkipped(available: boolean, what: string, need: string): void {
  if (!available) console.log(`SKIPPED: ${what} need ${need}`);
}

export interface PrivateRedis {
  url: string;
  /** Kills the server outright (SIGKILL): every connection drops, nothing is kept. */
  kill(): Promise<void>;
  /** Starts it again on the same port, empty. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** A Redis of the test's own on a free port (no persistence), which it may kill and restart. */
export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const kill = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await exited;
  };
  const start = async () => {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    await waitFor(() => answers(port), { what: `redis-server on port ${port}` });
  };
  await start();
  return { url: `redis://127.0.0.1:${port}`, kill, start, stop: kill };
}
