import { Kind, Lexer, parse, Source, TokenKind, type ASTNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '@brieflock/schema';
import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { makeProposal, makeUser } from '../../../test/support/factories.js';
import { waitFor } from '../../../test/support/wait.js';

interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The body parsed as JSON; undefined when it is not JSON. */
  json: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] } | undefined;
}

/** Every response body this file received: none may carry a stack trace. */
const seenBodies: string[] = [];

/** A request to `/graphql` exactly as given (method, headers, raw body). */
async function send(app: TestApp, init: RequestInit & { search?: string } = {}): Promise<RawResponse> {
  const response = await fetch(`${app.app.url}/graphql${init.search ?? ''}`, init);
  const text = await response.text();
  seenBodies.push(text);
  let json: RawResponse['json'];
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** POSTs one operation as application/json. */
function post(app: TestApp, query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) {
  return send(app, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
}

const codes = (response: RawResponse) => response.json?.errors?.map((error) => error.extensions?.code);
const messages = (response: RawResponse) => response.json?.errors?.map((error) => error.message) ?? [];

/** Asserts a successful execution: 200, data, no errors. */
function expectExecuted(response: RawResponse) {
  expect(response.json?.errors, response.text.slice(0, 300)).toBeUndefined();
  expect(response.status).toBe(200);
  expect(response.json?.data).toBeTruthy();
}

/** Asserts a refusal before execution: the status, an error with `code` and a matching message, no data. */
function expectRefused(response: RawResponse, status: number, code: string, message: RegExp) {
  expect(response.status, response.text.slice(0, 300)).toBe(status);
  expect(response.json?.data).toBeUndefined();
  expect(codes(response)).toContain(code);
  expect(messages(response).some((text) => message.test(text)), JSON.stringify(messages(response))).toBe(true);
}

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

let dev: TestApp;
let prod: TestApp;

beforeAll(async () => {
  [dev, prod] = await Promise.all([startTestApp({ NODE_ENV: 'development' }), startTestApp({ NODE_ENV: 'production' })]);
});
afterAll(async () => {
  await Promise.all([dev?.close(), prod?.close()]);
});

describe('operation limits (LIMITS from @brieflock/schema)', () => {
  it(`runs a query ${LIMITS.graphqlMaxDepth} levels deep`, async () => {
    expectExecuted(await post(dev, queryOfDepth(LIMITS.graphqlMaxDepth)));
  });

  it(`refuses a query ${LIMITS.graphqlMaxDepth + 1} levels deep with 400 GRAPHQL_VALIDATION_FAILED`, async () => {
    expectRefused(
      await post(dev, queryOfDepth(LIMITS.graphqlMaxDepth + 1)),
      400,
      'GRAPHQL_VALIDATION_FAILED',
      new RegExp(`depth limit of ${LIMITS.graphqlMaxDepth} exceeded`),
    );
  });

  it('counts depth through fragments too', async () => {
    const deep = queryOfDepth(LIMITS.graphqlMaxDepth + 1).replace('{ __type', 'query { ...Q } fragment Q on Query { __type');
    expectRefused(await post(dev, deep), 400, 'GRAPHQL_VALIDATION_FAILED', /depth limit/);
  });

  it(`runs a query with ${LIMITS.graphqlMaxAliases} aliases`, async () => {
    expectExecuted(await post(dev, `{ ${aliased(LIMITS.graphqlMaxAliases, 'me { id }')} }`));
  });

  it(`refuses ${LIMITS.graphqlMaxAliases + 1} aliases with 400 GRAPHQL_VALIDATION_FAILED and runs none of them`, async () => {
    const signUp = (i: number) => `a${i}: signUp(input: { email: "alias-${i}@example.test", password: "a long passphrase", name: "A" }) { token }`;
    const mutation = `mutation { ${Array.from({ length: LIMITS.graphqlMaxAliases + 1 }, (_, i) => signUp(i)).join(' ')} }`;
    expectRefused(await post(dev, mutation), 400, 'GRAPHQL_VALIDATION_FAILED', new RegExp(`Aliases limit of ${LIMITS.graphqlMaxAliases} exceeded`));
    const { rows } = await dev.db.query("select count(*)::int as n from users where email like 'alias-%'");
    expect(rows[0].n).toBe(0);
  });

  it(`runs a query of exactly ${LIMITS.graphqlMaxTokens} tokens`, async () => {
    expectExecuted(await post(dev, queryOfTokens(LIMITS.graphqlMaxTokens)));
  });

  it(`refuses ${LIMITS.graphqlMaxTokens + 1} tokens with 400 GRAPHQL_PARSE_FAILED (a client error, not a 500)`, async () => {
    expectRefused(
      await post(dev, queryOfTokens(LIMITS.graphqlMaxTokens + 1)),
      400,
      'GRAPHQL_PARSE_FAILED',
      new RegExp(`more tha[nt] ${LIMITS.graphqlMaxTokens} tokens`),
    );
  });

  it('refuses a huge document of tokens quickly, before validating it', async () => {
    const started = Date.now();
    const query = `{ ${Array(300_000).fill('a').join(' ')} }`;
    expect(Buffer.byteLength(query)).toBeLessThan(LIMITS.graphqlMaxBodyBytes - 100);
    const response = await post(dev, query);
    expect(response.status).toBe(400);
    expect(codes(response)).toEqual(['GRAPHQL_PARSE_FAILED']);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it(`runs a query with ${LIMITS.graphqlMaxDirectives} directives`, async () => {
    expectExecuted(await post(dev, queryWithDirectives(LIMITS.graphqlMaxDirectives)));
  });

  it(`refuses ${LIMITS.graphqlMaxDirectives + 1} directives with 400 GRAPHQL_VALIDATION_FAILED`, async () => {
    expectRefused(
      await post(dev, queryWithDirectives(LIMITS.graphqlMaxDirectives + 1)),
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
      expectExecuted(await post(dev, query));
    });

    it(`refuses a query costing more than ${LIMITS.graphqlMaxCost} with 400 GRAPHQL_VALIDATION_FAILED`, async () => {
      const query = queryOfNamesDeep(underLimit + 1);
      const response = await post(dev, query);
      expectRefused(response, 400, 'GRAPHQL_VALIDATION_FAILED', new RegExp(`Cost limit of ${LIMITS.graphqlMaxCost} exceeded`));
      // The server measured the same cost as the model above: the boundary is where we think it is.
      expect(messages(response).join(' ')).toContain(`found ${armorCost(query)}`);
    });
  });

  it('applies the limits in production too', async () => {
    expectRefused(await post(prod, `{ ${aliased(LIMITS.graphqlMaxAliases + 1, 'me { id }')} }`), 400, 'GRAPHQL_VALIDATION_FAILED', /Aliases limit/);
    expectRefused(await post(prod, queryWithDirectives(LIMITS.graphqlMaxDirectives + 1)), 400, 'GRAPHQL_VALIDATION_FAILED', /Directives limit/);
  });
});

describe('HTTP transport', () => {
  it('refuses a batch (a JSON array of operations) with 400 BAD_REQUEST and runs none of it', async () => {
    const signUp = (email: string) => ({
      query: 'mutation($input: SignUpInput!) { signUp(input: $input) { token } }',
      variables: { input: { email, password: 'a long passphrase', name: 'Batch' } },
    });
    const response = await send(dev, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([signUp('batch-1@example.test'), signUp('batch-2@example.test')]),
    });
    expectRefused(response, 400, 'BAD_REQUEST', /batching/i);
    const { rows } = await dev.db.query("select count(*)::int as n from users where email like 'batch-%'");
    expect(rows[0].n).toBe(0);
  });

  it('refuses a GET query without a content-type or preflight header (CSRF prevention)', async () => {
    const response = await send(dev, { search: `?query=${encodeURIComponent('{ __typename }')}` });
    expectRefused(response, 400, 'BAD_REQUEST', /Cross-Site Request Forgery/);
  });

  it('answers a GET query that carries a preflight header', async () => {
    const response = await send(dev, { search: `?query=${encodeURIComponent('{ __typename }')}`, headers: { 'apollo-require-preflight': 'true' } });
    expectExecuted(response);
  });

  it('refuses a mutation over GET even with a preflight header', async () => {
    const response = await send(dev, { search: `?query=${encodeURIComponent('mutation { signOut }')}`, headers: { 'apollo-require-preflight': 'true' } });
    expect(response.status).toBe(405);
    expect(response.json?.data).toBeUndefined();
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'])(
    'refuses a POST with content-type %s (a "simple" cross-site request) and runs nothing',
    async (contentType) => {
      const query = 'mutation { signUp(input: { email: "csrf@example.test", password: "a long passphrase", name: "C" }) { token } }';
      const response = await send(dev, { method: 'POST', headers: { 'content-type': contentType }, body: JSON.stringify({ query }) });
      expectRefused(response, 400, 'BAD_REQUEST', /Cross-Site Request Forgery/);
      const { rows } = await dev.db.query("select count(*)::int as n from users where email = 'csrf@example.test'");
      expect(rows[0].n).toBe(0);
    },
  );

  it(`accepts a body of exactly ${LIMITS.graphqlMaxBodyBytes} bytes`, async () => {
    const base = JSON.stringify({ query: '{ __typename }' });
    const body = JSON.stringify({ query: `{ __typename }${' '.repeat(LIMITS.graphqlMaxBodyBytes - base.length)}` });
    expect(Buffer.byteLength(body)).toBe(LIMITS.graphqlMaxBodyBytes);
    expectExecuted(await send(dev, { method: 'POST', headers: { 'content-type': 'application/json' }, body }));
  });

  it('answers a body over the limit with 413, and keeps serving', async () => {
    const base = JSON.stringify({ query: '{ __typename }' });
    const body = JSON.stringify({ query: `{ __typename }${' '.repeat(LIMITS.graphqlMaxBodyBytes + 1 - base.length)}` });
    expect(Buffer.byteLength(body)).toBe(LIMITS.graphqlMaxBodyBytes + 1);
    const response = await send(dev, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(response.status).toBe(413);
    expect(codes(response)).toEqual(['BAD_REQUEST']);
    expectExecuted(await post(dev, '{ __typename }'));
  });

  it('answers a much larger body with 413 without reading it into memory first', async () => {
    const body = Buffer.alloc(LIMITS.graphqlMaxBodyBytes * 8, 0x20);
    const response = await send(dev, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(response.status).toBe(413);
    expectExecuted(await post(dev, '{ __typename }'));
  });

  it('answers malformed JSON with 400 and a JSON error body', async () => {
    const response = await send(dev, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": "{ me { id } }"' });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.json?.errors?.[0]).toEqual({ message: 'Request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } });
  });

  it('answers a body without a query with 400 BAD_REQUEST', async () => {
    const response = await send(dev, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"variables": {}}' });
    expect(response.status).toBe(400);
    expect(codes(response)).toEqual(['BAD_REQUEST']);
  });

  it('answers a syntax error with 400 GRAPHQL_PARSE_FAILED', async () => {
    expectRefused(await post(dev, '{ me { id }'), 400, 'GRAPHQL_PARSE_FAILED', /Syntax Error/);
  });
});

describe('development and production', () => {
  it('suggests field names in development', async () => {
    const response = await post(dev, '{ mee { id } }');
    expectRefused(response, 400, 'GRAPHQL_VALIDATION_FAILED', /Cannot query field "mee"/);
    expect(messages(response).join(' ')).toMatch(/Did you mean "me"\?/);
  });

  it('does not suggest field names in production', async () => {
    const response = await post(prod, '{ mee { id } }');
    expectRefused(response, 400, 'GRAPHQL_VALIDATION_FAILED', /Cannot query field "mee"/);
    expect(response.text).not.toMatch(/Did you mean/);
    expect(response.text).not.toMatch(/"me"/);
  });

  it('does not suggest argument or input field names in production', async () => {
    const response = await post(prod, 'mutation { signIn(input: { emial: "a@example.test", password: "x" }) { token } }');
    expect(response.status).toBe(400);
    expect(response.text).not.toMatch(/Did you mean/);
  });

  it('answers introspection in development', async () => {
    const response = await post(dev, '{ __schema { queryType { name } } }');
    expectExecuted(response);
    expect(response.json?.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });

  it.each([
    ['__schema', '{ __schema { queryType { name } } }'],
    ['__type', '{ __type(name: "Query") { name } }'],
  ])('refuses introspection through %s in production', async (_name, query) => {
    const response = await post(prod, query);
    expectRefused(response, 400, 'GRAPHQL_VALIDATION_FAILED', /introspection/i);
  });

  it('still answers ordinary queries in production', async () => {
    expectExecuted(await post(prod, '{ me { id } __typename }'));
  });
});

describe('unexpected errors', () => {
  let broken: TestApp;
  beforeAll(async () => {
    broken = await startTestApp({ NODE_ENV: 'development' });
  });
  afterAll(() => broken?.close());

  /** Asserts the one masked error, with no trace of SQL, the driver, the ORM or a stack. */
  function expectMasked(response: RawResponse) {
    expect(response.json?.errors, response.text).toHaveLength(1);
    expect(response.json?.errors?.[0]?.message).toBe('Internal server error.');
    expect(response.json?.errors?.[0]?.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
    expect(response.text).not.toMatch(/select |insert into|update "|from "|column "|relation "|does not exist|violates|constraint/i);
    expect(response.text).not.toMatch(/postgres|pg_|mikro|knex|driver|sql/i);
    expect(response.text).not.toMatch(/stack|\bat \S+ \(|\.ts:\d+|\.js:\d+|node_modules/i);
    expect(response.text).not.toMatch(/Context creation failed|Unexpected error/i);
  }

  it('hides a failing SQL statement in a resolver behind INTERNAL_SERVER_ERROR', async () => {
    const owner = await makeUser(broken.api);
    await makeProposal(broken.api, owner, 'Before the break');
    await broken.db.query('alter table "proposals" rename column "title" to "title_renamed"');
    try {
      const response = await post(broken, '{ proposals { id title } }', undefined, { authorization: `Bearer ${owner.token}` });
      expectMasked(response);
      expect(response.json?.data).toBeNull();
    } finally {
      await broken.db.query('alter table "proposals" rename column "title_renamed" to "title"');
    }
  });

  it('hides a failing SQL statement while authenticating the request', async () => {
    const user = await makeUser(broken.api);
    await broken.db.query('alter table "sessions" rename column "token_hash" to "token_hash_renamed"');
    try {
      const response = await post(broken, '{ me { id } }', undefined, { authorization: `Bearer ${user.token}` });
      expect(response.status).toBe(500);
      expectMasked(response);
    } finally {
      await broken.db.query('alter table "sessions" rename column "token_hash_renamed" to "token_hash"');
    }
  });

  it('hides a missing table in a mutation', async () => {
    await broken.db.query('alter table "users" rename to "users_renamed"');
    try {
      const response = await post(broken, 'mutation($input: SignUpInput!) { signUp(input: $input) { token } }', {
        input: { email: 'masked@example.test', password: 'a long passphrase', name: 'M' },
      });
      expectMasked(response);
    } finally {
      await broken.db.query('alter table "users_renamed" rename to "users"');
    }
  });

  it('masks failures while the database drops its connections, and recovers', async () => {
    const user = await makeUser(broken.api);
    const ask = () => post(broken, '{ me { id } }', undefined, { authorization: `Bearer ${user.token}` });
    expectExecuted(await ask());
    await broken.db.query(
      'select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
    );
    const recovered = await waitFor(
      async () => {
        const response = await ask();
        if (!response.json?.errors) return response;
        expectMasked(response);
        return undefined;
      },
      { what: 'a query to succeed after the connections were terminated' },
    );
    expect(recovered.json?.data).toEqual({ me: { id: user.id } });
  });
});

afterAll(() => {
  expect(seenBodies.length).toBeGreaterThan(20);
  const withStack = seenBodies.filter((body) => /stacktrace/i.test(body));
  expect(withStack, 'responses carrying a stack trace').toEqual([]);
});
