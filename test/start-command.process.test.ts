import { spawn } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './support/db.js';
import { freePort, killAll, REPO_ROOT, spawnServer, waitUntilHealthy } from './support/process.js';
import { waitFor } from './support/wait.js';

/**
 * A person's PATH: without the node_modules/.bin folders that `pnpm test` puts first, where
 * `node` is a shell wrapper around the pinned binary (pnpm itself would then run under it).
 */
const userPath = (process.env.PATH ?? '')
  .split(path.delimiter)
  .filter((entry) => !entry.includes(`node_modules${path.sep}.bin`))
  .join(path.delimiter);

interface Started {
  /** The `script` process holding the pseudo-terminal. */
  pid: number;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Runs `pnpm start` on a pseudo-terminal of its own (util-linux `script`), as a person runs
 * it: a Ctrl-C typed there reaches every process of the foreground job as SIGINT.
 */
function pnpmStart(env: Record<string, string>): Started & { type(text: string): void } {
  // `exec`: the terminal's job is pnpm itself, as when a person types the command at a prompt.
  const child = spawn('script', ['--quiet', '--return', '--command', 'exec pnpm start', '/dev/null'], {
    cwd: REPO_ROOT,
    env: { PATH: userPath, HOME: process.env.HOME ?? '/root', TERM: 'dumb', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    pid: child.pid!,
    output: () => output.replaceAll('\r\n', '\n'),
    exited,
    type: (text) => child.stdin!.write(text),
  };
}

/** The session leader `script` started on the pseudo-terminal: its process group is the job. */
function jobLeader(scriptPid: number): number {
  return Number(readFileSync(`/proc/${scriptPid}/task/${scriptPid}/children`, 'utf8').trim().split(' ')[0]);
}

const mtime = (file: string) => statSync(path.join(REPO_ROOT, file)).mtimeMs;

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await killAll();
  await db?.drop();
});

describe('pnpm start', () => {
  it.each([
    ['Ctrl-C on its terminal', 'ctrl-c'],
    ['SIGTERM to every process of the job, as a service manager stops it', 'sigterm'],
  ] as const)('ends with exit code 0 and no ELIFECYCLE line on %s', { timeout: 180_000 }, async (_what, target) => {
    const port = await freePort();
    // No LOG_FORMAT: on a terminal the logs are readable lines and the ready line is printed.
    const started = pnpmStart({ DATABASE_URL: db.url, PORT: String(port) });
    try {
      await waitFor(() => started.output().includes(`Brieflock is running at http://localhost:${port}\n`), {
        timeoutMs: 120_000,
        what: `the ready line\n${started.output()}`,
      });
      // The app runs on the pinned Node 24, whatever Node the machine's PATH has.
      const metrics = await fetch(`http://127.0.0.1:${port}/metrics`).then((response) => response.text());
      expect(metrics).toMatch(/^nodejs_version_info\{version="v24\.[^"]*",major="24"/m);
      if (target === 'ctrl-c') started.type('\x03');
      else process.kill(-jobLeader(started.pid), 'SIGTERM');
      const exit = await started.exited;
      expect(exit, started.output()).toEqual({ code: 0, signal: null });
      expect(started.output()).not.toMatch(/ELIFECYCLE|ERR_PNPM|Command failed/);
      expect(started.output()).toMatch(/INFO.*stopped/);
    } finally {
      try {
        process.kill(-jobLeader(started.pid), 'SIGKILL');
      } catch {
        // already gone
      }
    }
  });

  it('every pnpm script runs on the pinned Node 24, not on the Node of the PATH', async () => {
    const child = spawn('pnpm', ['exec', 'node', '--version'], {
      cwd: REPO_ROOT,
      env: { PATH: userPath, HOME: process.env.HOME ?? '/root' },
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    expect(code).toBe(0);
    expect(out.trim()).toMatch(/^v24\./);
  });

  it('a second build of an unchanged tree rewrites nothing', async () => {
    const outputs = ['schema/dist/index.js', 'server/dist/main.js', 'client/dist/index.html'];
    const before = outputs.map(mtime);
    const build = spawn(process.execPath, [path.join(REPO_ROOT, 'scripts/build.mjs')], { cwd: REPO_ROOT });
    const code = await new Promise<number | null>((resolve) => build.once('close', resolve));
    expect(code).toBe(0);
    expect(outputs.map(mtime)).toEqual(before);
  });
});

describe('logs', () => {
  it('are JSON, one object a line, when the output is not a terminal', async () => {
    const port = await freePort();
    const server = spawnServer({ DATABASE_URL: db.url, PORT: String(port) });
    await waitUntilHealthy(server, `http://127.0.0.1:${port}`);
    await waitFor(() => server.stdout().includes('Brieflock is serving'), { what: 'the ready log line' });
    await server.stop('SIGTERM');
    const lines = server.stdout().trim().split('\n');
    for (const line of lines) expect(() => JSON.parse(line), line).not.toThrow();
    expect(lines.map((line) => JSON.parse(line).msg)).toContain('Brieflock is serving');
    expect(server.stdout()).not.toContain('Brieflock is running at');
  });

  it('are readable lines, with one ready line, for LOG_FORMAT=pretty', async () => {
    const port = await freePort();
    const server = spawnServer({ DATABASE_URL: db.url, PORT: String(port), LOG_FORMAT: 'pretty' });
    await waitUntilHealthy(server, `http://127.0.0.1:${port}`);
    await waitFor(() => server.stdout().includes('Brieflock is running at'), { what: 'the ready line' });
    await server.stop('SIGTERM');
    expect(server.stdout().match(/Brieflock is running at .*\n/g)).toEqual([
      `Brieflock is running at http://localhost:${port}\n`,
    ]);
    expect(server.stdout()).toMatch(/^\[\d\d:\d\d:\d\d\] INFO: shutting down$/m);
    expect(server.stdout()).not.toMatch(/^\{"level"/m);
  });
});
