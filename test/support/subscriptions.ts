import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { TestApp } from './app.js';
import { lifecycleOf } from './collab.js';
import { waitFor } from './wait.js';

/** What the tests select of a ProposalEvent. */
export const EVENT_FIELDS =
  'kind proposalId sections at actor { id email } version { id number status contentHash signatures { signer { id } } } participant { id role user { id email } }';

export const PROPOSAL_EVENTS = `subscription($proposalId: ID!) { proposalEvents(proposalId: $proposalId) { ${EVENT_FIELDS} } }`;

export interface EventView {
  kind: string;
  proposalId: string;
  sections: string[];
  at: string;
  actor: { id: string; email: string } | null;
  version: {
    id: string;
    number: number;
    status: string;
    contentHash: string;
    signatures: { signer: { id: string } }[];
  } | null;
  participant: { id: string; role: string; user: { id: string; email: string } } | null;
}

export interface ErrorView {
  message: string;
  extensions?: { code?: string; [key: string]: unknown };
}

export interface Sub<T = { proposalEvents: EventView }> {
  /** Every `next` payload, in order. */
  results: { data?: T | null; errors?: ErrorView[] }[];
  /** GraphQL errors, from an `error` message or from a `next` payload. */
  errors: ErrorView[];
  /** Set when the subscription failed because its socket closed (a CloseEvent) or another error. */
  failure: unknown;
  completed: boolean;
  /** Stops the subscription (sends `complete`). */
  stop(): void;
}

export interface Connection {
  client: Client;
  /** Close codes of this client's sockets, in order. */
  closes: { code: number; reason: string }[];
  acknowledged: boolean;
  subscribe<T = { proposalEvents: EventView }>(query: string, variables?: Record<string, unknown>): Sub<T>;
}

/** The kinds of an event subscription's events, in order. */
export const kinds = (sub: Sub) => events(sub).map((event) => event.kind);

/** The proposal events a subscription delivered, in order. */
export const events = (sub: Sub): EventView[] =>
  sub.results.flatMap((result) => (result.data?.proposalEvents ? [result.data.proposalEvents] : []));

/** Error codes a subscription received. */
export const codesOf = (sub: Pick<Sub<unknown>, 'errors'>) => sub.errors.map((error) => error.extensions?.code);

/** `/graphql` as a ws:// URL. */
export const wsUrl = (t: TestApp) => `${t.app.url.replace(/^http/, 'ws')}/graphql`;

/**
 * Real graphql-ws clients (`lazy: false`, no retries) on the app's `/graphql`. The pool
 * disposes them all; `settle` waits until the server holds none of their subscriptions.
 */
export function clientPool(t: () => TestApp) {
  const open: Connection[] = [];
  return {
    connect(connectionParams?: Record<string, unknown>, webSocketImpl: unknown = WebSocket): Connection {
      const connection = connect(t(), connectionParams, webSocketImpl);
      open.push(connection);
      return connection;
    },
    async disposeAll(): Promise<void> {
      for (const connection of open.splice(0)) await connection.client.dispose();
      await waitFor(() => t().app.events.subscriberCount === 0, { what: 'every subscription to end on the server' });
    },
  };
}

function connect(
  t: TestApp,
  connectionParams: Record<string, unknown> | undefined,
  webSocketImpl: unknown,
): Connection {
  const closes: Connection['closes'] = [];
  const connection: Connection = {
    closes,
    acknowledged: false,
    client: createClient({
      url: wsUrl(t),
      webSocketImpl,
      connectionParams,
      lazy: false,
      retryAttempts: 0,
      onNonLazyError: () => undefined,
      on: {
        connected: () => {
          connection.acknowledged = true;
        },
        closed: (event) => {
          const { code, reason } = event as { code: number; reason: string };
          closes.push({ code, reason: String(reason) });
        },
      },
    }),
    subscribe<T>(query: string, variables?: Record<string, unknown>): Sub<T> {
      const sub: Sub<T> = {
        results: [],
        errors: [],
        failure: undefined,
        completed: false,
        stop: () => undefined,
      };
      sub.stop = connection.client.subscribe<T>(
        { query, variables },
        {
          next: (result) => {
            const value = result as { data?: T | null; errors?: ErrorView[] };
            sub.results.push(value);
            if (value.errors) sub.errors.push(...value.errors);
          },
          error: (error) => {
            if (Array.isArray(error)) sub.errors.push(...(error as ErrorView[]));
            else sub.failure = error;
          },
          complete: () => {
            sub.completed = true;
          },
        },
      );
      return sub;
    },
  };
  return connection;
}

/** Waits for the connection_ack. */
export async function acknowledged(connection: Connection): Promise<void> {
  await waitFor(() => connection.acknowledged || connection.closes.length > 0, { what: 'connection_ack' });
  if (!connection.acknowledged) throw new Error(`connection closed before ack: ${JSON.stringify(connection.closes)}`);
}

/** Waits for the first close of a connection and returns its code. */
export async function closedWith(connection: Connection): Promise<number> {
  const close = await waitFor(() => connection.closes[0], { what: 'the socket to close' });
  return close.code;
}

/**
 * Subscribes to a proposal's events and waits until the server holds the subscription
 * (events published from then on reach it). Call one at a time.
 */
export async function subscribeLive(t: TestApp, connection: Connection, proposalId: string): Promise<Sub> {
  const before = t.app.events.subscriberCount;
  const sub = connection.subscribe(PROPOSAL_EVENTS, { proposalId });
  await waitFor(() => t.app.events.subscriberCount > before || sub.errors.length > 0 || sub.failure !== undefined, {
    what: 'the subscription to be live',
  });
  if (sub.errors.length > 0 || sub.failure !== undefined)
    throw new Error(`subscription refused: ${JSON.stringify(sub.errors)} ${String(sub.failure)}`);
  return sub;
}

/** Waits until a subscription delivered an event matching `match`; returns it. */
export function nextEvent(sub: Sub, match: (event: EventView) => boolean, what = 'an event'): Promise<EventView> {
  return waitFor(() => events(sub).find(match), { what });
}

/** Waits until a subscription delivered at least `count` events. */
export async function eventCount(sub: Sub, count: number): Promise<EventView[]> {
  await waitFor(() => events(sub).length >= count, { what: `${count} events (have ${kinds(sub).join(', ')})` });
  return events(sub);
}

export interface RawGraphqlSocket {
  socket: WebSocket;
  /** Parsed messages received. */
  messages: { type: string; [key: string]: unknown }[];
  closed: Promise<{ code: number; reason: string; status?: number }>;
  opened: Promise<boolean>;
}

/** A bare WebSocket on `/graphql` with the graphql-transport-ws subprotocol, for frames a client never sends. */
export function rawGraphqlSocket(
  t: TestApp,
  headers: Record<string, string> = {},
  options: WebSocket.ClientOptions = {},
): RawGraphqlSocket {
  const socket = new WebSocket(wsUrl(t), 'graphql-transport-ws', { ...options, headers });
  const messages: RawGraphqlSocket['messages'] = [];
  socket.on('message', (data: Buffer) => messages.push(JSON.parse(data.toString('utf8'))));
  return { socket, messages, ...lifecycleOf(socket) };
}

/** A `ws` WebSocket class that sends `headers` on its upgrade request (e.g. a session cookie). */
export function webSocketWithHeaders(headers: Record<string, string>) {
  return class extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  };
}
