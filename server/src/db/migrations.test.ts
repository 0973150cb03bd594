import { randomBytes } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TEST_DB_PREFIX } from '../../../test/support/constants.js';
import { createLogger } from '../logger.js';
import { MIGRATIONS } from './migrations/index.js';
import { openDatabase } from './orm.js';

const log = createLogger('silent');

interface EmptyDatabase {
  url: string;
  query<T extends pg.QueryResultRow>(sql: string): Promise<T[]>;
  drop(): Promise<void>;
}

/**
 * A database with nothing in it (not the migrated template), named so that the
 * global teardown removes it if this file does not.
 */
async function createEmptyDatabase(): Promise<EmptyDatabase> {
  const adminUrl = inject('pgAdminUrl');
  const runId = inject('pgTemplate').split('_').pop();
  const name = `${TEST_DB_PREFIX}empty_${randomBytes(4).toString('hex')}_${runId}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  return {
    url: url.toString(),
    query: async (sql) => (await client.query(sql)).rows,
    async drop() {
      await client.end();
      const dropper = new pg.Client({ connectionString: adminUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists "${name}" with (force)`);
      await dropper.end();
    },
  };
}

const committedNames = MIGRATIONS.map((migration) => migration.name);

describe('committed migrations on an empty database', () => {
  let db: EmptyDatabase;
  let orm: MikroORM;

  beforeAll(async () => {
    db = await createEmptyDatabase();
    orm = await openDatabase({ databaseUrl: db.url, logger: log });
  });
  afterAll(async () => {
    await orm?.close(true);
    await db?.drop();
  });

  it('are all applied, in order, when the database is opened', async () => {
    const executed = await orm.getMigrator().getExecutedMigrations();
    expect(executed.map((migration) => migration.name)).toEqual(committedNames);
    expect(await orm.getMigrator().getPendingMigrations()).toEqual([]);
  });

  it('leave nothing for MikroORM to change: the entities and the migrations agree', async () => {
    const diff = await orm.schema.getUpdateSchemaSQL({ wrap: false });
    expect(diff.trim(), `migrations and entities disagree; a new migration needs:\n${diff}`).toBe('');
  });

  it('apply nothing when run again', async () => {
    expect(await orm.getMigrator().up()).toEqual([]);
    const rows = await db.query<{ n: number }>('select count(*)::int as n from mikro_orm_migrations');
    expect(rows[0]?.n).toBe(committedNames.length);
  });

  it('apply nothing when the database is opened again, as on a restart', async () => {
    const again = await openDatabase({ databaseUrl: db.url, logger: log });
    try {
      expect(await again.getMigrator().getPendingMigrations()).toEqual([]);
    } finally {
      await again.close(true);
    }
    const rows = await db.query<{ n: number }>('select count(*)::int as n from mikro_orm_migrations');
    expect(rows[0]?.n).toBe(committedNames.length);
  });
});

describe('the schema comparison', () => {
  let db: EmptyDatabase;
  let orm: MikroORM;

  beforeAll(async () => {
    db = await createEmptyDatabase();
    orm = await openDatabase({ databaseUrl: db.url, logger: log });
  });
  afterAll(async () => {
    await orm?.close(true);
    await db?.drop();
  });

  it('notices a database that drifted from the entities (so an empty diff means something)', async () => {
    await db.query('drop index "participants_user_id_index"');
    await db.query('alter table "proposals" alter column "title" type varchar(100)');
    const diff = await orm.schema.getUpdateSchemaSQL({ wrap: false });
    expect(diff).toMatch(/participants_user_id_index/);
    expect(diff).toMatch(/"title" type varchar\(200\)/);
  });
});

describe('instances starting together on an empty database', () => {
  let db: EmptyDatabase;

  beforeAll(async () => {
    db = await createEmptyDatabase();
  });
  afterAll(() => db?.drop());

  it('take turns: the migrations are applied once and every instance opens', async () => {
    const orms = await Promise.all([1, 2, 3].map(() => openDatabase({ databaseUrl: db.url, logger: log })));
    try {
      const rows = await db.query<{ name: string }>('select name from mikro_orm_migrations order by id');
      expect(rows.map((row) => row.name)).toEqual(committedNames);
    } finally {
      await Promise.all(orms.map((orm) => orm.close(true)));
    }
  });
});
