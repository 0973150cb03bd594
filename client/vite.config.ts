import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const __dirname = path.dirname(fileURLToPath(import.meta.url));
const apiTarget = `http://localhost:${process.env.PORT ?? 4000}`;

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: {
      '@brieflock/schema': path.resolve(__dirname, '../schema/src/index.ts'),
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      // The schema's modules only declare constants and functions.
      treeshake: { moduleSideEffects: [{ test: /[\\/]schema[\\/]src[\\/]/, sideEffects: false }] },
      output: {
        codeSplitting: {
          groups: [
            {
              // The schema's index re-exports the Yjs readers, which would pull Yjs into the
              // first bundle; grouped apart, only the lazy brief editor loads them.
              name: 'collab',
              test: /[\\/]node_modules[\\/](yjs|lib0)[\\/]|[\\/]schema[\\/]src[\\/](brief-content|readiness)\.ts$/,
              // Only these: the brief's section specs (brief.ts), which they import, are read by
              // the contract checks of the first screen too, and must not bring Yjs along.
              includeDependenciesRecursively: false,
            },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      '/graphql': { target: apiTarget, ws: true, changeOrigin: false },
      '/collab': { target: apiTarget, ws: true, changeOrigin: false },
      '/export': { target: apiTarget },
      '/healthz': { target: apiTarget },
      '/readyz': { target: apiTarget },
      // A mail client's one-click unsubscribe POSTs to the server; opening the link is the page.
      '/unsubscribe': {
        target: apiTarget,
        bypass: (req) => (req.method === 'GET' || req.method === 'HEAD' ? '/index.html' : undefined),
      },
    },
  },
});
