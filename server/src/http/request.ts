import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import proxyaddr from 'proxy-addr';
import type { TrustProxy } from '../config.js';
import { SESSION_COOKIE } from '@brieflock/schema';
import type { RequestMeta } from '../modules/accounts/sessions.js';
import { readCookie } from './cookies.js';

/** The session token from `Authorization: Bearer`, else from the web client's cookie. */
export function tokenFrom(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (header) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    return match?.[1] ?? '';
  }
  return readCookie(req, SESSION_COOKIE);
}

/** Compiled address lists, one per configuration (the config object lives as long as the app). */
const compiled = new WeakMap<string[], (address: string, hop: number) => boolean>();

function trustOf(trustProxy: Exclude<TrustProxy, false>): (address: string, hop: number) => boolean {
  if (typeof trustProxy === 'number') return (_address, hop) => hop < trustProxy;
  let trust = compiled.get(trustProxy);
  if (!trust) {
    trust = proxyaddr.compile(trustProxy);
    compiled.set(trustProxy, trust);
  }
  return trust;
}

/**
 * The client's address: the peer address, or behind trusted proxies the address the
 * outermost trusted proxy saw. X-Forwarded-For is read from the right, one entry per
 * trusted hop (proxy-addr, as Express does): every proxy appends the address of its own
 * peer, so the entries left of the last trusted one are whatever the client wrote and
 * are never believed.
 */
export function clientAddress(req: IncomingMessage, trustProxy: TrustProxy): string | null {
  const peer = req.socket.remoteAddress ?? null;
  if (trustProxy === false || peer === null) return peer;
  const address = proxyaddr(req, trustOf(trustProxy));
  // An entry that is no address at all (more hops configured than proxies in front)
  // is not evidence of anything: the peer is.
  return isIP(address) ? address : peer;
}

/** Who is asking: the client's address (see `clientAddress`) and its user agent. */
export function requestMeta(req: IncomingMessage, trustProxy: TrustProxy): RequestMeta {
  return {
    ip: clientAddress(req, trustProxy),
    userAgent: typeof req.headers['user-agent'] === 'string' ? req.headers['user-agent'] : null,
  };
}

export class BodyTooLargeError extends Error {}

/** Reads a request body up to `limit` bytes. */
export function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        // Stop buffering but drain the rest, so the 413 answer can still be written.
        chunks.length = 0;
        req.removeAllListeners('data');
        req.resume();
        reject(new BodyTooLargeError());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
