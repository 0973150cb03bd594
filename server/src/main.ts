import 'reflect-metadata';
import { type Config, ConfigError, loadConfig } from './config.js';
import type { App } from './app.js';

/** Entry point: validate config, start, and shut down cleanly on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  // Loaded only once the configuration is known to be good, so a bad value fails fast.
  const [{ startApp }, { EmbeddedPostgresError }, { createLogger }] = await Promise.all([
    import('./app.js'),
    import('./db/embedded-postgres.js'),
    import('./logger.js'),
  ]);
  // A person at a terminal reads lines; anything else (a file, a pipe, a log collector) gets JSON.
  const human = config.logFormat === 'pretty' || (config.logFormat === 'auto' && process.stdout.isTTY === true);
  const log = createLogger(config.logLevel, undefined, { pretty: human });
  let app: App;
  try {
    app = await startApp(config, log);
  } catch (error) {
    if (error instanceof EmbeddedPostgresError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    log.fatal({ err: error }, 'start-up failed');
    process.exit(1);
  }
  const url = `http://localhost:${app.port}`;
  if (human) process.stdout.write(`Brieflock is running at ${url}\n`);
  else log.info({ url }, 'Brieflock is serving');

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      log.error('shutdown took longer than 10 s; exiting');
      process.exit(1);
    }, 10_000);
    force.unref();
    app.close().then(
      () => {
        log.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

void main();
