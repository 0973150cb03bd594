import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Logger } from '../logger.js';

/** An incoming id is kept only when it cannot forge or bloat a log line. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

/**
 * The id of a request: its `X-Request-Id` when a proxy or client sent a sane one (at most
 * 128 characters of `A-Za-z0-9._-`), otherwise a fresh UUID.
 */
export function requestIdOf(req: IncomingMessage): string {
  const incoming = req.headers['x-request-id'];
  return typeof incoming === 'string' && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/** Longest path a log line shows. */
const MAX_LOGGED_PATH = 512;

/** The path of a request target for a log line: without its query string, which may carry tokens. */
export function pathOf(target: string | undefined): string {
  const end = target?.search(/[?#]/) ?? -1;
  const path = (end === -1 ? target : target!.slice(0, end)) || '/';
  return path.length > MAX_LOGGED_PATH ? `${path.slice(0, MAX_LOGGED_PATH)}…` : path;
}

/**
 * Which request raised an error. GraphQL formats (and logs) errors away from the request's
 * context; remembering the request's logger per error lets that log line carry its id.
 */
const requestLogs = new WeakMap<object, Logger>();

/** Remembers that `error` belongs to the request logging to `log`. */
export function tagError(error: unknown, log: Logger): void {
  if (typeof error === 'object' && error !== null) requestLogs.set(error, log);
}

/** The logger of the request that raised `error` (or the error it wraps), if known. */
export function requestLogOf(error: unknown): Logger | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  return requestLogs.get(error) ?? requestLogOf((error as { originalError?: unknown }).originalError);
}
