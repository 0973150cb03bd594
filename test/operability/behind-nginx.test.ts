import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { freezeOk, freshAssertion, readyCast } from '../support/contract.js';
import { CLIENT_ADDRESS, NGINX, postFrom, SPOOFED, startNginx, type Nginx } from '../support/nginx.js';
import { reportSkipped } from '../support/redis.js';

reportSkipped(NGINX !== undefined, 'the tests behind the shipped nginx.conf', 'nginx (apt-get install -y nginx)');

describe.skipIf(!NGINX)('behind the shipped nginx load balancer (TRUST_PROXY=1)', () => {
  let t: TestApp;
  let nginx: Nginx;
  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: '1' });
    nginx = await startNginx(t.app.port);
  });
  afterAll(async () => {
    await nginx?.stop();
    await t?.close();
  });

  it("records the client's real address with its signature, never the X-Forwarded-For it sent", async () => {
    const cast = await readyCast(t);
    const version = await freezeOk(t, cast.client, cast.proposal.id);
    const assertion = await freshAssertion(t, cast.client, version.id);
    const signed = await postFrom(
      nginx.url,
      'mutation($input: SignVersionInput!) { signVersion(input: $input) { id ip } }',
      { input: { versionId: version.id, contentHash: version.contentHash, assertion } },
      {
        authorization: `Bearer ${cast.client.token}`,
        'x-forwarded-for': SPOOFED,
        'user-agent': 'brieflock-behind-nginx/1.0',
      },
    );
    expect(signed.status, nginx.errors()).toBe(200);
    expect(signed.body.errors).toBeUndefined();
    const { rows } = await t.db.query<{ ip: string; user_agent: string }>(
      'select ip, user_agent from signatures where version_id = $1 and signer_id = $2',
      [version.id, cast.client.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.ip).not.toContain(SPOOFED);
    expect(rows[0]!.ip).toBe(CLIENT_ADDRESS);
    expect(rows[0]!.user_agent).toBe('brieflock-behind-nginx/1.0');
  });

  it('records the real address of a session signed in through nginx, whatever chain the client forged', async () => {
    const cast = await readyCast(t);
    const signedIn = await postFrom(
      nginx.url,
      'mutation($input: SignInInput!) { signIn(input: $input) { token } }',
      { input: { email: cast.freelancer.email, password: cast.freelancer.password } },
      { 'x-forwarded-for': `${SPOOFED}, 10.0.0.1, 127.0.0.1` },
    );
    expect(signedIn.body.errors).toBeUndefined();
    const { rows } = await t.db.query<{ ip: string }>(
      'select ip from sessions where user_id = $1 order by created_at desc limit 1',
      [cast.freelancer.id],
    );
    expect(rows[0]!.ip).toBe(CLIENT_ADDRESS);
  });
});
