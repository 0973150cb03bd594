import { CloseCode } from '@brieflock/schema';
import type { Client as WsClient, Sink, SubscribePayload } from 'graphql-ws';

/**
 * The graphql-ws connection that carries subscriptions, on the same origin and path as
 * the HTTP API. The browser sends the session cookie with the WebSocket upgrade, which is
 * all the server needs: no token travels in `connectionParams`.
 */

/** What the socket did, for whoever shows whether live updates are on. */
export type SocketEvent =
  | { kind: 'connecting'; retry: boolean }
  | { kind: 'connected'; retry: boolean }
  | { kind: 'closed' };

export interface LiveSocket {
  /** Subscribes over the socket (connecting first if need be); returns the way to stop. */
  subscribe: (payload: SubscribePayload, sink: Sink) => () => void;
  /** Closes the socket for good. */
  dispose: () => void;
  /** Listens to the socket's life; returns the way to stop listening. */
  listen: (listener: (event: SocketEvent) => void) => () => void;
  /** True while the socket is open, for a subscriber that joins an open socket. */
  isConnected: () => boolean;
}

/** The WebSocket address of the GraphQL endpoint, on this page's origin. */
export function eventsUrl(): string {
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${window.location.host}/graphql`;
}

/** Refusals that another attempt cannot fix: signed out, no access, removed, no such proposal. */
const REFUSED: ReadonlySet<number> = new Set<number>([
  CloseCode.UNAUTHENTICATED,
  CloseCode.FORBIDDEN,
  CloseCode.NOT_FOUND,
  CloseCode.PARTICIPANT_REMOVED,
]);

const closeCodeOf = (value: unknown): number | null =>
  value && typeof value === 'object' && 'code' in value && typeof (value as { code: unknown }).code === 'number'
    ? (value as { code: number }).code
    : null;

/** How often the client pings an idle socket, and how long it waits for the pong before giving it up. */
export const PING_INTERVAL_MS = 10_000;
export const PONG_TIMEOUT_MS = 5_000;

/** Randomised exponential backoff, capped so a long outage is noticed within half a minute. */
function retryWait(retries: number): Promise<void> {
  const ms = Math.min(30_000, 1000 * 2 ** retries) + Math.random() * 1000;
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** One socket for all subscriptions; it reconnects (and resubscribes) until refused for good. */
export function createLiveSocket(): LiveSocket {
  const listeners = new Set<(event: SocketEvent) => void>();
  const emit = (event: SocketEvent) => {
    for (const listener of listeners) listener(event);
  };
  // The socket itself, not the last event: a lazily closed one may still be closing.
  let open: WebSocket | null = null;
  let pongTimer: ReturnType<typeof setTimeout> | undefined;
  const create = (createClient: typeof import('graphql-ws').createClient): WsClient =>
    createClient({
      url: eventsUrl(),
      // Connect with the first subscription, not before; close a little after the last, so
      // moving between a proposal and its versions keeps one socket.
      lazy: true,
      lazyCloseTimeout: 3000,
      retryAttempts: Number.POSITIVE_INFINITY,
      retryWait,
      // graphql-ws only retries close events by default; a network error deserves another try too.
      shouldRetry: (errorOrClose) => !REFUSED.has(closeCodeOf(errorOrClose) ?? 0),
      // Pings keep idle proxies from dropping the socket and bring a dead one to light: a
      // ping without its pong in time closes the socket (graphql-ws then retries), so
      // "Live updates on" never stays up over a connection that silently died.
      keepAlive: PING_INTERVAL_MS,
      on: {
        ping: (received) => {
          if (received) return;
          clearTimeout(pongTimer);
          const socket = open;
          pongTimer = setTimeout(() => {
            if (socket?.readyState !== WebSocket.OPEN) return;
            // A dead connection may take long to report its close: say so now.
            socket.close(CloseCode.SLOW_READER, 'No pong in time');
            emit({ kind: 'closed' });
          }, PONG_TIMEOUT_MS);
        },
        pong: (received) => {
          if (received) clearTimeout(pongTimer);
        },
        connecting: (isRetry) => emit({ kind: 'connecting', retry: isRetry }),
        connected: (socket, _payload, wasRetry) => {
          open = socket as WebSocket;
          emit({ kind: 'connected', retry: wasRetry });
        },
        closed: () => {
          clearTimeout(pongTimer);
          open = null;
          emit({ kind: 'closed' });
        },
      },
    });
  // graphql-ws is loaded with the first subscription, not with the first screen.
  let client: WsClient | null = null;
  let disposed = false;
  let loading: Promise<WsClient> | null = null;
  const load = () =>
    (loading ??= import('graphql-ws').then((module) => {
      client = create(module.createClient);
      return client;
    }));
  return {
    subscribe: (payload, sink) => {
      let stop: (() => void) | null = null;
      let stopped = false;
      load().then(
        (ready) => {
          if (!stopped && !disposed) stop = ready.subscribe(payload, sink);
        },
        (error: unknown) => {
          if (!stopped) sink.error(error);
        },
      );
      return () => {
        stopped = true;
        stop?.();
      };
    },
    dispose: () => {
      disposed = true;
      void client?.dispose();
    },
    listen: (listener) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    isConnected: () => open?.readyState === WebSocket.OPEN,
  };
}
