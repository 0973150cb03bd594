import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '@brieflock/schema';
import { startTestApp, type TestApp } from '../../../test/support/app.js';
import {
  codes,
  expectExecuted,
  expectNoStackTraces,
  expectRefused,
  post,
  send,
} from '../../../test/support/raw-graphql.js';

let dev: TestApp;

beforeAll(async () => {
  dev = await startTestApp({ NODE_ENV: 'development' });
});
afterAll(async () => {
  expectNoStackTraces();
  await dev?.close();
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
    const response = await send(dev, {
      search: `?query=${encodeURIComponent('{ __typename }')}`,
      headers: { 'apollo-require-preflight': 'true' },
    });
    expectExecuted(response);
  });

  it('refuses a mutation over GET even with a preflight header', async () => {
    const response = await send(dev, {
      search: `?query=${encodeURIComponent('mutation { signOut }')}`,
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(response.status).toBe(405);
    expect(response.json?.data).toBeUndefined();
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'])(
    'refuses a POST with content-type %s (a "simple" cross-site request) and runs nothing',
    async (contentType) => {
      const query =
        'mutation { signUp(input: { email: "csrf@example.test", password: "a long passphrase", name: "C" }) { token } }';
      const response = await send(dev, {
        method: 'POST',
        headers: { 'content-type': contentType },
        body: JSON.stringify({ query }),
      });
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
    const response = await send(dev, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": "{ me { id } }"',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.json?.errors?.[0]).toEqual({
      message: 'Request body is not valid JSON.',
      extensions: { code: 'BAD_REQUEST' },
    });
  });

  it('answers a body without a query with 400 BAD_REQUEST', async () => {
    const response = await send(dev, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"variables": {}}',
    });
    expect(response.status).toBe(400);
    expect(codes(response)).toEqual(['BAD_REQUEST']);
  });

  it('answers a syntax error with 400 GRAPHQL_PARSE_FAILED', async () => {
    expectRefused(await post(dev, '{ me { id }'), 400, 'GRAPHQL_PARSE_FAILED', /Syntax Error/);
  });
});
