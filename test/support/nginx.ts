import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../server/src/system.js';
import { REPO_ROOT } from './process.js';
import { waitFor } from './wait.js';

/** The nginx binary on PATH or where Debian's package puts it; null when none is installed. */
export const NGINX = ['nginx', '/usr/sbin/nginx'].find(
  (binary) => spawnSync(binary, ['-v'], { stdio: 'ignore' }).status === 0,
);

export interface Nginx {
  /** http://127.0.0.1:<port> of the load balancer. */
  url: string;
  port: number;
  /** What nginx wrote to its error log (for failure messages). */
  errors(): string;
  stop(): Promise<void>;
}

/**
 * `deploy/nginx.conf` (the server block docker-compose.yml runs) as it ships, with only
 * its upstream pointed at `upstreamPort` on loopback and its listen port made free; run
 * by a real nginx in the foreground with its pid, logs and temp files in a directory of
 * its own.
 */
export async function startNginx(upstreamPort: number): Promise<Nginx> {
  if (!NGINX) throw new Error('nginx is not installed');
  const port = await freePort();
  const prefix = mkdtempSync(path.join(os.tmpdir(), 'brieflock-nginx-'));
  const shipped = readFileSync(path.join(REPO_ROOT, 'deploy/nginx.conf'), 'utf8');
  const site = shipped
    .replace(
      /upstream brieflock \{[^}]*\}/,
      `upstream brieflock {\n    server 127.0.0.1:${upstreamPort};\n    keepalive 8;\n}`,
    )
    .replace(/listen 80;/, `listen 127.0.0.1:${port};`);
  if (!site.includes(`server 127.0.0.1:${upstreamPort};`) || !site.includes(`listen 127.0.0.1:${port};`))
    throw new Error('deploy/nginx.conf no longer has the upstream and listen lines this harness rewrites');
  const temp = (name: string) => path.join(prefix, name);
  writeFileSync(
    temp('nginx.conf'),
    [
      // One process, no workers to switch users for: the test owns it and stops it by pid.
      'master_process off;',
      'daemon off;',
      `pid ${temp('nginx.pid')};`,
      `error_log ${temp('error.log')} warn;`,
      'events { worker_connections 64; }',
      'http {',
      `  access_log ${temp('access.log')};`,
      `  client_body_temp_path ${temp('client_body')};`,
      `  proxy_temp_path ${temp('proxy')};`,
      `  fastcgi_temp_path ${temp('fastcgi')};`,
      `  uwsgi_temp_path ${temp('uwsgi')};`,
      `  scgi_temp_path ${temp('scgi')};`,
      site,
      '}',
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn(NGINX, ['-p', prefix, '-e', temp('error.log'), '-c', temp('nginx.conf')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const errors = () => {
    let log = '';
    try {
      log = readFileSync(temp('error.log'), 'utf8');
    } catch {}
    return `${stderr}${log}`;
  };
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await waitFor(
      () => {
        if (child.exitCode !== null) throw new Error(`nginx exited: ${errors()}`);
        return listening(port);
      },
      { what: `nginx on port ${port}` },
    );
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    rmSync(prefix, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    errors,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(prefix, { recursive: true, force: true });
    },
  };
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
