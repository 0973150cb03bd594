import { describe, expect, it } from 'vitest';
import { useTestApp } from '../support/app.js';
import { makeCast } from '../support/factories.js';
import { createWebhook, createWebhookOk, deleteWebhook, listWebhooks, listWebhooksOk } from '../support/webhooks.js';

const t = useTestApp();

const codeOf = (result: { errors?: { extensions?: Record<string, unknown> }[] }) =>
  result.errors?.[0]?.extensions?.code;
const fieldOf = (result: { errors?: { extensions?: Record<string, unknown> }[] }) =>
  result.errors?.[0]?.extensions?.field;

describe('managing webhooks', () => {
  it('gives a client the endpoint and its secret once, and lists it without the secret', async () => {
    const cast = await makeCast(t.api);
    const created = await createWebhookOk(t, cast.client, cast.proposal.id, 'https://hooks.example.com/brieflock', [
      'VERSION_EXECUTED',
      'VERSION_FROZEN',
      'VERSION_FROZEN',
    ]);
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(created.secret.slice(6), 'base64')).toHaveLength(32);
    expect(created.webhook).toMatchObject({
      url: 'https://hooks.example.com/brieflock',
      events: ['VERSION_EXECUTED', 'VERSION_FROZEN'],
      enabled: true,
      deliveries: [],
    });
    expect(await listWebhooksOk(t, cast.client, cast.proposal.id)).toEqual([created.webhook]);

    // At rest the secret is sealed: the database never holds it readable.
    const [row] = await t.app.orm.em
      .fork()
      .execute<{ secret_ciphertext: string }[]>('select "secret_ciphertext" from "webhooks" where "id" = ?', [
        created.webhook.id,
      ]);
    expect(row!.secret_ciphertext).not.toContain(created.secret.slice(6));
    expect(row!.secret_ciphertext).not.toContain(created.secret.slice(6, 20));
  });

  it('lets no one but a client of the proposal create, list or delete them', async () => {
    const cast = await makeCast(t.api);
    const { webhook } = await createWebhookOk(t, cast.client, cast.proposal.id, 'https://hooks.example.com/a', [
      'VERSION_SIGNED',
    ]);
    for (const user of [cast.freelancer, cast.viewer]) {
      const created = await createWebhook(t, user, cast.proposal.id, 'https://hooks.example.com/b', ['VERSION_SIGNED']);
      expect(codeOf(created), user.name).toBe('FORBIDDEN');
      const listed = await listWebhooks(t, user, cast.proposal.id);
      expect(codeOf(listed), user.name).toBe('FORBIDDEN');
      expect(listed.data?.proposal?.webhooks).toBeUndefined();
      expect(codeOf(await deleteWebhook(t, user, webhook.id)), user.name).toBe('FORBIDDEN');
    }
    const outsider = await createWebhook(t, cast.outsider, cast.proposal.id, 'https://hooks.example.com/c', [
      'VERSION_SIGNED',
    ]);
    expect(codeOf(outsider)).toBe('NOT_FOUND');
    expect(codeOf(await deleteWebhook(t, cast.outsider, webhook.id))).toBe('NOT_FOUND');
    const anonymous = await t.api.gql('mutation($id: ID!) { deleteWebhook(id: $id) }', { id: webhook.id });
    expect(codeOf(anonymous)).toBe('UNAUTHENTICATED');

    expect((await listWebhooksOk(t, cast.client, cast.proposal.id)).map((w) => w.id)).toEqual([webhook.id]);
    expect((await deleteWebhook(t, cast.client, webhook.id)).data?.deleteWebhook).toBe(true);
    expect(await listWebhooksOk(t, cast.client, cast.proposal.id)).toEqual([]);
    expect(codeOf(await deleteWebhook(t, cast.client, webhook.id))).toBe('NOT_FOUND');
  });

  it.each([
    ['http://hooks.example.com/', 'https://'],
    ['ftp://hooks.example.com/', 'https://'],
    ['not a url', 'https://'],
    ['https://user:pass@hooks.example.com/', 'user name or password'],
    ['https://hooks.example.com/#x', 'fragment'],
    ['https://127.0.0.1/', 'loopback'],
    ['https://[::1]:8443/', 'loopback'],
    ['https://10.0.0.8/', 'private'],
    ['https://169.254.169.254/latest/meta-data', 'internal'],
    ['https://[fd00:ec2::254]/', 'internal'],
    ['https://[::ffff:169.254.169.254]/', 'internal'],
    [`https://hooks.example.com/${'a'.repeat(2048)}`, '2048'],
  ])('refuses the URL %s', async (url, message) => {
    const cast = await makeCast(t.api);
    const result = await createWebhook(t, cast.client, cast.proposal.id, url, ['VERSION_SIGNED']);
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    expect(fieldOf(result)).toBe('url');
    expect(result.errors?.[0]?.message).toContain(message);
  });

  it('refuses an empty or unknown list of events', async () => {
    const cast = await makeCast(t.api);
    const empty = await createWebhook(t, cast.client, cast.proposal.id, 'https://hooks.example.com/', []);
    expect(codeOf(empty)).toBe('BAD_USER_INPUT');
    expect(fieldOf(empty)).toBe('events');
    const unknown = await createWebhook(t, cast.client, cast.proposal.id, 'https://hooks.example.com/', ['NOPE']);
    expect(unknown.errors?.length).toBeGreaterThan(0);
  });

  it('keeps a proposal to ten endpoints', async () => {
    const cast = await makeCast(t.api);
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        createWebhook(t, cast.client, cast.proposal.id, `https://hooks.example.com/${i}`, ['VERSION_SIGNED']),
      ),
    ).then((results) => {
      expect(results.filter((result) => result.data).length).toBe(10);
      expect(results.filter((result) => codeOf(result) === 'CONFLICT').length).toBe(2);
    });
    expect(await listWebhooksOk(t, cast.client, cast.proposal.id)).toHaveLength(10);
  });
});
