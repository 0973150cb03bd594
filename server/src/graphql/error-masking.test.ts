import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { makeProposal, makeUser } from '../../../test/support/factories.js';
import { waitFor } from '../../../test/support/wait.js';
import {
  expectExecuted,
  expectRefused,
  messages,
  post,
  type RawResponse,
  useDevAndProdApps,
} from '../../../test/support/raw-graphql.js';

const apps = useDevAndProdApps();

describe('development and production', () => {
  it('suggests field names in development', async () => {
    const response = await post(apps.dev, '{ mee { id } }');
    expectRefused(response, 400, 'GRAPHQL_VALIDATION_FAILED', /Cannot query field "mee"/);
    expect(messages(response).join(' ')).toMatch(/Did you mean "me"\?/);
  });

  it('does not suggest field names in production', async () => {
    const response = await post(apps.prod, '{ mee { id } }');
    expectRefused(response, 400, 'GRAPHQL_VALIDATION_FAILED', /Cannot query field "mee"/);
    expect(response.text).not.toMatch(/Did you mean/);
    expect(response.text).not.toMatch(/"me"/);
  });

  it('does not suggest argument or input field names in production', async () => {
    const response = await post(
      apps.prod,
      'mutation { signIn(input: { emial: "a@example.test", password: "x" }) { token } }',
    );
    expect(response.status).toBe(400);
    expect(response.text).not.toMatch(/Did you mean/);
  });

  it.each([
    [
      'an enum value in a literal',
      'mutation { addParticipant(input: { proposalId: "x", email: "a@example.test", role: VIEWR }) { id } }',
      {},
    ],
    [
      'an enum value in a variable',
      'mutation($role: ParticipantRole!) { addParticipant(input: { proposalId: "x", email: "a@example.test", role: $role }) { id } }',
      { role: 'VIEWR' },
    ],
    ['a type name', 'query($input: AddParticipantInpt!) { me { id } }', {}],
  ])('does not suggest %s in production, and does in development', async (_what, query, variables) => {
    const prod = await post(apps.prod, query, variables);
    expect(prod.status).toBe(400);
    expect(messages(prod).length).toBeGreaterThan(0);
    expect(prod.text).not.toMatch(/Did you mean|VIEWER|AddParticipantInput/);
    const dev = await post(apps.dev, query, variables);
    expect(messages(dev).join(' ')).toMatch(/Did you mean/);
  });

  it('answers introspection in development', async () => {
    const response = await post(apps.dev, '{ __schema { queryType { name } } }');
    expectExecuted(response);
    expect(response.json?.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });

  it.each([
    ['__schema', '{ __schema { queryType { name } } }'],
    ['__type', '{ __type(name: "Query") { name } }'],
  ])('refuses introspection through %s in production', async (_name, query) => {
    const response = await post(apps.prod, query);
    expectRefused(response, 400, 'GRAPHQL_VALIDATION_FAILED', /introspection/i);
  });

  it('still answers ordinary queries in production', async () => {
    expectExecuted(await post(apps.prod, '{ me { id } __typename }'));
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
    expect(response.text).not.toMatch(
      /select |insert into|update "|from "|column "|relation "|does not exist|violates|constraint/i,
    );
    expect(response.text).not.toMatch(/postgres|pg_|mikro|knex|driver|sql/i);
    expect(response.text).not.toMatch(/stack|\bat \S+ \(|\.ts:\d+|\.js:\d+|node_modules/i);
    expect(response.text).not.toMatch(/Context creation failed|Unexpected error/i);
  }

  it('hides a failing SQL statement in a resolver behind INTERNAL_SERVER_ERROR', async () => {
    const owner = await makeUser(broken.api);
    await makeProposal(broken.api, owner, 'Before the break');
    await broken.db.query('alter table "proposals" rename column "title" to "title_renamed"');
    try {
      const response = await post(broken, '{ proposals { id title } }', undefined, {
        authorization: `Bearer ${owner.token}`,
      });
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
