import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type App } from '../../server/src/app.js';
import { loadConfig } from '../../server/src/config.js';
import { TEST_SIGNING_KEY } from '../support/constants.js';
import { createLogger } from '../../server/src/logger.js';
import { User } from '../../server/src/modules/accounts/user.entity.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { makeUser } from '../support/factories.js';
import { createApi, type Api } from '../support/graphql.js';
import { waitFor } from '../support/wait.js';

/**
 * A failed SQL statement carries the person's data twice: in its parameters (and in the
 * statement text with them inlined) and in PostgreSQL's own detail ("Failing row contains
 * (…)"). None of it may reach the log, in either log format.
 */
describe.each([
  ['json', false],
  ['pretty', true],
] as const)('a failed SQL statement in %s logs', (_format, pretty) => {
  let db: TestDatabase;
  let app: App;
  let api: Api;
  let output = '';
  /** A stream that appends everything written to `output`, as a log collector would read it. */
  const capture = () =>
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        output += chunk.toString('utf8');
        done();
      },
    });

  beforeAll(async () => {
    db = await createTestDatabase();
    const config = loadConfig({
      NODE_ENV: 'production',
      SIGNING_KEY: TEST_SIGNING_KEY,
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: db.url,
      LOG_LEVEL: 'debug',
      LOG_FORMAT: pretty ? 'pretty' : 'json',
    });
    const log = createLogger(config.logLevel, capture(), { pretty });
    app = await startApp(config, log);
    api = createApi(app.url);
    // A database that refuses some rows, as a constraint added by a later migration
    // (or a trigger, or a full disk) would: the statement reaches PostgreSQL and fails there.
    await db.query(`alter table "proposals" add constraint "test_refused_title" check ("title" not like '%canary%')`);
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('neither the parameters, nor the statement with them inlined, nor the failing row', async () => {
    const canary = `canary-${randomBytes(8).toString('hex')}`;
    const user = await makeUser(api);
    const before = output.length;
    const result = await api.gql(
      'mutation($input: CreateProposalInput!) { createProposal(input: $input) { id } }',
      { input: { title: `Secret plan ${canary}` } },
      { token: user.token },
    );
    expect(result.code).toBe('INTERNAL_SERVER_ERROR');
    expect(JSON.stringify(result)).not.toContain(canary);
    await waitFor(() => output.slice(before).includes('unexpected error'), { what: 'the error to be logged' });
    const logged = output.slice(before);
    expect(logged).not.toContain(canary);
    // What an operator needs is still there: which constraint and SQLSTATE failed.
    expect(logged).toContain('test_refused_title');
    expect(logged).toContain('23514');
  });

  it('a driver error logged by any part of the app keeps its parameters out', async () => {
    const canary = `canary-${randomBytes(8).toString('hex')}@example.test`;
    const em = app.orm.em.fork();
    const error = await em.insert(User, { email: canary, name: 'x'.repeat(500), passwordHash: null }).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(Error);
    const before = output.length;
    // The app's logger, as every `log.error({ err })` in the app uses it.
    const log = createLogger('info', capture(), { pretty });
    log.error({ err: error }, 'statement failed');
    log.error({ err: new Error('wrapped', { cause: error }) }, 'statement failed inside another error');
    const logged = output.slice(before);
    expect(logged).toContain('statement failed');
    expect(logged).not.toContain(canary);
    expect(logged).not.toContain('x'.repeat(100));
  });
});
