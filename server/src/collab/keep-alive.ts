import type { WebSocket } from 'ws';

/**
 * Keep-alive pings: every interval each socket is pinged, and a socket that has not
 * answered the previous ping is terminated (its peer is gone without a close).
 */
export class KeepAlive {
  private readonly alive = new WeakSet<WebSocket>();
  private readonly timer: NodeJS.Timeout;

  constructor(sockets: () => Iterable<WebSocket>, intervalMs: number) {
    this.timer = setInterval(() => {
      for (const ws of sockets()) {
        if (!this.alive.has(ws)) {
          ws.terminate();
          continue;
        }
        this.alive.delete(ws);
        ws.ping();
      }
    }, intervalMs);
    this.timer.unref();
  }

  /** Starts watching a new socket. */
  watch(ws: WebSocket): void {
    this.alive.add(ws);
    ws.on('pong', () => this.alive.add(ws));
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
