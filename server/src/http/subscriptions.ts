import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  GraphQLError,
  getOperationAST,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type GraphQLSchema,
} from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import type { Context as WsContext } from 'graphql-ws';
import { WebSocketServer, type WebSocket } from 'ws';
import type { MikroORM } from '@mikro-orm/postgresql';
import { CONTRACT_LIMITS, CloseCode, ErrorCode, LIMITS } from '@brieflock/schema';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { requestMeta, tokenFrom } from './request.js';
import { originAllowed } from './origin.js';
import { authenticate, type Viewer } from '../modules/accounts/sessions.js';
import type { SignInThrottleOptions } from '../modules/accounts/throttle.js';
import type { LiveBriefs } from '../modules/briefs/live-briefs.js';
import type { ProposalEvents } from '../modules/events/proposal-events.js';
import type { Context } from '../modules/context.js';
import type { ServerKeys } from '../modules/trust/server-keys.js';
import type { JobQueue } from '../jobs/queue.js';
import type { Reach } from '../modules/mail/reach.js';
import { buildContext } from '../graphql/context.js';
import { formatGraphQLError } from '../graphql/errors.js';
import { apolloHardening } from '../graphql/hardening.js';
import { createSharedSubscriptions, viewerIndependent } from '../graphql/shared-subscriptions.js';

/** Default ping interval of subscription sockets. */
const HEARTBEAT_MS = 30_000;

interface Extra extends Record<PropertyKey, unknown> {
  socket: WebSocket;
  request: IncomingMessage;
  viewer?: Viewer;
  expiryTimer?: NodeJS.Timeout;
}

export interface SubscriptionServerDeps {
  schema: GraphQLSchema;
  orm: MikroORM;
  config: Config;
  log: Logger;
  live: LiveBriefs;
  events: ProposalEvents;
  keys: ServerKeys;
  jobs: JobQueue;
  reach: Reach;
  /** How often sockets are pinged; one unanswered ping ends a socket. */
  heartbeatMs?: number;
  signInThrottle: SignInThrottleOptions;
}

/** Refusals this transport raises itself: shown as they are, never masked. */
const refusals = new WeakSet<GraphQLError>();
const requestError = (message: string, code: string) => {
  const error = new GraphQLError(message, { extensions: { code } });
  refusals.add(error);
  return error;
};

/** The session token from connection params (`{ token }` or `{ authorization: 'Bearer …' }`), else the upgrade request. */
function tokenOf(params: Readonly<Record<string, unknown>> | undefined, request: IncomingMessage): string | undefined {
  if (typeof params?.token === 'string') return params.token;
  if (typeof params?.authorization === 'string') return /^Bearer\s+(\S+)\s*$/i.exec(params.authorization)?.[1] ?? '';
  return tokenFrom(request);
}

/**
 * GraphQL subscriptions over graphql-ws on `/graphql`. Authenticated at connection_init,
 * checked against the same depth, alias, cost and token limits as HTTP, subscriptions
 * only (queries and mutations go over HTTP), a cap per connection, and sockets closed
 * when their session is signed out or expires.
 */
