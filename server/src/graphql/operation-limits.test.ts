import { Kind, Lexer, parse, Source, TokenKind, type ASTNode } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '@brieflock/schema';
import {
  codes,
  expectExecuted,
  expectRefused,
  messages,
  post,
  useDevAndProdApps,
} from '../../../test/support/raw-graphql.js';

/** Number of tokens graphql-js counts in a document (what the token limit counts). */
function countTokens(query: string): number {
  const lexer = new Lexer(new Source(query));
  let count = 0;
  while (lexer.advance().kind !== TokenKind.EOF) count += 1;
  return count;
}

/**
 * graphql-armor's cost model, as configured (defaults): a scalar costs 1, an object 2
 * plus 1.5 × the cost of each child; the operation is the sum of its root fields.
 */
function armorCost(query: string): number {
  const cost = (node: ASTNode): number => {
    if (node.kind === Kind.FIELD && node.selectionSet) {
      let total = 2;
      for (const child of node.selectionSet.selections) total += 1.5 * cost(child);
      return total;
    }
    if (node.kind === Kind.FIELD) return 1;
    throw new Error(`armorCost handles fields only, not ${node.kind}`);
  };
  const operation = parse(query).definitions[0];
  if (operation?.kind !== Kind.OPERATION_DEFINITION) throw new Error('not an operation');
  return operation.selectionSet.selections.reduce((sum, child) => sum + cost(child), 0);
}

/** `{ __type(name: "Query") { fields { type { ofType { … name } } } } }` nested `depth` levels deep. */
function queryOfDepth(depth: number): string {
  let inner = 'name';
  for (let level = 4; level < depth; level += 1) inner = `ofType { ${inner} }`;
  return `{ __type(name: "Query") { fields { type { ${inner} } } } }`;
}

/** `count` aliased copies of `field`. */
const aliased = (count: number, field: string) => Array.from({ length: count }, (_, i) => `a${i}: ${field}`).join(' ');

/**
 * A valid query of exactly `tokens` tokens: `name` fields spread over fourteen aliased
 * `__type` lookups (graphql-js aborts validating a document with too many equal fields
 * to compare, which would hide what this is meant to test).
 */
function queryOfTokens(tokens: number): string {
  const groups = 14;
  const header = (i: number) => `t${i}: __type(name: "Query") {`; // 9 tokens, plus "}"
  let names = tokens - 2 - groups * 10;
  const parts: string[] = [];
  for (let i = 0; i < groups; i += 1) {
    const here = Math.ceil(names / (groups - i));
    names -= here;
    parts.push(`${header(i)} ${Array(here).fill('name').join(' ')} }`);
  }
  const query = `{ ${parts.join(' ')} }`;
  expect(countTokens(query)).toBe(tokens);
  return query;
}

/** `count` fields each carrying one `@include(if: true)`. */
const queryWithDirectives = (count: number) => `{ ${Array(count).fill('__typename @include(if: true)').join(' ')} }`;

/** `names` scalars under nine nested objects: depth 10, within the depth limit, so only its cost can refuse it. */
const queryOfNamesDeep = (names: number) =>
  `{ __type(name: "Query") { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { ${Array(names).fill('name').join(' ')} } } } } } } } } } }`;

const apps = useDevAndProdApps();

