import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The layers of `server/src`, top to bottom. A file may import its own layer or any
 * layer below it, never one above: entry points compose the app, the app wires
 * transports, transports call GraphQL and the domain, the domain uses the
 * infrastructure, and everything may use the base.
 */
const LAYERS: readonly (readonly string[])[] = [
  ['main.ts', 'scripts'],
  ['app.ts'],
  ['http'],
  ['graphql'],
  ['modules'],
  ['collab', 'db', 'jobs', 'observability', 'work'],
  ['config.ts', 'errors.ts', 'logger.ts', 'system.ts', 'validation.ts'],
];

/** Files by path relative to `server/src`, each with the relative paths it imports. */
type ImportGraph = Map<string, string[]>;

const SOURCE_ROOT = path.dirname(fileURLToPath(import.meta.url));

const isTest = (file: string): boolean => file.endsWith('.test.ts');

/**
 * What a source file imports (static, type-only, re-exports and dynamic `import()`),
 * resolved to paths relative to `server/src`; packages and files outside it are left out.
 */
function importsOf(file: string, text: string): string[] {
  const { importedFiles } = ts.preProcessFile(text, true, true);
  const imports: string[] = [];
  for (const { fileName } of importedFiles) {
    if (!fileName.startsWith('.')) continue;
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), fileName)).replace(/\.js$/, '.ts');
    if (!target.startsWith('../')) imports.push(target);
  }
  return imports;
}

/** The import graph of every TypeScript file under `root`. */
function readGraph(root: string): ImportGraph {
  const graph: ImportGraph = new Map();
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.ts'));
  for (const name of files) {
    const file = name.split(path.sep).join('/');
    graph.set(file, importsOf(file, readFileSync(path.join(root, name), 'utf8')));
  }
  return graph;
}

/** The layer index of a file: its top-level folder or file; undefined when it has none. */
function layerOf(file: string): number | undefined {
  const top = file.split('/')[0]!;
  const index = LAYERS.findIndex((layer) => layer.includes(top));
  return index < 0 ? undefined : index;
}

/** Strongly connected components with more than one file, or a file importing itself (Tarjan). */
function cyclesOf(graph: ImportGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let next = 0;
  const visit = (file: string): void => {
    index.set(file, next);
    low.set(file, next);
    next += 1;
    stack.push(file);
    onStack.add(file);
    for (const target of graph.get(file) ?? []) {
      if (!graph.has(target)) continue;
      if (!index.has(target)) {
        visit(target);
        low.set(file, Math.min(low.get(file)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(file, Math.min(low.get(file)!, index.get(target)!));
      }
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    if (component.length > 1 || graph.get(file)?.includes(file)) cycles.push(component.sort());
  };
  for (const file of [...graph.keys()].sort()) if (!index.has(file)) visit(file);
  return cycles;
}

/** Every cycle and every import against the layer order, as readable lines. */
function problemsOf(graph: ImportGraph): string[] {
  const problems: string[] = [];
  for (const cycle of cyclesOf(graph)) problems.push(`import cycle: ${cycle.join(' ↔ ')}`);
  for (const [file, targets] of graph) {
    // Tests may reach any layer: they start whole apps to exercise one behaviour.
    if (isTest(file)) continue;
    const from = layerOf(file);
    if (from === undefined) {
      problems.push(`${file} is in no layer: add its folder to LAYERS`);
      continue;
    }
    for (const target of targets) {
      const to = layerOf(target);
      if (to !== undefined && to < from) problems.push(`${file} imports ${target}, a layer above it`);
    }
  }
  return problems;
}

describe('the import graph of server/src', () => {
  it('has no cycles and no import against the layer order', () => {
    const graph = readGraph(SOURCE_ROOT);
    expect(graph.size).toBeGreaterThan(50);
    expect(problemsOf(graph)).toEqual([]);
  });

  it('reads static, type-only, re-exported and dynamic imports, relative to the importing file', () => {
    const text = [
      "import type { Context } from '../context.js';",
      "import { z } from 'zod';",
      "export { readBrief } from './brief-store.js';",
      "const pdf = await import('./export/render-pdf.js');",
      "import { db } from '../../../test/support/db.js';",
    ].join('\n');
    expect(importsOf('modules/briefs/draft.ts', text)).toEqual([
      'modules/context.ts',
      'modules/briefs/brief-store.ts',
      'modules/briefs/export/render-pdf.ts',
    ]);
  });

  it('fails on a cycle, however long, and on a file importing itself', () => {
    const graph: ImportGraph = new Map([
      ['modules/a.ts', ['modules/b.ts']],
      ['modules/b.ts', ['modules/c.ts']],
      ['modules/c.ts', ['modules/a.ts']],
      ['modules/d.ts', ['modules/a.ts']],
    ]);
    expect(problemsOf(graph)).toEqual(['import cycle: modules/a.ts ↔ modules/b.ts ↔ modules/c.ts']);
    expect(problemsOf(new Map([['db/self.ts', ['db/self.ts']]]))).toEqual(['import cycle: db/self.ts']);
  });

  it('fails on an import upwards, and on a file outside every layer', () => {
    const graph: ImportGraph = new Map([
      ['modules/briefs/collab-hooks.ts', ['http/request.ts', 'collab/hooks.ts', 'logger.ts']],
      ['http/request.ts', ['modules/accounts/sessions.ts']],
      ['db/entities.ts', ['modules/accounts/user.entity.ts']],
      ['modules/accounts/sessions.ts', []],
      ['modules/accounts/user.entity.ts', []],
      ['collab/hooks.ts', []],
      ['logger.ts', []],
      ['stray/file.ts', []],
      ['modules/any.test.ts', ['app.ts']],
    ]);
    expect(problemsOf(graph)).toEqual([
      'modules/briefs/collab-hooks.ts imports http/request.ts, a layer above it',
      'db/entities.ts imports modules/accounts/user.entity.ts, a layer above it',
      'stray/file.ts is in no layer: add its folder to LAYERS',
    ]);
  });
});
