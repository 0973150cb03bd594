import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CEILINGS_KB, measureClientRoutes } from '../bench/src/bundle.bench.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Libraries only the brief editor, the socket or passkey sign-in need. */
const EDITOR_ONLY = /(^|\/)node_modules\/(yjs|lib0|y-websocket|y-indexeddb|y-protocols|@tiptap|prosemirror-[a-z]+)\//;
const ON_DEMAND = /(^|\/)node_modules\/(@simplewebauthn|graphql-ws)\//;

// Builds the web client (a few seconds; no server, no database) as P10 does: sizes are
// deterministic, so the test holds what the first screens fetch to their ceilings.
describe('the web client bundle', { timeout: 180_000 }, () => {
  it('keeps the editor, the socket and passkeys out of the proposals list, and both routes under their ceilings', async () => {
    const routes = await measureClientRoutes(root);
    const node = (module: string) => module.replace(/^.*node_modules\//, 'node_modules/');

    expect(
      routes.list.modules.map(node).filter((module) => EDITOR_ONLY.test(module) || ON_DEMAND.test(module)),
    ).toEqual([]);
    expect(routes.editor.modules.map(node).filter((module) => ON_DEMAND.test(module))).toEqual([]);
    // Sanity: the editor route does hold the editor.
    expect(routes.editor.modules.some((module) => /node_modules\/.*@tiptap\/core\//.test(module))).toBe(true);

    expect(routes.list.gzipBytes / 1000, routes.list.files.join('\n')).toBeLessThanOrEqual(CEILINGS_KB.list);
    expect(routes.editor.gzipBytes / 1000, routes.editor.files.join('\n')).toBeLessThanOrEqual(CEILINGS_KB.editor);
  });
});