describe('operation limits (LIMITS from @brieflock/schema)', () => {
  it(`runs a query ${LIMITS.graphqlMaxDepth} levels deep`, async () => {
    expectExecuted(await post(apps.dev, queryOfDepth(LIMITS.graphqlMaxDepth)));
  });

  it(`refuses a query ${LIMITS.graphqlMaxDepth + 1} levels deep with 400 GRAPHQL_VALIDATION_FAILED`, async () => {
    expectRefused(
      await post(apps.dev, queryOfDepth(LIMITS.graphqlMaxDepth + 1)),
      400,
      'GRAPHQL_VALIDATION_FAILED',
      new RegExp(`depth limit of ${LIMITS.graphqlMaxDepth} exceeded`),
    );
  });

  it('counts depth through fragments too', async () => {
    const deep = queryOfDepth(LIMITS.graphqlMaxDepth + 1).replace(
      '{ __type',
      'query { ...Q } fragment Q on Query { __type',
    );
    expectRefused(await post(apps.dev, deep), 400, 'GRAPHQL_VALIDATION_FAILED', /depth limit/);
  });

  it(`runs a query with ${LIMITS.graphqlMaxAliases} aliases`, async () => {
    expectExecuted(await post(apps.dev, `{ ${aliased(LIMITS.graphqlMaxAliases, 'me { id }')} }`));
  });

  it(`refuses ${LIMITS.graphqlMaxAliases + 1} aliases with 400 GRAPHQL_VALIDATION_FAILED and runs none of them`, async () => {
    const signUp = (i: number) =>
      `a${i}: signUp(input: { email: "alias-${i}@example.test", password: "a long passphrase", name: "A" }) { token }`;
    const mutation = `mutation { ${Array.from({ length: LIMITS.graphqlMaxAliases + 1 }, (_, i) => signUp(i)).join(' ')} }`;
    expectRefused(
      await post(apps.dev, mutation),
      400,
      'GRAPHQL_VALIDATION_FAILED',
      new RegExp(`Aliases limit of ${LIMITS.graphqlMaxAliases} exceeded`),
    );
    const { rows } = await apps.dev.db.query("select count(*)::int as n from users where email like 'alias-%'");
    expect(rows[0].n).toBe(0);
  });

  it(`runs a query of exactly ${LIMITS.graphqlMaxTokens} tokens`, async () => {
    expectExecuted(await post(apps.dev, queryOfTokens(LIMITS.graphqlMaxTokens)));
  });

  it(`refuses ${LIMITS.graphqlMaxTokens + 1} tokens with 400 GRAPHQL_PARSE_FAILED (a client error, not a 500)`, async () => {
    expectRefused(
      await post(apps.dev, queryOfTokens(LIMITS.graphqlMaxTokens + 1)),
      400,
      'GRAPHQL_PARSE_FAILED',
      new RegExp(`more tha[nt] ${LIMITS.graphqlMaxTokens} tokens`),
    );
  });

  it('refuses a huge document of tokens quickly, before validating it', async () => {
    const started = Date.now();
    const query = `{ ${Array(300_000).fill('a').join(' ')} }`;
    expect(Buffer.byteLength(query)).toBeLessThan(LIMITS.graphqlMaxBodyBytes - 100);
    const response = await post(apps.dev, query);
    expect(response.status).toBe(400);
    expect(codes(response)).toEqual(['GRAPHQL_PARSE_FAILED']);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it(`runs a query with ${LIMITS.graphqlMaxDirectives} directives`, async () => {
    expectExecuted(await post(apps.dev, queryWithDirectives(LIMITS.graphqlMaxDirectives)));
  });

  it(`refuses ${LIMITS.graphqlMaxDirectives + 1} directives with 400 GRAPHQL_VALIDATION_FAILED`, async () => {
    expectRefused(
      await post(apps.dev, queryWithDirectives(LIMITS.graphqlMaxDirectives + 1)),
      400,
      'GRAPHQL_VALIDATION_FAILED',
      new RegExp(`Directives limit of ${LIMITS.graphqlMaxDirectives} exceeded`),
    );
  });

  describe('cost', () => {
    let underLimit = 1;
    beforeAll(() => {
      while (armorCost(queryOfNamesDeep(underLimit + 1)) <= LIMITS.graphqlMaxCost) underLimit += 1;
    });

    it(`runs the costliest query right under ${LIMITS.graphqlMaxCost}`, async () => {
      const query = queryOfNamesDeep(underLimit);
      expect(armorCost(query)).toBeGreaterThan(LIMITS.graphqlMaxCost * 0.99);
      expectExecuted(await post(apps.dev, query));
    });

    it(`refuses a query costing more than ${LIMITS.graphqlMaxCost} with 400 GRAPHQL_VALIDATION_FAILED`, async () => {
      const query = queryOfNamesDeep(underLimit + 1);
      const response = await post(apps.dev, query);
      expectRefused(
        response,
        400,
        'GRAPHQL_VALIDATION_FAILED',
        new RegExp(`Cost limit of ${LIMITS.graphqlMaxCost} exceeded`),
      );
      // The server measured the same cost as the model above: the boundary is where we think it is.
      expect(messages(response).join(' ')).toContain(`found ${armorCost(query)}`);
    });
  });

  it('applies the limits in production too', async () => {
    expectRefused(
      await post(apps.prod, `{ ${aliased(LIMITS.graphqlMaxAliases + 1, 'me { id }')} }`),
      400,
      'GRAPHQL_VALIDATION_FAILED',
      /Aliases limit/,
    );
    expectRefused(
      await post(apps.prod, queryWithDirectives(LIMITS.graphqlMaxDirectives + 1)),
      400,
      'GRAPHQL_VALIDATION_FAILED',
      /Directives limit/,
    );
  });
});
