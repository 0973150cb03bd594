import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = path.dirname(fileURLToPath(import.meta.url));

// Node loads `graphql` as CommonJS (its `main`) for Apollo and for the built server;
// Vite would pick its ES build (`module`) for our sources, giving two GraphQLError
// classes and breaking `instanceof` in error formatting. Point both at the one Node uses.
const graphqlEntry = createRequire(path.join(root, 'server/package.json')).resolve('graphql');

/** A real PostgreSQL for the run (DATABASE_URL or an embedded one), a migrated template per run. */
const database = 'test/support/global-setup.ts';
/** `pnpm build`, incrementally: what the process tests spawn and the browser tests load. */
const build = 'test/support/build-setup.ts';

/**
 * Test tiers, each a vitest project (`pnpm test:<tier>` runs one, `pnpm test` all):
 * - unit: no database, no build, no network beyond loopback; `*.unit.test.ts` and schema/
 * - integration: the app in process against a real PostgreSQL
 * - process: the built server in child processes (`*.process.test.ts`)
 * - browser: the built web client in a real Chromium (`test/browser`)
 * The web client's own unit tests are the `client` project (client/vitest.config.ts).
 */
export default defineConfig({
  resolve: {
    alias: [
      { find: '@brieflock/schema', replacement: path.join(root, 'schema/src/index.ts') },
      { find: /^graphql$/, replacement: graphqlEntry },
    ],
  },
  test: {
    setupFiles: ['test/support/setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 180_000,
    reporters: ['default', './test/support/summary-reporter.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['schema/src/**/*.test.ts', 'server/src/**/*.unit.test.ts', 'test/**/*.unit.test.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['server/src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['**/*.unit.test.ts', '**/*.process.test.ts', 'test/browser/**', '**/node_modules/**'],
          globalSetup: [database],
        },
      },
      {
        test: {
          name: 'process',
          include: ['test/**/*.process.test.ts'],
          globalSetup: [build, database],
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          globalSetup: [build, database],
        },
      },
      'client/vitest.config.ts',
    ],
  },
});
