import { afterAll, afterEach, beforeAll } from 'vitest';
import { startApp, type App, type AppOptions } from '../../server/src/app.js';
import { loadConfig } from '../../server/src/config.js';
import { createLogger } from '../../server/src/logger.js';
import { TEST_SIGNING_KEY } from './constants.js';
import { createTestDatabase, type TestDatabase } from './db.js';
import { createApi, type Api } from './graphql.js';

export interface TestApp {
  app: App;
  db: TestDatabase;
  api: Api;
  /** SQL statements run by the app since the last reset. */
  queries: string[];
  close(): Promise<void>;
}

/** The real app, in this process, on a free port, against its own fresh database. */
export async function startTestApp(
  env: Record<string, string> = {},
  options: Omit<AppOptions, 'onQuery'> = {},
): Promise<TestApp> {
  const db = await createTestDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: db.url,
    LOG_LEVEL: 'silent',
    SIGNING_KEY: TEST_SIGNING_KEY,
    ...env,
  });
  const queries: string[] = [];
  const app = await startApp(config, createLogger(config.logLevel), {
    ...options,
    onQuery: (sql) => queries.push(sql),
  });
  return {
    app,
    db,
    api: createApi(app.url),
    queries,
    async close() {
      await app.close();
      await db.drop();
    },
  };
}

/**
 * One app for the whole test file: started before its tests, closed after them. The
 * returned object is filled in when the app has started (use it inside tests and hooks).
 */
export function useTestApp(env: Record<string, string> = {}, options: Omit<AppOptions, 'onQuery'> = {}): TestApp {
  const holder = {} as TestApp;
  beforeAll(async () => {
    Object.assign(holder, await startTestApp(env, options));
  });
  afterAll(async () => {
    await holder.close?.();
  });
  return holder;
}

/** The real app in this process on an existing database (a restart, or a second instance). */
export async function bootApp(
  databaseUrl: string,
  env: Record<string, string> = {},
  options: Omit<AppOptions, 'onQuery'> = {},
): Promise<{ app: App; api: Api }> {
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'silent',
    SIGNING_KEY: TEST_SIGNING_KEY,
    ...env,
  });
  const app = await startApp(config, createLogger(config.logLevel), options);
  return { app, api: createApi(app.url) };
}

/**
 * Instances a test file boots on one database of its own (restarts, several instances, an
 * instance behind a proxy). Each test's instances, and the peers of `pool`, are closed
 * after it; the database after the file.
 */
export function useInstances(pool?: { destroyAll(): void }) {
  let db: TestDatabase | undefined;
  const apps: App[] = [];
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterEach(async () => {
    pool?.destroyAll();
    for (const app of apps.splice(0)) await app.close();
  });
  afterAll(async () => {
    await db?.drop();
  });
  return {
    get db(): TestDatabase {
      if (!db) throw new Error('the database is created before the tests run');
      return db;
    },
    /** One more instance, on this file's database unless `databaseUrl` says otherwise. */
    async boot(
      env: Record<string, string> = {},
      databaseUrl?: string,
      options: Omit<AppOptions, 'onQuery'> = {},
    ): Promise<{ app: App; api: Api }> {
      const booted = await bootApp(databaseUrl ?? this.db.url, env, options);
      apps.push(booted.app);
      return booted;
    },
  };
}
