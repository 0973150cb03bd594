import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const __dirname = path.dirname(fileURLToPath(import.meta.url));
const apiTarget = `http://localhost:${process.env.PORT ?? 4000}`;

/**
 * `graphql(`…`)` looks its document up in src/gql's map of every operation of the app,
 * which keeps them all in whichever chunk calls it first; importing each document from
 * src/gql/graphql.ts instead (what codegen's Babel plugin does) still leaves them all in
 * that one module's chunk. So each call is replaced by its own document, as codegen wrote
 * it: a page's chunk carries its own operations, and the first screen no others. A call
 * codegen does not know fails the build (`pnpm codegen` is due).
 */
function graphqlDocuments(): Plugin {
  const gqlDirectory = path.resolve(__dirname, 'src/gql');
  let documents: Map<string, string> | undefined;
  const load = () => {
    const generated = fs.readFileSync(path.join(gqlDirectory, 'graphql.ts'), 'utf8');
    const bodies = new Map<string, string>();
    for (const [, name, body] of generated.matchAll(/^export const (\w+) = (\{.*\}) as unknown as DocumentNode<.*$/gm))
      bodies.set(name!, body!);
    const map = fs.readFileSync(path.join(gqlDirectory, 'gql.ts'), 'utf8');
    const bySource = new Map<string, string>();
    for (const [, source, name] of map.matchAll(/^ {4}("(?:[^"\\]|\\.)*"): types\.(\w+),$/gm)) {
      const body = bodies.get(name!);
      if (!body) throw new Error(`src/gql/graphql.ts has no ${name}`);
      bySource.set(JSON.parse(source!) as string, body);
    }
    return bySource;
  };
  return {
    name: 'brieflock:graphql-documents',
    enforce: 'pre',
    buildStart() {
      documents = undefined;
    },
    transform(code, id) {
      const file = id.split('?')[0]!;
      if (!/\.tsx?$/.test(file) || file.startsWith(gqlDirectory) || !code.includes('graphql(`')) return null;
      documents ??= load();
      const known = documents;
      const inlined = code.replace(/\bgraphql\(`((?:[^`\\$]|\$(?!\{))*)`\)/g, (_, source: string) => {
        const body = known.get(source);
        if (!body) throw new Error(`${file}: a graphql() document that src/gql does not hold; run pnpm codegen`);
        return body;
      });
      // The map itself is then unused: without its import it is left out of the build.
      return inlined.includes('graphql(') ? inlined : inlined.replace(/^import \{ graphql \} from '[./]+\/gql';$/m, '');
    },
  };
}

export default defineConfig({
  plugins: [graphqlDocuments(), react()],
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
