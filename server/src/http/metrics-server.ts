import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../logger.js';
import type { RouteHandler } from './server.js';

/** Loopback only: a scraper on the same host (or in the same pod) reaches it, nobody else. */
const METRICS_HOST = '127.0.0.1';

export interface MetricsServer {
  /** e.g. http://127.0.0.1:9464 */
  url: string;
  close(): Promise<void>;
}

/**
 * `/metrics` on a port of its own, bound to 127.0.0.1, apart from the public port; every
 * other path is a 404.
 */
export async function startMetricsServer(handler: RouteHandler, port: number, log: Logger): Promise<MetricsServer> {
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found.\n');
      return;
    }
    try {
      await handler(req, res, url, log);
    } catch (error) {
      log.error({ err: error }, 'metrics scrape failed');
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    }
  });
  server.headersTimeout = 20_000;
  server.requestTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, METRICS_HOST, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${METRICS_HOST}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
