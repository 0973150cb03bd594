import { type DestinationStream, type Logger, pino } from 'pino';
import pretty from 'pino-pretty';

export type { Logger };

export interface LoggerOptions {
  /** Readable, coloured lines for a person at a terminal instead of JSON. */
  pretty?: boolean;
}

/** Structured JSON logs on stdout, or on `destination` (a test capturing lines); readable lines when `pretty`. */
export function createLogger(level: string, destination?: DestinationStream, options: LoggerOptions = {}): Logger {
  const settings = {
    level,
    base: { service: 'brieflock' },
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.token'], remove: true },
  };
  if (destination) return pino(settings, destination);
  // In the main thread rather than as a pino transport: a person is reading, so the lines
  // must be out before the process exits, and there is no log volume worth a worker.
  if (options.pretty)
    return pino(settings, pretty({ sync: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,service' }));
  return pino(settings);
}
