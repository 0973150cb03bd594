import net from 'node:net';

export interface TcpProxy {
  /** The port the proxy listens on (127.0.0.1). */
  port: number;
  /** `url` with its host and port replaced by the proxy's. */
  via(url: string): string;
  /** Destroys every open connection and refuses new ones until `restore()`. */
  cut(): void;
  /** Accepts connections again. */
  restore(): void;
  /** Connections currently proxied. */
  readonly open: number;
  close(): Promise<void>;
}

/** `url` with its host and port replaced by 127.0.0.1:`port`. */
function via(url: string, port: number): string {
  const parsed = new URL(url);
  parsed.hostname = '127.0.0.1';
  parsed.port = String(port);
  return parsed.toString();
}

/** Forwards `from` to `to`, each chunk `delayMs` later, in order. */
function forwardLater(from: net.Socket, to: net.Socket, delayMs: number): void {
  from.on('data', (chunk) => setTimeout(() => to.writable && to.write(chunk), delayMs));
  from.on('end', () => setTimeout(() => to.end(), delayMs));
}

/**
 * A TCP proxy to `target` for simulating an outage of a service (PostgreSQL) between the
 * app and it: while cut, established connections die and new ones are reset at once.
 * With `delayMs`, every chunk is delayed that long each way: a network where a frame
 * sent before a shutdown arrives during it.
 */
export async function startTcpProxy(target: { host: string; port: number }, { delayMs = 0 } = {}): Promise<TcpProxy> {
  const pairs = new Set<[net.Socket, net.Socket]>();
  let cut = false;
  const server = net.createServer((client) => {
    client.on('error', () => undefined);
    if (cut) {
      client.destroy();
      return;
    }
    const upstream = net.connect(target.port, target.host);
    upstream.on('error', () => undefined);
    const pair: [net.Socket, net.Socket] = [client, upstream];
    pairs.add(pair);
    const drop = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    if (delayMs > 0) {
      forwardLater(client, upstream, delayMs);
      forwardLater(upstream, client, delayMs);
      // A close travels behind the data still delayed.
      client.on('close', () => setTimeout(drop, delayMs + 1));
      upstream.on('close', () => setTimeout(drop, delayMs + 1));
    } else {
      client.on('close', drop);
      upstream.on('close', drop);
      client.pipe(upstream);
      upstream.pipe(client);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as net.AddressInfo;
  const destroyAll = () => {
    for (const [client, upstream] of [...pairs]) {
      client.destroy();
      upstream.destroy();
    }
    pairs.clear();
  };
  return {
    port,
    via: (url: string) => via(url, port),
    cut() {
      cut = true;
      destroyAll();
    },
    restore() {
      cut = false;
    },
    get open() {
      return pairs.size;
    },
    async close() {
      destroyAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export interface Balancer {
  port: number;
  /** `url` with its host and port replaced by the balancer's. */
  via(url: string): string;
  close(): Promise<void>;
}

/**
 * A TCP load balancer with failover in front of several local ports: each new connection
 * goes to the first of `ports` that accepts it, in order. A client of an instance that
 * dies reconnects through it to the next one, as behind a real load balancer.
 */
export async function startBalancer(ports: number[]): Promise<Balancer> {
  const sockets = new Set<net.Socket>();
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  };
  const server = net.createServer((client) => {
    track(client);
    client.pause();
    const attempt = (index: number) => {
      if (index >= ports.length || client.destroyed) return client.destroy();
      const upstream = net.connect(ports[index]!, '127.0.0.1');
      let connected = false;
      // Refused (the instance is down): try the next one.
      upstream.once('error', () => {
        if (!connected) attempt(index + 1);
      });
      upstream.once('connect', () => {
        connected = true;
        track(upstream);
        client.on('close', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
      });
    };
    attempt(0);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as net.AddressInfo;
  return {
    port,
    via: (url: string) => via(url, port).replace(/\/$/, ''),
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
