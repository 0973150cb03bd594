import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = path.dirname(fileURLToPath(import.meta.url));

// Node loads `graphql` as CommonJS (its `main`) for Apollo and for the built server;
// Vite would pick its ES build (`module`) for our sources, giving two GraphQLError
// classes and breaking `instanceof` in error formatting. Point both at the one Node uses.
const graphqlEntry = createRequire(path.join(root, 'server/package.json')).resolve('graphql');

export default defineConfig({
  resolve: {
    alias: [
      { find: '@brieflock/schema', replacement: path.join(root, 'schema/src/index.ts') },
      { find: /^graphql$/, replacement: graphqlEntry },
    ],
  },
  test: {
    include: ['schema/src/**/*.test.ts', 'server/src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    setupFiles: ['test/support/setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 180_000,
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
});
