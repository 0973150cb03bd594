import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineProject } from 'vitest/config';

const here = path.dirname(fileURLToPath(import.meta.url));

// The client's unit tests: components and hooks in a simulated DOM, no server, no browser.
export default defineProject({
  root: here,
  plugins: [react()],
  resolve: {
    alias: { '@brieflock/schema': path.resolve(here, '../schema/src/index.ts') },
  },
  test: {
    name: 'client',
    environment: 'happy-dom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['./src/test-setup.ts'],
    restoreMocks: true,
  },
});
