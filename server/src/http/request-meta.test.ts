import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support/app.js';
import { makeUser } from '../../../test/support/factories.js';

const SIGN_IN = 'mutation($input: SignInInput!) { signIn(input: $input) { token } }';

async function sessionOfSignIn(t: TestApp, headers: Record<string, string>) {
  const user = await makeUser(t.api);
  const result = await t.api.gql(SIGN_IN, { input: { email: user.email, password: user.password } }, { headers });
  expect(result.errors).toBeUndefined();
  const { rows } = await t.db.query(
    'select ip, user_agent from sessions where user_id = $1 order by created_at desc limit 1',
    [user.id],
  );
  return rows[0] as { ip: string; user_agent: string };
}

describe('who is asking', () => {
  let direct: TestApp;
  let oneHop: TestApp;
  let twoHops: TestApp;
  let listed: TestApp;
  beforeAll(async () => {
    [direct, oneHop, twoHops, listed] = await Promise.all([
      startTestApp(),
      startTestApp({ TRUST_PROXY: '1' }),
      startTestApp({ TRUST_PROXY: '2' }),
      // The test client connects from loopback: it is the listed proxy, and so is 10.0.0.0/8.
      startTestApp({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([direct?.close(), oneHop?.close(), twoHops?.close(), listed?.close()]);
  });

  it('records the peer address and user agent of a session, ignoring X-Forwarded-For by default', async () => {
    const session = await sessionOfSignIn(direct, {
      'x-forwarded-for': '203.0.113.7',
      'user-agent': 'brieflock-test/1.0',
    });
    expect(session.ip).toMatch(/127\.0\.0\.1/);
    expect(session.user_agent).toBe('brieflock-test/1.0');
  });

  it('behind one trusted hop takes the address that proxy appended, never what the client wrote before it', async () => {
    // The client wrote 203.0.113.66; the proxy appended the address it saw, 198.51.100.9.
    const session = await sessionOfSignIn(oneHop, { 'x-forwarded-for': '203.0.113.66, 198.51.100.9' });
    expect(session.ip).toBe('198.51.100.9');
  });

  it('behind two trusted hops reads two entries from the right', async () => {
    const session = await sessionOfSignIn(twoHops, { 'x-forwarded-for': '203.0.113.66, 198.51.100.9, 10.0.0.2' });
    expect(session.ip).toBe('198.51.100.9');
  });

  it('with listed proxies skips every listed address from the right and stops at the first other one', async () => {
    const session = await sessionOfSignIn(listed, { 'x-forwarded-for': '203.0.113.66, 198.51.100.9, 10.1.2.3' });
    expect(session.ip).toBe('198.51.100.9');
  });

  it('never records an entry that is not an address', async () => {
    const session = await sessionOfSignIn(twoHops, { 'x-forwarded-for': 'not-an-address, 10.0.0.2' });
    expect(session.ip).toMatch(/127\.0\.0\.1/);
    const long = await sessionOfSignIn(oneHop, { 'x-forwarded-for': 'x'.repeat(500) });
    expect(long.ip).toMatch(/127\.0\.0\.1/);
  });

  it('echoes a well-formed X-Request-Id and replaces a malformed one', async () => {
    const kept = await fetch(`${direct.app.url}/healthz`, { headers: { 'x-request-id': 'req-123' } });
    expect(kept.headers.get('x-request-id')).toBe('req-123');
    for (const malformed of ['a/b c', 'x'.repeat(129), '<script>']) {
      const replaced = await fetch(`${direct.app.url}/healthz`, { headers: { 'x-request-id': malformed } });
      expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});
