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
  let proxied: TestApp;
  beforeAll(async () => {
    [direct, proxied] = await Promise.all([startTestApp(), startTestApp({ TRUST_PROXY: 'true' })]);
  });
  afterAll(async () => {
    await Promise.all([direct?.close(), proxied?.close()]);
  });

  it('records the peer address and user agent of a session, ignoring X-Forwarded-For by default', async () => {
    const session = await sessionOfSignIn(direct, {
      'x-forwarded-for': '203.0.113.7',
      'user-agent': 'brieflock-test/1.0',
    });
    expect(session.ip).toMatch(/127\.0\.0\.1/);
    expect(session.user_agent).toBe('brieflock-test/1.0');
  });

  it('takes the client address from X-Forwarded-For behind a trusted proxy', async () => {
    const session = await sessionOfSignIn(proxied, { 'x-forwarded-for': '203.0.113.7, 10.0.0.2' });
    expect(session.ip).toBe('203.0.113.7');
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
