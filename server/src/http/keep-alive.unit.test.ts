import { once } from 'node:events';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../logger.js';
import { createHttpServer, type RouteHandler, type Routes } from './server.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** nginx's upstream keepalive_timeout in deploy/nginx.conf, in ms (nginx's default: 60 s). */
function nginxUpstreamKeepAliveMs(): number {
  const conf = fs.readFileSync(path.join(REPO_ROOT, 'deploy/nginx.conf'), 'utf8');
  const upstream = /upstream\s+\w+\s*\{([^}]*)\}/.exec(conf)?.[1] ?? '';
  const setting = /keepalive_timeout\s+(\d+)(ms|s|m)?\s*;/.exec(upstream);
  if (!setting) return 60_000;
  const unit = { ms: 1, s: 1000, m: 60_000 }[setting[2] ?? 's']!;
  return Number(setting[1]) * unit;
}

describe('keep-alive connections', () => {
  it('stay open longer than the proxy in front keeps them idle, and say so', async () => {
    const ok: RouteHandler = (_req, res) => void res.writeHead(200).end('ok');
    const routes = Object.fromEntries(
      ['graphql', 'health', 'readiness', 'metrics', 'static', 'wellKnown', 'export', 'unsubscribe'].map((name) => [
        name,
        ok,
      ]),
    ) as unknown as Routes;
    const server = createHttpServer(routes, createLogger('silent'));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const { port } = server.address() as AddressInfo;
      const agent = new http.Agent({ keepAlive: true });
      const response = await new Promise<http.IncomingMessage>((resolve, reject) =>
        http.get(`http://127.0.0.1:${port}/healthz`, { agent }, resolve).on('error', reject),
      );
      response.resume();
      agent.destroy();
      const announced = Number(/timeout=(\d+)/.exec(String(response.headers['keep-alive']))?.[1]) * 1000;
      // A client (or nginx, which retries no POST) reuses an idle connection only while its
      // own timeout runs: the server must not close it first.
      expect(announced).toBeGreaterThan(nginxUpstreamKeepAliveMs());
      expect(server.keepAliveTimeout).toBe(announced);
    } finally {
      server.close();
    }
  });
});
