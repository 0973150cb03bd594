import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../server/src/db/embedded-postgres.js';
import { openDatabase } from '../../server/src/db/orm.js';
import { createLogger } from '../../server/src/logger.js';
import { TEST_DB_PREFIX } from './constants.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplate: string;
  }
}

/** Builds what `pnpm start` runs, so process-level tests exercise the shipped artefacts. */
function buildArtefacts(): void {
  if (process.env.BRIEFLOCK_TEST_SKIP_BUILD === '1') return;
  const bin = (name: string) => path.join(root, 'node_modules', '.bin', name);
  execFileSync(bin('tsc'), ['-p', 'schema/tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  execFileSync(bin('tsc'), ['-p', 'server/tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  execFileSync(bin('vite'), ['build', '--logLevel', 'warn'], { cwd: path.join(root, 'client'), stdio: 'inherit' });
}

/**
 * One PostgreSQL for the run: DATABASE_URL when set, otherwise an embedded one.
 * Migrations are applied once into a template database; every test file clones it.
 */
export default async function setup(project: TestProject) {
  buildArtefacts();
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
  const orm = await openDatabase({ databaseUrl: templateUrl.toString(), logger: createLogger('silent') });
  await orm.close(true);

  project.provide('pgAdminUrl', adminUrl);
  project.provide('pgTemplate', template);

  return async () => {
    const { rows } = await admin.query<{ datname: string }>('select datname from pg_database where datname like $1', [
      `${TEST_DB_PREFIX}%\\_${process.pid}%`,
    ]);
    for (const { datname } of rows) await admin.query(`drop database if exists "${datname}" with (force)`);
    await admin.query(`drop database if exists "${template}" with (force)`);
    await admin.end();
    await embedded?.stop();
    if (dataDir) await fs.rm(dataDir, { recursive: true, force: true });
  };
}
