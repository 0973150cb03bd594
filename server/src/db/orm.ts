import { MikroORM, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import pg from 'pg';
import type { Logger } from '../logger.js';
import { MIGRATIONS } from './migrations/index.js';

export interface OrmOptions {
  databaseUrl: string;
  /**
   * Every entity, listed explicitly (no folder scanning at start-up): the domain's
   * `modules/entities.ts`, passed in because the database layer sits below the domain.
   */
  entities: NonNullable<Options['entities']>;
  logger: Logger;
  poolMax?: number;
  /** Called with every SQL statement the ORM runs (query counting in tests). */
  onQuery?: (sql: string) => void;
}

/** MikroORM options shared by the app, the CLI and the tests. */
export function ormConfig(options: OrmOptions): Options {
  return {
    clientUrl: options.databaseUrl,
    entities: options.entities,
    extensions: [Migrator],
    allowGlobalContext: false,
    forceUtcTimezone: true,
    pool: { min: 0, max: options.poolMax ?? 10 },
    // Statements only, for query counting in tests; never 'query-params', which would
    // hand the statements' data (people's input) to whoever reads the log.
    debug: options.onQuery ? ['query'] : false,
    logger: (message) => {
      if (options.onQuery) options.onQuery(message);
    },
    migrations: {
      migrationsList: MIGRATIONS,
      transactional: true,
      allOrNothing: true,
      snapshot: false,
    },
  };
}

/** Advisory lock key that serialises migrations across instances sharing one database. */
const MIGRATION_LOCK = 0x6272_6c6b; // "brlk"

/**
 * Connects and applies the committed migrations (never a schema sync). Instances
 * starting together take turns through a PostgreSQL advisory lock.
 */
export async function openDatabase(options: OrmOptions): Promise<MikroORM> {
  const lock = new pg.Client({ connectionString: options.databaseUrl });
  await lock.connect();
  try {
    await lock.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const orm = await MikroORM.init(ormConfig(options));
    try {
      const applied = await orm.getMigrator().up();
      if (applied.length > 0) options.logger.info({ migrations: applied.map((m) => m.name) }, 'migrations applied');
    } catch (error) {
      await orm.close(true);
      throw error;
    }
    return orm;
  } finally {
    await lock.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await lock.end().catch(() => undefined);
  }
}

/** Creates a database on the server behind `adminUrl` unless it exists. */
export async function ensureDatabase(adminUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) await client.query(`create database "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
