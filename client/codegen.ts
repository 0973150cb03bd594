import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed documents for every operation the web client sends, generated from the SDL the
 * server emits (`pnpm schema:emit`). Regenerate with `pnpm codegen`; a unit test fails
 * when the committed output in `src/gql/` is stale.
 */
const config: CodegenConfig = {
  schema: '../schema/schema.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**/*', '!src/**/*.test.{ts,tsx}'],
  ignoreNoDocuments: false,
  generates: {
    './src/gql/': {
      preset: 'client',
      // Components take plain fragment types as props; unmasking at every level would add
      // `useFragment` calls without hiding anything the pages do not already own.
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumType: 'string-literal',
        scalars: {
          DateTimeISO: 'string',
          JSON: 'unknown',
        },
      },
    },
  },
};

export default config;
