import type { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/db.js';
import { createLogger } from '../logger.js';
import { MIGRATIONS } from './migrations/index.js';
import { ENTITIES } from '../modules/entities.js';
import { openDatabase } from './orm.js';

const log = createLogger('silent');

/** A fresh, empty database and the ORM opened on it (which applies the migrations). */
function useEmptyDatabase({ open = true } = {}) {
  const state = {} as { db: TestDatabase; orm: MikroORM };
  beforeAll(async () => {
    state.db = await createTestDatabase({ empty: true });
    if (open) state.orm = await openDatabase({ databaseUrl: state.db.url, entities: ENTITIES, logger: log });
  });
  afterAll(async () => {
    await state.orm?.close(true);
    await state.db?.drop();
  });
  return state;
}

const committedNames = MIGRATIONS.map((migration) => migration.name);

describe('committed migrations on an empty database', () => {
  const t = useEmptyDatabase();

  it('are all applied, in order, when the database is opened', async () => {
    const executed = await t.orm.getMigrator().getExecutedMigrations();
    expect(executed.map((migration) => migration.name)).toEqual(committedNames);
    expect(await t.orm.getMigrator().getPendingMigrations()).toEqual([]);
  });

  it('leave nothing for MikroORM to change: the entities and the migrations agree', async () => {
    const diff = await t.orm.schema.getUpdateSchemaSQL({ wrap: false });
    expect(diff.trim(), `migrations and entities disagree; a new migration needs:\n${diff}`).toBe('');
  });

  it('apply nothing when run again', async () => {
    expect(await t.orm.getMigrator().up()).toEqual([]);
    const { rows } = await t.db.query<{ n: number }>('select count(*)::int as n from mikro_orm_migrations');
    expect(rows[0]?.n).toBe(committedNames.length);
  });

  it('apply nothing when the database is opened again, as on a restart', async () => {
    const again = await openDatabase({ databaseUrl: t.db.url, entities: ENTITIES, logger: log });
    try {
      expect(await again.getMigrator().getPendingMigrations()).toEqual([]);
    } finally {
      await again.close(true);
    }
    const { rows } = await t.db.query<{ n: number }>('select count(*)::int as n from mikro_orm_migrations');
    expect(rows[0]?.n).toBe(committedNames.length);
  });
});

describe('the schema comparison', () => {
  const t = useEmptyDatabase();

  it('notices a database that drifted from the entities (so an empty diff means something)', async () => {
    await t.db.query('drop index "participants_user_id_index"');
    await t.db.query('alter table "proposals" alter column "title" type varchar(100)');
    const diff = await t.orm.schema.getUpdateSchemaSQL({ wrap: false });
    expect(diff).toMatch(/participants_user_id_index/);
    expect(diff).toMatch(/"title" type varchar\(200\)/);
  });
});

describe('instances starting together on an empty database', () => {
  const t = useEmptyDatabase({ open: false });

  it('take turns: the migrations are applied once and every instance opens', async () => {
    const orms = await Promise.all(
      [1, 2, 3].map(() => openDatabase({ databaseUrl: t.db.url, entities: ENTITIES, logger: log })),
    );
    try {
      const { rows } = await t.db.query<{ name: string }>('select name from mikro_orm_migrations order by id');
      expect(rows.map((row) => row.name)).toEqual(committedNames);
    } finally {
      await Promise.all(orms.map((orm) => orm.close(true)));
    }
  });
});
