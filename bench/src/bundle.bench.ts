import { spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { type Result, result } from './harness.js';

/**
 * P10: the web client's JavaScript per route, gzip level 9, in KB (1,000 bytes, as Vite
 * prints them).
 *
 * The client is built as `pnpm build` builds it (`vite build` in client/, production), into
 * a temporary directory, with Vite's manifest and hidden source maps added: neither changes
 * a byte of the JavaScript. The manifest gives the chunk graph (each chunk's static and
 * dynamic imports), the source maps which modules each chunk holds. A route's JavaScript is
 * the entry chunk and its static imports, transitively, plus, for each module the route
 * renders when it opens, the chunk holding that module and its static imports: what the
 * browser fetches (index.html preloads the entry's imports, Vite's preload helper a lazy
 * chunk's). Each file is gzipped on its own, as it is served.
 *
 * The floor is the same stack with nothing of ours, built in the same run: React, TanStack
 * Router and urql with Graphcache rendering a list (the list's floor; graphql-ws loaded
 * with the first subscription, as ours is), and a lazy route adding Tiptap's StarterKit
 * bound to Yjs through Collaboration, CollaborationCaret and y-websocket (the editor's).
 */

/** What a route renders when it opens: modules relative to the built project's root. */
export interface RouteSpec {
  name: string;
  modules: string[];
}

/** The budgets, in KB gzip: at most this much JavaScript before the route's first screen. */
export const BUDGETS_KB = { list: 100, editor: 300 } as const;

/**
 * What the routes weigh now, a little above the last measure: the budgets are not met
 * (the floor of the list alone is above its budget, see README's P10), so the test
 * guards these instead, lowered as the routes get lighter.
 */
export const CEILINGS_KB = { list: 135, editor: 347 } as const;

/** The editor's budget is a ceiling ("at most"), the list's a bound to stay under. */
export const withinBudget = (route: keyof typeof BUDGETS_KB, gzipBytes: number): boolean =>
  route === 'editor' ? gzipBytes <= BUDGETS_KB.editor * 1000 : gzipBytes < BUDGETS_KB.list * 1000;

/**
 * Our routes. The list is what a signed-in user sees at `/` or `/proposals`. The editor is
 * `/proposals/$id`: the page, the workspace it loads once the proposal is known (the brief
 * editor, readiness, suggestions) and the comments panel the workspace loads beside it.
 */
export const CLIENT_ROUTES = {
  list: { name: 'proposals list', modules: ['src/pages/Proposals.tsx'] },
  editor: {
    name: 'editor',
    modules: ['src/pages/ProposalPage.tsx', 'src/workspace/ProposalWorkspace.tsx', 'src/comments/CommentsPanel.tsx'],
  },
} satisfies Record<string, RouteSpec>;

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

export interface ClientBuild {
  outDir: string;
  manifest: Record<string, ManifestChunk>;
  /** Manifest key of the chunk holding each module (path relative to the project root). */
  chunkOf: Map<string, string>;
  /** Gzip size of each emitted file, by its path inside outDir. */
  gzip: Map<string, number>;
  raw: Map<string, number>;
  buildMs: number;
}

export interface RouteSize {
  /** JavaScript files fetched to open the route. */
  files: string[];
  /** The modules those files hold (paths relative to the project root). */
  modules: string[];
  gzipBytes: number;
  rawBytes: number;
  /** Adding every chunk the route may load later (dialogs, panels opened on demand). */
  mayLoadGzipBytes: number;
  cssGzipBytes: number;
}

/** `vite build` of `projectDir` (its own vite.config) into a fresh temporary directory. */
export async function buildWithManifest(repoRoot: string, projectDir: string): Promise<ClientBuild> {
  const outDir = await fs.mkdtemp(path.join(os.tmpdir(), 'brieflock-bundle-'));
  const vite = path.join(repoRoot, 'node_modules/vite/bin/vite.js');
  const started = performance.now();
  const build = spawnSync(
    process.execPath,
    [vite, 'build', '--outDir', outDir, '--emptyOutDir', '--manifest', '--sourcemap', 'hidden', '--logLevel', 'error'],
    // Production as `pnpm build` builds it: NODE_ENV decides React's build, whatever runs this.
    { cwd: projectDir, env: { ...process.env, NODE_ENV: 'production' }, encoding: 'utf8' },
  );
  const buildMs = performance.now() - started;
  if (build.status !== 0) throw new Error(`vite build in ${projectDir} failed:\n${build.stdout}\n${build.stderr}`);

  const manifest = JSON.parse(await fs.readFile(path.join(outDir, '.vite/manifest.json'), 'utf8')) as Record<
    string,
    ManifestChunk
  >;
  const chunkOf = new Map<string, string>();
  const gzip = new Map<string, number>();
  const raw = new Map<string, number>();
  const files = new Set(Object.values(manifest).flatMap((chunk) => [chunk.file, ...(chunk.css ?? [])]));
  for (const file of files) {
    const bytes = await fs.readFile(path.join(outDir, file));
    raw.set(file, bytes.length);
    gzip.set(file, zlib.gzipSync(bytes, { level: 9 }).length);
  }
  for (const [key, chunk] of Object.entries(manifest)) {
    if (!chunk.file.endsWith('.js')) continue;
    const mapFile = path.join(outDir, `${chunk.file}.map`);
    // A chunk of the bundler's own helpers (rolldown's runtime) holds no module and has no map.
    const text = await fs.readFile(mapFile, 'utf8').catch(() => null);
    const sources = text === null ? [] : (JSON.parse(text) as { sources: string[] }).sources;
    for (const source of sources) {
      const module = path
        .relative(projectDir, path.resolve(path.dirname(mapFile), source))
        .split(path.sep)
        .join('/');
      chunkOf.set(module, key);
    }
  }
  return { outDir, manifest, chunkOf, gzip, raw, buildMs };
}

/** The JavaScript a route fetches when it opens, and what it may load afterwards. */
export function routeSize(build: ClientBuild, route: RouteSpec): RouteSize {
  const { manifest } = build;
  const entries = Object.keys(manifest).filter((key) => manifest[key]!.isEntry);
  if (entries.length !== 1) throw new Error(`expected one entry chunk, found ${entries.length}`);
  const entry = entries[0]!;
  const routeChunks = route.modules.map((module) => {
    const key = build.chunkOf.get(module);
    if (!key) throw new Error(`${route.name}: no chunk of the build holds ${module}`);
    return key;
  });

  const closure = (starts: string[], followDynamic: boolean) => {
    const seen = new Set<string>();
    const visit = (key: string) => {
      if (seen.has(key)) return;
      seen.add(key);
      const chunk = manifest[key];
      if (!chunk) throw new Error(`the manifest has no chunk ${key}`);
      for (const next of chunk.imports ?? []) visit(next);
      // The entry's lazy imports are the other routes: never part of this one.
      if (followDynamic && key !== entry) for (const next of chunk.dynamicImports ?? []) visit(next);
    };
    for (const key of starts) visit(key);
    return seen;
  };
  const sum = (keys: Set<string>, sizes: Map<string, number>) =>
    [...keys].reduce((total, key) => total + sizes.get(manifest[key]!.file)!, 0);

  const opened = closure([entry, ...routeChunks], false);
  const later = closure([entry, ...routeChunks.filter((key) => key !== entry)], true);
  const css = new Set([...opened].flatMap((key) => manifest[key]!.css ?? []));
  const modules = [...build.chunkOf].filter(([, key]) => opened.has(key)).map(([module]) => module);
  return {
    files: [...opened].map((key) => manifest[key]!.file).sort(),
    modules: modules.sort(),
    gzipBytes: sum(opened, build.gzip),
    rawBytes: sum(opened, build.raw),
    mayLoadGzipBytes: sum(later, build.gzip),
    cssGzipBytes: [...css].reduce((total, file) => total + build.gzip.get(file)!, 0),
  };
}

/** Builds the web client and sizes its budgeted routes; the build directory is removed. */
export async function measureClientRoutes(repoRoot: string) {
  const build = await buildWithManifest(repoRoot, path.join(repoRoot, 'client'));
  try {
    return {
      buildMs: build.buildMs,
      list: routeSize(build, CLIENT_ROUTES.list),
      editor: routeSize(build, CLIENT_ROUTES.editor),
    };
  } finally {
    await fs.rm(build.outDir, { recursive: true, force: true });
  }
}

// The floor app: our stack's libraries, used as plainly as they allow, nothing of ours.
const FLOOR_FILES: Record<string, string> = {
  'index.html': `<!doctype html><html><body><div id="root"></div><script type="module" src="/src/main.tsx"></script></body></html>`,
  'vite.config.mjs': `import react from '@vitejs/plugin-react';
export default { plugins: [react()] };`,
  'src/main.tsx': `import { StrictMode, Suspense, lazy } from 'react';
import { createRoot } from 'react-dom/client';
import { Link, RouterProvider, createRootRoute, createRoute, createRouter, Outlet } from '@tanstack/react-router';
import { Client, Provider, fetchExchange, subscriptionExchange, useQuery } from 'urql';
import { cacheExchange } from '@urql/exchange-graphcache';

// As ours, graphql-ws comes with the first subscription.
const ws = import('graphql-ws').then(({ createClient }) => createClient({ url: 'ws://' + location.host + '/graphql' }));
const client = new Client({
  url: '/graphql',
  exchanges: [
    cacheExchange({}),
    fetchExchange,
    subscriptionExchange({
      forwardSubscription: (request) => ({
        subscribe: (sink) => {
          const stop = ws.then((socket) => socket.subscribe({ ...request, query: request.query ?? '' }, sink));
          return { unsubscribe: () => void stop.then((unsubscribe) => unsubscribe()) };
        },
      }),
    }),
  ],
});

function List() {
  const [{ data }] = useQuery<{ proposals: { id: string; title: string }[] }>({ query: '{ proposals { id title } }' });
  return <ul>{data?.proposals.map((p) => <li key={p.id}><Link to="/p/$id" params={{ id: p.id }}>{p.title}</Link></li>)}</ul>;
}
const Editor = lazy(() => import('./Editor'));

const root = createRootRoute({ component: () => <Outlet /> });
const list = createRoute({ getParentRoute: () => root, path: '/', component: List });
const editor = createRoute({
  getParentRoute: () => root,
  path: '/p/$id',
  component: function EditorRoute() {
    const { id } = editor.useParams();
    return <Suspense fallback="…"><Editor id={id} /></Suspense>;
  },
});
const router = createRouter({ routeTree: root.addChildren([list, editor]) });

createRoot(document.getElementById('root')!).render(
  <StrictMode><Provider value={client}><RouterProvider router={router} /></Provider></StrictMode>,
);
`,
  'src/Editor.tsx': `import { useEffect, useState } from 'react';
import { EditorContent, useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';

export default function Editor({ id }: { id: string }) {
  const [session] = useState(() => {
    const doc = new Y.Doc();
    return { doc, provider: new WebsocketProvider('ws://' + location.host + '/collab', id, doc) };
  });
  useEffect(() => () => session.provider.destroy(), [session]);
  const editor = useEditor({
    extensions: [
      StarterKit.configure({ undoRedo: false }),
      Collaboration.configure({ document: session.doc }),
      CollaborationCaret.configure({ provider: session.provider, user: { name: 'a', color: '#000' } }),
    ],
  });
  return <EditorContent editor={editor} />;
}
`,
};

const FLOOR_ROUTES = {
  list: { name: 'floor list', modules: ['src/main.tsx'] },
  editor: { name: 'floor editor', modules: ['src/Editor.tsx'] },
} satisfies Record<string, RouteSpec>;

/** Builds the floor app inside client/node_modules (so it resolves the client's packages). */
async function measureFloor(repoRoot: string) {
  const cache = path.join(repoRoot, 'client/node_modules/.cache');
  await fs.mkdir(cache, { recursive: true });
  const dir = await fs.mkdtemp(path.join(cache, 'brieflock-bundle-floor-'));
  try {
    for (const [file, text] of Object.entries(FLOOR_FILES)) {
      await fs.mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await fs.writeFile(path.join(dir, file), text);
    }
    const build = await buildWithManifest(repoRoot, dir);
    try {
      return { list: routeSize(build, FLOOR_ROUTES.list), editor: routeSize(build, FLOOR_ROUTES.editor) };
    } finally {
      await fs.rm(build.outDir, { recursive: true, force: true });
    }
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

const kb = (bytes: number) => bytes / 1000;

export async function benchBundle(repoRoot: string): Promise<Result[]> {
  const ours = await measureClientRoutes(repoRoot);
  const floor = await measureFloor(repoRoot);
  const row = (key: 'list' | 'editor', id: string, name: string) => {
    const size = ours[key];
    return result(id, name, kb(size.gzipBytes), kb(floor[key].gzipBytes), 'KB gzip', {
      budgetKB: BUDGETS_KB[key],
      withinBudget: withinBudget(key, size.gzipBytes) ? 'yes' : 'no',
      files: size.files.length,
      rawKB: Math.round(kb(size.rawBytes) * 10) / 10,
      mayLoadLaterKB: Math.round(kb(size.mayLoadGzipBytes) * 10) / 10,
      cssKB: Math.round(kb(size.cssGzipBytes) * 10) / 10,
      buildMs: Math.round(ours.buildMs),
    });
  };
  return [
    row(
      'editor',
      'P10',
      `editor route JS, gzip (budget ${BUDGETS_KB.editor} KB; floor: Tiptap StarterKit + Yjs collab)`,
    ),
    row(
      'list',
      'P10',
      `proposals list first screen JS, gzip (budget < ${BUDGETS_KB.list} KB; floor: React + router + urql)`,
    ),
  ];
}
