import { randomUUID } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Logger } from '../logger.js';

export type RouteHandler = (req: IncomingMessage, res: ServerResponse, url: URL, requestId: string) => Promise<void> | void;

export interface Routes {
  graphql: RouteHandler;
  health: RouteHandler;
  static: RouteHandler;
  /** `/export/…`: contract version downloads. */
  export: RouteHandler;
}

/** The HTTP server: routes by path, tags every request with an id, never leaks an error. */
export function createHttpServer(routes: Routes, log: Logger): http.Server {
  const server = http.createServer(async (req, res) => {
    const requestId = typeof req.headers['x-request-id'] === 'string' && /^[\w-]{1,64}$/.test(req.headers['x-request-id'])
      ? req.headers['x-request-id']
      : randomUUID();
    res.setHeader('x-request-id', requestId);
    const started = process.hrtime.bigint();
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      res.writeHead(400).end();
      return;
    }
    try {
      if (url.pathname === '/graphql') await routes.graphql(req, res, url, requestId);
      else if (url.pathname === '/healthz') await routes.health(req, res, url, requestId);
      else if (url.pathname.startsWith('/export/')) await routes.export(req, res, url, requestId);
      else await routes.static(req, res, url, requestId);
    } catch (error) {
      log.error({ err: error, requestId, path: url.pathname }, 'request failed');
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify({ errors: [{ message: 'Internal server error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] }));
      } else {
        res.destroy();
      }
    } finally {
      log.debug(
        { requestId, method: req.method, path: url.pathname, status: res.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6 },
        'request',
      );
    }
  });
  server.headersTimeout = 20_000;
  server.requestTimeout = 60_000;
  return server;
}
