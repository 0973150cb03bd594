// @vitest-environment node
// Runs code generation and graphql-js, which need Node and no DOM (a DOM makes the loaders skip files).
import { generate } from '@graphql-codegen/cli';
import { type DocumentNode, buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import config from '../codegen';
import * as generated from './gql/graphql';
import sdl from '../../schema/schema.graphql?raw';

// Read through Vite (`?raw`) rather than node:fs, so the test needs no Node typings beside the DOM's.
const clientDir = decodeURIComponent(new URL('..', import.meta.url).pathname);
const committed: Record<string, string> = import.meta.glob('./gql/*.ts', {
  query: '?raw',
  import: 'default',
  eager: true,
});
const schema = buildSchema(sdl);

const isDocument = (value: unknown): value is DocumentNode =>
  typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'Document';

/** Every operation the client can send: the generated `…Document` constants, with their fragments. */
const documents = Object.entries(generated).filter(
  (entry): entry is [string, DocumentNode] =>
    isDocument(entry[1]) && entry[1].definitions.some((definition) => definition.kind === 'OperationDefinition'),
);

describe('generated GraphQL documents', () => {
  it('are what `pnpm codegen` writes from the committed schema and the sources', async () => {
    // Codegen resolves the schema's path against the process's directory, not `cwd`.
    const schemaPath = `${clientDir}${config.schema}`;
    const outputs = await generate({ ...config, schema: schemaPath, cwd: clientDir, silent: true }, false);
    expect(outputs.length).toBeGreaterThan(0);
    const written = Object.fromEntries(
      outputs.map((output: { filename: string; content: string }) => [
        output.filename.replace(/^\.\/src\//, './'),
        output.content,
      ]),
    );
    // Same files (none left over, none missing) with the same text.
    expect(Object.keys(committed).sort()).toEqual(Object.keys(written).sort());
    for (const [file, content] of Object.entries(written)) {
      expect(committed[file], `${file} is stale: run pnpm codegen`).toBe(content);
    }
  }, 60_000);

  it('include every operation the client runs', () => {
    const names = documents.map(([name]) => name);
    expect(names).toEqual(expect.arrayContaining(['MeDocument', 'SignableVersionDocument', 'ProposalEventsDocument']));
  });

  it.each(documents)('%s is valid against the schema', (_name, document) => {
    expect(validate(schema, document).map((error) => error.message)).toEqual([]);
  });

  it('an operation asking for a field the schema lacks is rejected', () => {
    const invalid = parse('query Broken($id: ID!) { proposal(id: $id) { id budget } }');
    expect(validate(schema, invalid).map((error) => error.message)).toEqual([
      'Cannot query field "budget" on type "Proposal".',
    ]);
  });
});