export function createSubscriptionServer({
  schema,
  orm,
  config,
  log,
  live,
  events,
  keys,
  jobs,
  reach,
  heartbeatMs = HEARTBEAT_MS,
  signInThrottle,
}: SubscriptionServerDeps) {
  const production = config.env === 'production';
  const hardening = apolloHardening(production);
  const rules = [...specifiedRules, ...hardening.validationRules];
  const format = formatGraphQLError(log.child({ transport: 'graphql-ws' }), { production });
  const wss = new WebSocketServer({ noServer: true, maxPayload: LIMITS.graphqlMaxBodyBytes });
  const sockets = new Set<Extra>();
  const shared = createSharedSubscriptions();

  // A peer that vanished without a close (network cut, sleeping laptop) is found by a
  // WebSocket ping it no longer answers, and its subscriptions end.
  const answered = new WeakMap<WebSocket, boolean>();
  wss.on('connection', (ws: WebSocket) => {
    answered.set(ws, true);
    ws.on('pong', () => answered.set(ws, true));
  });
  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (answered.get(ws) === false) {
        ws.terminate();
        continue;
      }
      answered.set(ws, false);
      ws.ping();
    }
  }, heartbeatMs);
  heartbeat.unref();

  const closeWith = (extra: Extra, code: number, reason: string) => {
    if (extra.socket.readyState === extra.socket.OPEN || extra.socket.readyState === extra.socket.CONNECTING)
      extra.socket.close(code, reason);
  };

  const forget = (extra: Extra) => {
    sockets.delete(extra);
    clearTimeout(extra.expiryTimer);
  };

  const formatErrors = (errors: readonly GraphQLError[]) =>
    errors.map((error) => (refusals.has(error) ? error.toJSON() : format(error.toJSON(), error)));

  useServer<Record<string, unknown> | undefined, Extra>(
    {
      schema,
      connectionInitWaitTimeout: 5_000,
      onConnect: async (ctx: WsContext<Record<string, unknown> | undefined, Extra>) => {
        const token = tokenOf(ctx.connectionParams, ctx.extra.request);
        if (!token) {
          closeWith(ctx.extra, CloseCode.UNAUTHENTICATED, 'sign in first');
          return false;
        }
        const auth = await authenticate(orm.em.fork(), token);
        if (typeof auth === 'string') {
          closeWith(ctx.extra, CloseCode.UNAUTHENTICATED, `session ${auth}`);
          return false;
        }
        ctx.extra.viewer = auth;
        sockets.add(ctx.extra);
        const expiresAt = auth.session.expiresAt?.getTime();
        if (expiresAt !== undefined) {
          // setTimeout cannot wait longer than ~24.8 days; such sessions are rare and re-checked on reconnect.
          const wait = Math.min(Math.max(0, expiresAt - Date.now()), 2 ** 31 - 1);
          ctx.extra.expiryTimer = setTimeout(
            () => closeWith(ctx.extra, CloseCode.UNAUTHENTICATED, 'session expired'),
            wait,
          );
          ctx.extra.expiryTimer.unref();
        }
        return true;
      },
      // Called for every socket that ends, acknowledged or not.
      onClose: (ctx) => forget(ctx.extra),
      onSubscribe: (ctx, _id, payload): ExecutionArgs | readonly GraphQLError[] => {
        const active = Object.keys(ctx.subscriptions).length;
        if (active > CONTRACT_LIMITS.subscriptionsPerConnection) {
          return [
            requestError(
              `At most ${CONTRACT_LIMITS.subscriptionsPerConnection} subscriptions per connection.`,
              ErrorCode.RATE_LIMITED,
            ),
          ];
        }
        if (typeof payload.query !== 'string') return [requestError('The subscription has no query.', 'BAD_REQUEST')];
        let document: DocumentNode;
        try {
          document = parse(payload.query, { maxTokens: hardening.parseOptions.maxTokens });
        } catch (error) {
          return [
            requestError(
              error instanceof GraphQLError ? error.message : 'The query could not be parsed.',
              'GRAPHQL_PARSE_FAILED',
            ),
          ];
        }
        const operation = getOperationAST(document, payload.operationName);
        if (!operation) return [requestError('Unable to identify the operation.', 'BAD_REQUEST')];
        if (operation.operation !== 'subscription') {
          return [
            requestError(
              'Only subscriptions are served over WebSocket; send queries and mutations with POST /graphql.',
              'BAD_REQUEST',
            ),
          ];
        }
        const errors = validate(schema, document, rules);
        if (errors.length > 0) {
          return errors.map(
            (error) =>
              new GraphQLError(error.message, {
                nodes: error.nodes,
                extensions: { ...error.extensions, code: 'GRAPHQL_VALIDATION_FAILED' },
              }),
          );
        }
        // Subscribers of the same selection that no viewer changes get each event's one result.
        if (viewerIndependent(schema, document))
          shared.share(
            document,
            `${payload.operationName ?? ''}\u0000${payload.query}\u0000${JSON.stringify(payload.variables ?? null)}`,
          );
        return { schema, document, operationName: payload.operationName, variableValues: payload.variables };
      },
      subscribe: (args) => shared.subscribe(args),
      context: (ctx): Context =>
        buildContext({
          em: orm.em.fork(),
          viewer: ctx.extra.viewer ?? null,
          tokenProblem: null,
          meta: requestMeta(ctx.extra.request, config.trustProxy),
          cookies: { setSession: () => undefined, clearSession: () => undefined },
          log: log.child({ transport: 'graphql-ws' }),
          sessionTtlMs: config.sessionTtlMs,
          signInThrottle,
          relyingParty: config.relyingParty,
          orm,
          live,
          events,
          keys,
          jobs,
          reach,
          webhookAllowPrivate: config.webhookAllowPrivate,
        }),
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors ? { ...result, errors: formatErrors(result.errors) } : undefined,
      onError: (_ctx, _id, _payload, errors) => formatErrors(errors),
    },
    wss,
  );

  return {
    /** Hands an upgrade of `/graphql` to graphql-ws after the Origin check. */
    upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
      if (!originAllowed(request, config)) {
        socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
    },
    /** Closes the sockets opened with a session that was signed out. */
    sessionEnded(sessionId: string): void {
      for (const extra of [...sockets])
        if (extra.viewer?.session.id === sessionId) closeWith(extra, CloseCode.UNAUTHENTICATED, 'signed out');
    },
    get connectionCount(): number {
      return wss.clients.size;
    },
    /** Closes every socket (clients reconnect elsewhere) and the server. */
    async close(): Promise<void> {
      clearInterval(heartbeat);
      for (const client of wss.clients) client.close(CloseCode.GOING_AWAY, 'server shutting down');
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      for (const client of wss.clients) client.terminate();
    },
  };
}

export type SubscriptionServer = ReturnType<typeof createSubscriptionServer>;
