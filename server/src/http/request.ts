import type { IncomingMessage } from 'node:http';
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

/**
 * Who is asking: the peer address, or with `trustProxy` the left-most address of
 * X-Forwarded-For (the client as the proxy saw it).
 */
export function requestMeta(req: IncomingMessage, trustProxy: boolean): RequestMeta {
  const forwarded = trustProxy ? req.headers['x-forwarded-for'] : undefined;
  const forwardedIp = typeof forwarded === 'string' ? forwarded.split(',')[0]?.trim() : undefined;
  return {
    ip: forwardedIp || req.socket.remoteAddress || null,
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
