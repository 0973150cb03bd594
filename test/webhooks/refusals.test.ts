import { lookup } from 'node:dns/promises';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../support/app.js';
import { makeCast, type TestUser } from '../support/factories.js';
import { waitFor } from '../support/wait.js';
import { useReceivers } from '../support/webhook-receiver.js';
import { createWebhookOk, listWebhooksOk, renameProposal } from '../support/webhooks.js';

// The default configuration: no WEBHOOK_ALLOW_PRIVATE. One made-up name stands for a
// public name whose record points at the cloud metadata service; every other name is
// resolved by the system as in production.
const t = useTestApp(
  {},
  {
    webhookResolve: async (hostname) =>
      hostname === 'metadata.example.test'
        ? [{ address: '169.254.169.254', family: 4 }]
        : lookup(hostname, { all: true, verbatim: true }),
  },
);
const startReceiver = useReceivers();

const rename = (user: TestUser, proposalId: string, title: string) => renameProposal(t, user, proposalId, title);
async function firstAttempt(user: TestUser, proposalId: string) {
  const [attempt] = await waitFor(
    async () => {
      const [webhook] = await listWebhooksOk(t, user, proposalId);
      const done = webhook!.deliveries.filter((d) => d.status !== 'PENDING');
      return done.length > 0 ? done.reverse() : null;
    },
    { what: 'the first attempt to be logged' },
  );
  return attempt!;
}

describe('webhook address refusals', () => {
  it('refuses a name that resolves to loopback, without connecting', async () => {
    const cast = await makeCast(t.api);
    const receiver = await startReceiver();
    await createWebhookOk(t, cast.client, cast.proposal.id, `https://localhost:${receiver.port}/hook`, [
      'PROPOSAL_UPDATED',
    ]);
    expect((await rename(cast.client, cast.proposal.id, 'Renamed')).errors).toBeUndefined();
    expect(await firstAttempt(cast.client, cast.proposal.id)).toMatchObject({
      attempt: 1,
      status: 'REFUSED',
      responseCode: null,
    });
    expect(receiver.received).toHaveLength(0);
  });

  it('refuses a name that resolves to the metadata address', async () => {
    const cast = await makeCast(t.api);
    await createWebhookOk(t, cast.client, cast.proposal.id, 'https://metadata.example.test/latest/meta-data', [
      'PROPOSAL_UPDATED',
    ]);
    expect((await rename(cast.client, cast.proposal.id, 'Renamed')).errors).toBeUndefined();
    expect(await firstAttempt(cast.client, cast.proposal.id)).toMatchObject({ status: 'REFUSED' });
  });

  it('refuses plain http:// at once without WEBHOOK_ALLOW_PRIVATE', async () => {
    const cast = await makeCast(t.api);
    const result = await t.api.gql(
      'mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { secret } }',
      { input: { proposalId: cast.proposal.id, url: 'http://127.0.0.1:9/hook', events: ['PROPOSAL_UPDATED'] } },
      { token: cast.client.token },
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'url' });
  });
});
