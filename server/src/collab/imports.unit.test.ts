import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = fileURLToPath(new URL('.', import.meta.url));
const sources = readdirSync(here).filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'));

/**
 * The collab files a source imports (type-only imports included). Cycles anywhere in the
 * server are the import-graph test's concern; this one keeps the room and its sockets
 * apart even one way.
 */
function localImports(file: string): string[] {
  const text = readFileSync(here + file, 'utf8');
  return [...text.matchAll(/^(?:import|export)\s[^;]*?from\s+'\.\/([^']+)\.js';/gms)].map((match) => `${match[1]}.ts`);
}

const graph = new Map(sources.map((file) => [file, localImports(file)]));

describe('the collaboration transport', () => {
  it('has a room and a connection that do not import each other', () => {
    expect(graph.get('room.ts')).not.toContain('connection.ts');
    expect(graph.get('connection.ts')).not.toContain('room.ts');
  });

  it('is read by the test above: every import it names is a file here', () => {
    expect(graph.get('collab-server.ts')).toEqual(expect.arrayContaining(['connection.ts', 'room.ts']));
    for (const imports of graph.values()) for (const file of imports) expect(sources).toContain(file);
  });
});
