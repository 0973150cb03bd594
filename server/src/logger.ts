import { type DestinationStream, type Logger, pino, stdSerializers } from 'pino';
import pretty from 'pino-pretty';

/** What a database error may show in a log: where and why it failed, never the data. */
const DATABASE_ERROR_FIELDS = ['code', 'severity', 'schema', 'table', 'column', 'constraint', 'dataType', 'routine'];

/** How deep a chain of causes is followed. */
const MAX_CAUSES = 8;

/**
 * An error from PostgreSQL (node-postgres' DatabaseError, or MikroORM's DriverException,
 * which copies its fields): a five-character SQLSTATE plus the server's own fields.
 */
function isDatabaseError(error: Error): boolean {
  const fields = error as Error & { code?: unknown };
  return (
    typeof fields.code === 'string' && /^[0-9A-Z]{5}$/.test(fields.code) && ('severity' in error || 'routine' in error)
  );
}

function involvesDatabase(error: Error, depth = 0): boolean {
  if (isDatabaseError(error)) return true;
  return depth < MAX_CAUSES && error.cause instanceof Error && involvesDatabase(error.cause, depth + 1);
}

/** The stack's frames without its first lines, which repeat the message. */
const framesOf = (error: Error): string =>
  (error.stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .join('\n');

/**
 * PostgreSQL's own message, which names the relations, columns and constraints involved,
 * without the statement the driver puts before it (`<statement with parameters> - <message>`)
 * or the detail MikroORM appends on the next line. Data exceptions (SQLSTATE class 22:
 * `invalid input syntax for type uuid: "…"`) and raised exceptions (P0) quote values in
 * the message itself: theirs is withheld.
 */
function serverMessageOf(error: Error, code: string): string {
  if (/^(22|P0)/.test(code)) return 'database error';
  const firstLine = error.message.split('\n', 1)[0] ?? '';
  const at = firstLine.lastIndexOf(' - ');
  return (at === -1 ? firstLine : firstLine.slice(at + 3)).trim() || 'database error';
}

/**
 * A failed statement carries the person's data three times: in its parameters, in the
 * message (the driver prints the statement with the parameters inlined) and in
 * PostgreSQL's `detail` ("Failing row contains (…)", "Key (email)=(…) already exists").
 * Such an error is logged by its SQLSTATE and the names of what failed; the message,
 * detail, statement and parameters are left out, here and in every error it caused.
 */
function withheld(error: Error, depth: number): Record<string, unknown> {
  const type = error.constructor?.name ?? error.name;
  const frames = framesOf(error);
  let serialized: Record<string, unknown>;
  if (isDatabaseError(error)) {
    serialized = { type };
    for (const field of DATABASE_ERROR_FIELDS) {
      const value = (error as unknown as Record<string, unknown>)[field];
      if (typeof value === 'string') serialized[field] = value;
    }
    const message = `${serverMessageOf(error, String(serialized.code))} (SQLSTATE ${serialized.code}; statement, parameters and detail withheld)`;
    serialized.message = message;
    serialized.stack = `${type}: ${message}\n${frames}`;
  } else {
    serialized = { type, message: error.message, stack: `${type}: ${error.message}\n${frames}` };
  }
  if (depth < MAX_CAUSES && error.cause instanceof Error) serialized.cause = withheld(error.cause, depth + 1);
  return serialized;
}

/** pino's error serializer, except that a database error never shows its statement's data. */
export function serializeError(error: unknown): unknown {
  if (!(error instanceof Error) || !involvesDatabase(error)) return stdSerializers.err(error as Error);
  return withheld(error, 0);
}

export type { Logger };

export interface LoggerOptions {
  /** Readable, coloured lines for a person at a terminal instead of JSON. */
  pretty?: boolean;
}

/**
 * Structured JSON logs on stdout, or on `destination` (a test capturing lines); readable
 * lines (on stdout or `destination`) when `pretty`.
 */
export function createLogger(level: string, destination?: DestinationStream, options: LoggerOptions = {}): Logger {
  const settings = {
    level,
    base: { service: 'brieflock' },
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.token'], remove: true },
    serializers: { err: serializeError },
  };
  // In the main thread rather than as a pino transport: a person is reading, so the lines
  // must be out before the process exits, and there is no log volume worth a worker.
  if (options.pretty)
    return pino(
      settings,
      pretty({
        sync: true,
        translateTime: 'SYS:HH:MM:ss',
        ignore: 'pid,hostname,service',
        ...(destination ? { destination } : {}),
      }),
    );
  if (destination) return pino(settings, destination);
  return pino(settings);
}
