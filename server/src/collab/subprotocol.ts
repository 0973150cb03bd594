import type { IncomingMessage } from 'node:http';
import { COLLAB_SUBPROTOCOL, COLLAB_TOKEN_SUBPROTOCOL_PREFIX } from '@brieflock/schema';

/** The subprotocols a WebSocket upgrade request offers, in its order. */
export function offeredProtocols(request: IncomingMessage): string[] {
  const header = request.headers['sec-websocket-protocol'];
  if (typeof header !== 'string') return [];
  return header
    .split(',')
    .map((protocol) => protocol.trim())
    .filter((protocol) => protocol !== '');
}

/**
 * The session token offered as the subprotocol `brieflock.token.<token>`; undefined when
 * none is. An empty one is '' (a token was meant: the socket is refused as unauthenticated).
 */
export function subprotocolToken(request: IncomingMessage): string | undefined {
  const offered = offeredProtocols(request).find((protocol) => protocol.startsWith(COLLAB_TOKEN_SUBPROTOCOL_PREFIX));
  return offered?.slice(COLLAB_TOKEN_SUBPROTOCOL_PREFIX.length);
}

/**
 * The subprotocol a collaboration socket is accepted with: `brieflock` when offered, else
 * none (a plain y-websocket client offers none). Never the one carrying the token, which
 * would echo the secret in the response.
 */
export function selectProtocol(protocols: Set<string>): string | false {
  return protocols.has(COLLAB_SUBPROTOCOL) ? COLLAB_SUBPROTOCOL : false;
}

/** True when a token is offered without `brieflock`, the subprotocol the server would select. */
export function tokenWithoutProtocol(request: IncomingMessage): boolean {
  return subprotocolToken(request) !== undefined && !offeredProtocols(request).includes(COLLAB_SUBPROTOCOL);
}
