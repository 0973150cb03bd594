import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServerKeys } from '../modules/trust/server-keys.js';

/**
 * `GET /.well-known/brieflock-keys`: the public keys whose signatures this server's
 * records and receipts carry, `{ keys: [{ keyId, alg, publicKey, createdAt, retiredAt }] }`.
 * Public and cacheable for a short while: anyone checking evidence may fetch it.
 */
export function createWellKnownHandler(keys: ServerKeys) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ errors: [{ message: 'Use GET.', extensions: { code: 'BAD_REQUEST' } }] }));
      return;
    }
    const body = Buffer.from(JSON.stringify({ keys: keys.published() }), 'utf8');
    res.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': body.length,
      'cache-control': 'public, max-age=300',
      'access-control-allow-origin': '*',
      'x-content-type-options': 'nosniff',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}
