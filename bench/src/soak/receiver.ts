import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Failures } from './api.js';

/**
 * A webhook consumer on loopback: answers 200 to every POST and keeps, per delivery, its
 * arrival and its latency from the event (the body's `timestamp` is the event's `at`), and
 * per path (one path per endpoint) and event type, how many arrived.
 */
export class WebhookReceiver {
  readonly arrivedAt: number[] = [];
  readonly latencyMs: number[] = [];
  /** Per endpoint path, per event type: deliveries (a retried delivery would count twice). */
  readonly received = new Map<string, Map<string, number>>();
  /** Distinct `webhook-id`s: a retry repeats its id. */
  private readonly ids = new Set<string>();
  duplicates = 0;
  private server: Server | undefined;
  url = '';

  constructor(private readonly failures: Failures) {}

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const now = performance.now();
        const wallNow = Date.now();
        res.writeHead(200).end('ok');
        try {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { type: string; timestamp: string };
          const id = String(req.headers['webhook-id']);
          if (this.ids.has(id)) this.duplicates++;
          this.ids.add(id);
          this.arrivedAt.push(now);
          this.latencyMs.push(wallNow - Date.parse(body.timestamp));
          const path = req.url ?? '/';
          const kinds = this.received.get(path) ?? new Map<string, number>();
          this.received.set(path, kinds);
          kinds.set(body.type, (kinds.get(body.type) ?? 0) + 1);
        } catch (error) {
          this.failures.add('webhook', `unreadable delivery: ${(error as Error).message}`);
        }
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  count(path: string, type: string): number {
    return this.received.get(path)?.get(type) ?? 0;
  }

  window(from: number, to: number): number[] {
    const selected: number[] = [];
    for (let i = 0; i < this.arrivedAt.length; i++)
      if (this.arrivedAt[i]! >= from && this.arrivedAt[i]! < to) selected.push(this.latencyMs[i]!);
    return selected.sort((a, b) => a - b);
  }

  async close(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server!.close(resolve));
  }
}
