import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { TEST_DB_PREFIX } from './constants.js';

export interface TestDatabase {
  url: string;
  name: string;
  /** Runs one SQL statement against the test database. */
  query<T extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<pg.QueryResult<T>>;
  drop(): Promise<void>;
}

/**
 * A fresh database, isolated from every other test file: cloned from the migrated
 * template, or with `{ empty: true }` one with nothing in it (for migration tests).
 * Named so that the global teardown removes it if the test does not.
 */
export async function createTestDatabase({ empty = false } = {}): Promise<TestDatabase> {
  const adminUrl = inject('pgAdminUrl');
  const template = inject('pgTemplate');
  const runId = template.split('_').pop();
  const name = `${TEST_DB_PREFIX}${randomBytes(4).toString('hex')}_${runId}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(empty ? `create database "${name}"` : `create database "${name}" template "${template}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  return {
    url: url.toString(),
    name,
    query: (sql, params) => client.query(sql, params as unknown[]),
    async drop() {
      await client.end();
      const dropper = new pg.Client({ connectionString: adminUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists "${name}" with (force)`);
      await dropper.end();
    },
  };
}
