import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Logger } from '../logger.js';
import { pathOf, requestIdOf } from '../observability/request-log.js';

/** A route; `log` is the request's logger, every line of which carries its `reqId`. */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse, url: URL, log: Logger) => Promise<void> | void;

export interface Routes {
  graphql: RouteHandler;
  /** `/healthz`: liveness, the process answers. */
  health: RouteHandler;
  /** `/readyz`: readiness, the dependencies answer. */
  readiness: RouteHandler;
  /** `/metrics`: Prometheus metrics. */
  metrics: RouteHandler;
  static: RouteHandler;
  /** `/.well-known/brieflock-keys`: the server's public keys. */
  wellKnown: RouteHandler;
  /** `/export/…`: contract version downloads. */
  export: RouteHandler;
  /** `POST /unsubscribe?token=…`: one-click unsubscribe (a GET there is the web page). */
  unsubscribe: RouteHandler;
}

/** How long an idle keep-alive connection stays open (announced in `Keep-Alive: timeout=`). */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

/** Probes and scrapes arrive every few seconds: their lines are logged at debug only. */
const QUIET_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * The HTTP server: routes by path, gives every request an id (echoed as `x-request-id`,
 * carried by every log line about it), logs each completed request, never leaks an error.
 */
export function createHttpServer(routes: Routes, log: Logger): http.Server {
  const server = http.createServer(async (req, res) => {
    const started = performance.now();
    const reqId = requestIdOf(req);
    const reqLog = log.child({ reqId });
    res.setHeader('x-request-id', reqId);
    // The path only: a query string may carry a token.
    const path = pathOf(req.url);
    res.once('close', () => {
      const line = {
        method: req.method,
        path,
        status: res.statusCode,
        durationMs: Math.round((performance.now() - started) * 100) / 100,
        ...(res.writableFinished ? {} : { aborted: true }),
      };
      if (QUIET_PATHS.has(path)) reqLog.debug(line, 'request');
      else reqLog.info(line, 'request');
    });
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://localhost');
    } catch {
      res.writeHead(400).end();
      return;
    }
    try {
      if (url.pathname === '/graphql') await routes.graphql(req, res, url, reqLog);
      else if (url.pathname === '/healthz') await routes.health(req, res, url, reqLog);
      else if (url.pathname === '/readyz') await routes.readiness(req, res, url, reqLog);
      else if (url.pathname === '/metrics') await routes.metrics(req, res, url, reqLog);
      else if (url.pathname === '/.well-known/brieflock-keys') await routes.wellKnown(req, res, url, reqLog);
      else if (url.pathname.startsWith('/export/')) await routes.export(req, res, url, reqLog);
      else if (url.pathname === '/unsubscribe' && req.method === 'POST')
        await routes.unsubscribe(req, res, url, reqLog);
      else await routes.static(req, res, url, reqLog);
    } catch (error) {
      reqLog.error({ err: error, path: url.pathname }, 'request failed');
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
        res.end(
          JSON.stringify({
            errors: [{ message: 'Internal server error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
          }),
        );
      } else {
        res.destroy();
      }
    }
  });
  // An idle keep-alive connection is closed by its client or its proxy, never first by the
  // server: a request sent on a connection in the instant the server closes it is lost with
  // ECONNRESET (a proxy retries no POST), and an event loop held up for a moment fires every
  // idle timer due at once. Longer than nginx's upstream keepalive_timeout (60 s).
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.headersTimeout = 20_000;
  server.requestTimeout = 60_000;
  return server;
}
