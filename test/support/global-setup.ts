import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../server/src/db/embedded-postgres.js';
import { openDatabase } from '../../server/src/db/orm.js';
import { ENTITIES } from '../../server/src/modules/entities.js';
import { createLogger } from '../../server/src/logger.js';
import { PgJobQueue } from '../../server/src/jobs/queue.js';
import { TEST_DB_PREFIX } from './constants.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplate: string;
  }
}

interface SharedDatabase {
  adminUrl: string;
  template: string;
  /** Projects of this run still using it; the last one to finish tears it down. */
  users: number;
  teardown(): Promise<void>;
}

const SHARED = Symbol.for('brieflock.test.database');

/**
 * One PostgreSQL for the run: DATABASE_URL when set, otherwise an embedded one.
 * Migrations are applied once into a template database; every test file clones it.
 */
async function startDatabase(): Promise<Omit<SharedDatabase, 'users'>> {
  let embedded: EmbeddedPostgres | undefined;
  let dataDir: string | undefined;
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'brieflock-test-pg-'));
    await fs.chmod(dataDir, 0o755);
    embedded = await startEmbeddedPostgres({ dataDir });
    adminUrl = embedded.url;
    console.log('tests use an embedded PostgreSQL (DATABASE_URL is not set)');
  } else {
    console.log('tests use the PostgreSQL at DATABASE_URL');
  }
  const template = `${TEST_DB_PREFIX}tpl_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists "${template}"`);
  await admin.query(`create database "${template}"`);
  const templateUrl = new URL(adminUrl);
  templateUrl.pathname = `/${template}`;
  const orm = await openDatabase({
    databaseUrl: templateUrl.toString(),
    entities: ENTITIES,
    logger: createLogger('silent'),
  });
  await orm.close(true);
  // The job queue's schema too, so no test's app installs it again.
  const jobs = await PgJobQueue.start({
    databaseUrl: templateUrl.toString(),
    log: createLogger('silent'),
    queues: {},
    superviseSeconds: 60,
  });
  await jobs.stop();

  return {
    adminUrl,
    template,
    async teardown() {
      const { rows } = await admin.query<{ datname: string }>('select datname from pg_database where datname like $1', [
        `${TEST_DB_PREFIX}%\\_${process.pid}%`,
      ]);
      for (const { datname } of rows) await admin.query(`drop database if exists "${datname}" with (force)`);
      await admin.query(`drop database if exists "${template}" with (force)`);
      await admin.end();
      await embedded?.stop();
      if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Global setup of every project that needs PostgreSQL. Projects of one run share a single
 * database server and template (kept on the main process's global object, which every
 * project's global setup sees), so `pnpm test` starts one embedded PostgreSQL, not three.
 */
export default async function setup(project: TestProject) {
  const state = globalThis as { [SHARED]?: Promise<SharedDatabase> };
  state[SHARED] ??= startDatabase().then((started) => ({ ...started, users: 0 }));
  const shared = await state[SHARED];
  shared.users++;
  project.provide('pgAdminUrl', shared.adminUrl);
  project.provide('pgTemplate', shared.template);

  return async () => {
    shared.users--;
    if (shared.users > 0) return;
    delete state[SHARED];
    await shared.teardown();
  };
}
