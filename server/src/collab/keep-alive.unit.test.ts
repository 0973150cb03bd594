import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WebSocket } from 'ws';
import { KeepAlive } from './keep-alive.js';

class FakeSocket extends EventEmitter {
  pings = 0;
  terminated = false;
  ping(): void {
    this.pings++;
  }
  terminate(): void {
    this.terminated = true;
  }
}

afterEach(() => {
  vi.useRealTimers();
});

describe('keep-alive pings', () => {
  it('terminate a socket that missed a ping, and keep one that answers', () => {
    vi.useFakeTimers();
    const answering = new FakeSocket();
    const silent = new FakeSocket();
    const sockets = [answering, silent] as unknown as WebSocket[];
    const keepAlive = new KeepAlive(() => sockets, 1_000);
    for (const ws of sockets) keepAlive.watch(ws);

    vi.advanceTimersByTime(1_000);
    expect([answering.pings, silent.pings]).toEqual([1, 1]);
    answering.emit('pong');
    vi.advanceTimersByTime(1_000);
    expect(answering.terminated).toBe(false);
    expect(silent.terminated).toBe(true);
    expect(answering.pings).toBe(2);

    keepAlive.stop();
    vi.advanceTimersByTime(5_000);
    expect(answering.pings).toBe(2);
  });
});
