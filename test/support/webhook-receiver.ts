import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
  at: Date;
}

export interface Receiver {
  /** http://127.0.0.1:<port>/hook */
  url: string;
  port: number;
  received: ReceivedWebhook[];
  /** How the next requests are answered (default 200). */
  answer: (res: ServerResponse, request: ReceivedWebhook) => void;
}

/**
 * Real HTTP receivers on 127.0.0.1 for a test file, closed after each test. Each records
 * every request it gets, with its raw body, as a webhook consumer would see it.
 */
export function useReceivers() {
  const servers: Server[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
  return async function startReceiver(answer?: Receiver['answer']): Promise<Receiver> {
    const receiver = { received: [] as ReceivedWebhook[], answer: answer ?? ((res) => res.writeHead(200).end('ok')) };
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const request = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: new Date() };
        receiver.received.push(request);
        receiver.answer(res, request);
      });
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    return Object.assign(receiver, { port, url: `http://127.0.0.1:${port}/hook` });
  };
}

/** The headers standardwebhooks' `verify` reads, as plain strings. */
export const signatureHeaders = (headers: IncomingHttpHeaders): Record<string, string> => ({
  'webhook-id': String(headers['webhook-id']),
  'webhook-timestamp': String(headers['webhook-timestamp']),
  'webhook-signature': String(headers['webhook-signature']),
});
