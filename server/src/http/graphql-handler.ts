import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { LIMITS, SESSION_COOKIE } from '@brieflock/schema';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { createContextFactory } from '../graphql/context.js';
import type { Context } from '../modules/context.js';
import { authenticate } from '../modules/accounts/sessions.js';
import type { SignInThrottleOptions } from '../modules/accounts/throttle.js';
import type { LiveBriefs } from '../modules/briefs/live-briefs.js';
import type { ProposalEvents } from '../modules/events/proposal-events.js';
import type { ServerKeys } from '../modules/trust/server-keys.js';
import type { JobQueue } from '../jobs/queue.js';
import type { Reach } from '../modules/mail/reach.js';
import { tagError } from '../observability/request-log.js';
import { serializeCookie } from './cookies.js';
import { BodyTooLargeError, readBody, requestMeta, tokenFrom } from './request.js';

export interface GraphQLHandlerDeps {
  apollo: ApolloServer<Context>;
  orm: MikroORM;
  config: Config;
  live: LiveBriefs;
  events: ProposalEvents;
  signInThrottle: SignInThrottleOptions;
  keys: ServerKeys;
  jobs: JobQueue;
  reach: Reach;
}

function sendError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  extraHeaders: Record<string, string> = {},
) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...extraHeaders });
  res.end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}

/**
 * GraphQL over HTTP: a few lines of `node:http` glue around Apollo's
 * `executeHTTPGraphQLRequest`, with a body size limit and session cookies.
 */
export function createGraphQLHandler({
  apollo,
  orm,
  config,
  live,
  events,
  signInThrottle,
  keys,
  jobs,
  reach,
}: GraphQLHandlerDeps) {
  const contextOf = createContextFactory({
    sessionTtlMs: config.sessionTtlMs,
    signInThrottle,
    relyingParty: config.relyingParty,
    orm,
    keys,
    live,
    events,
    jobs,
    reach,
    webhookAllowPrivate: config.webhookAllowPrivate,
  });
  return async (req: IncomingMessage, res: ServerResponse, url: URL, log: Logger): Promise<void> => {
    let body: unknown;
    if (req.method === 'POST') {
      let raw: string;
      try {
        raw = await readBody(req, LIMITS.graphqlMaxBodyBytes);
      } catch (error) {
        if (error instanceof BodyTooLargeError) {
          return sendError(res, 413, 'BAD_REQUEST', `Request body exceeds ${LIMITS.graphqlMaxBodyBytes} bytes.`, {
            connection: 'close',
          });
        }
        throw error;
      }
      const contentType = req.headers['content-type'] ?? '';
      if (/^application\/(graphql-response\+)?json\b/i.test(contentType) || contentType === '') {
        try {
          body = raw === '' ? undefined : JSON.parse(raw);
        } catch {
          return sendError(res, 400, 'BAD_REQUEST', 'Request body is not valid JSON.');
        }
      } else {
        body = raw;
      }
    }

    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }

    const setCookies: string[] = [];
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
      context: async () => {
        // Forked when first needed: a request without a token that reads nothing forks nothing.
        let em: EntityManager | undefined;
        const fork = () => (em ??= orm.em.fork());
        const token = tokenFrom(req);
        let auth: Awaited<ReturnType<typeof authenticate>> | null;
        try {
          auth = token === undefined ? null : await authenticate(fork(), token);
        } catch (error) {
          // Apollo formats (and logs) this error without a context: name the request.
          tagError(error, log);
          throw error;
        }
        return contextOf({
          em,
          fork,
          viewer: auth && typeof auth === 'object' ? auth : null,
          tokenProblem: typeof auth === 'string' ? auth : null,
          meta: requestMeta(req, config.trustProxy),
          cookies: {
            setSession: (value, expires) =>
              setCookies.push(serializeCookie(SESSION_COOKIE, value, { expires, secure: config.secureCookies })),
            clearSession: () =>
              setCookies.push(
                serializeCookie(SESSION_COOKIE, '', { expires: new Date(0), secure: config.secureCookies }),
              ),
          },
          log,
        });
      },
    });

    for (const [key, value] of response.headers) res.setHeader(key, value);
    if (setCookies.length) res.setHeader('set-cookie', setCookies);
    res.setHeader('cache-control', 'no-store');
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };
}
