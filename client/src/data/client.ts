import { Client, fetchExchange, mapExchange, subscriptionExchange } from 'urql';
import { reportError } from '../api';
import { graphcache } from './cache';
import { createLiveSocket, type LiveSocket } from './socket';

export interface DataClient {
  client: Client;
  socket: LiveSocket;
  /** Closes the socket; the cache goes with the client. */
  dispose: () => void;
}

/**
 * The urql client: graphcache in front, queries and mutations POSTed to the same-origin
 * endpoint (authentication rides on the httpOnly session cookie; the client never sees a
 * token), subscriptions over graphql-ws. One per signed-in session: signing in or out
 * starts a fresh one, so nobody finds the previous person's data in the cache.
 */
export function createDataClient(): DataClient {
  const socket = createLiveSocket();
  const client = new Client({
    url: '/graphql',
    // POST only: the server's CSRF protection turns away GET queries without a preflight header.
    preferGetMethod: false,
    fetchOptions: { credentials: 'same-origin' },
    exchanges: [
      mapExchange({ onError: reportError }),
      graphcache(),
      fetchExchange,
      subscriptionExchange({
        forwardSubscription: (request) => ({
          subscribe: (sink) => ({
            unsubscribe: socket.subscribe({ ...request, query: request.query ?? '' }, sink),
          }),
        }),
      }),
    ],
  });
  return { client, socket, dispose: socket.dispose };
}
