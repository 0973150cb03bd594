import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MikroORM } from '@mikro-orm/postgresql';
import { DomainError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Reach } from '../modules/mail/reach.js';
import { unsubscribe } from '../modules/notifications/unsubscribe.js';
import { BodyTooLargeError, readBody } from './request.js';

/** A one-click body is 26 bytes; a multipart one a few hundred. Nothing longer is read. */
const MAX_BODY_BYTES = 4096;

function answer(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(`${text}\n`);
}

/**
 * Whether a body says `List-Unsubscribe=One-Click` (RFC 8058), form-encoded or as a
 * multipart/form-data field.
 */
export function isOneClick(body: string, contentType: string): boolean {
  if (/^multipart\/form-data\b/i.test(contentType)) {
    return /content-disposition:[^\r\n]*\bname="?List-Unsubscribe"?[^\r\n]*\r?\n(?:[^\r\n]+\r?\n)*\r?\nOne-Click\r?\n/i.test(
      body,
    );
  }
  return new URLSearchParams(body.trim()).get('List-Unsubscribe') === 'One-Click';
}

/**
 * `POST /unsubscribe?token=…` with `List-Unsubscribe=One-Click`: the one-click unsubscribe
 * of RFC 8058, sent by a mail client from an e-mail's List-Unsubscribe header. Does what the
 * page's button does. Only POST gets here: a GET of the same address is the web page,
 * which never acts by itself (link scanners fetch every link of an e-mail).
 */
export function createUnsubscribeHandler({ orm, reach }: { orm: MikroORM; reach: Reach }) {
  return async (req: IncomingMessage, res: ServerResponse, url: URL, log: Logger): Promise<void> => {
    let body: string;
    try {
      body = await readBody(req, MAX_BODY_BYTES);
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        res.setHeader('connection', 'close');
        return answer(res, 413, `The request body exceeds ${MAX_BODY_BYTES} bytes.`);
      }
      throw error;
    }
    if (!isOneClick(body, req.headers['content-type'] ?? ''))
      return answer(res, 400, 'Send List-Unsubscribe=One-Click as the body (RFC 8058).');
    try {
      // The token is in the query string, which the request log leaves out; it is never logged.
      const outcome = await unsubscribe(orm.em.fork(), reach, url.searchParams.get('token') ?? '');
      log.info({ scope: outcome.scope, stopped: outcome.stopped.length }, 'one-click unsubscribe');
      return answer(res, 200, `Unsubscribed: you will no longer get ${outcome.description}.`);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      log.info({ reason: error.details.reason ?? error.code }, 'one-click unsubscribe refused');
      return answer(res, 400, error.message);
    }
  };
}
