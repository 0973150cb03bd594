import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
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
  /** What nginx wrote to the access log `deploy/nginx.conf` names, in its `log_format`. */
  accessLog(): string;
  stop(): Promise<void>;
}

/** Where `deploy/nginx.conf` writes its access log (the nginx image sends it to stdout). */
const SHIPPED_ACCESS_LOG = '/var/log/nginx/access.log';

/**
 * `deploy/nginx.conf` (the server block docker-compose.yml runs) as it ships, with only
 * its upstream servers pointed at `upstreamPorts` on loopback (each with the parameters
 * the shipped servers have), its listen port made free and its access log in a directory
 * of its own; run by a real nginx in the foreground with its pid, logs and temp files there.
 */
export async function startNginx(upstreamPorts: number | number[]): Promise<Nginx> {
  if (!NGINX) throw new Error('nginx is not installed');
  const ports = typeof upstreamPorts === 'number' ? [upstreamPorts] : upstreamPorts;
  const port = await freePort();
  const prefix = mkdtempSync(path.join(os.tmpdir(), 'brieflock-nginx-'));
  const temp = (name: string) => path.join(prefix, name);
  const shipped = readFileSync(path.join(REPO_ROOT, 'deploy/nginx.conf'), 'utf8');
  const upstream = /upstream brieflock \{[^}]*\}/.exec(shipped)?.[0] ?? '';
  const servers = [...upstream.matchAll(/^\s*server\s+\S+?((?:\s+[^;]*)?);\s*$/gm)];
  // The shipped servers' parameters (max_fails, fail_timeout, …), and everything else in the block.
  const parameters = servers[0]?.[1] ?? '';
  const rest = upstream
    .replace(/^upstream brieflock \{/, '')
    .replace(/\}$/, '')
    .split('\n')
    .filter((line) => line.trim() !== '' && !/^\s*server\s/.test(line));
  const site = shipped
    .replace(
      upstream,
      [
        'upstream brieflock {',
        ...ports.map((upstreamPort) => `    server 127.0.0.1:${upstreamPort}${parameters};`),
        ...rest,
        '}',
      ].join('\n'),
    )
    .replace(/listen 80;/, `listen 127.0.0.1:${port};`)
    .replace(`access_log ${SHIPPED_ACCESS_LOG} `, `access_log ${temp('access.log')} `);
  if (
    servers.length === 0 ||
    !ports.every((upstreamPort) => site.includes(`server 127.0.0.1:${upstreamPort}${parameters};`)) ||
    !site.includes(`listen 127.0.0.1:${port};`) ||
    !site.includes(`access_log ${temp('access.log')} `)
  )
    throw new Error('deploy/nginx.conf no longer has the upstream, listen and access_log lines this harness rewrites');
  writeFileSync(
    temp('nginx.conf'),
    [
      // One process, no workers to switch users for: the test owns it and stops it by pid.
      'master_process off;',
      'daemon off;',
      `pid ${temp('nginx.pid')};`,
      `error_log ${temp('error.log')} warn;`,
      'events { worker_connections 512; }',
      'http {',
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
    accessLog() {
      try {
        return readFileSync(temp('access.log'), 'utf8');
      } catch {
        return '';
      }
    },
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

/** The client's own address: loopback, but not the one nginx reaches the app from. */
export const CLIENT_ADDRESS = '127.0.0.2';
/** An address a client writes into X-Forwarded-For to pass for someone else. */
export const SPOOFED = '203.0.113.66';

/** A GraphQL POST through nginx from CLIENT_ADDRESS, with the headers the client chooses. */
export function postFrom(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  headers: Record<string, string>,
): Promise<{ status: number; body: { data?: Record<string, unknown>; errors?: unknown[] } }> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ query, variables });
    const request = http.request(
      `${url}/graphql`,
      {
        method: 'POST',
        localAddress: CLIENT_ADDRESS,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          text += chunk;
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) }));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}
