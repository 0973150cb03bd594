import { describe, expect, it } from 'vitest';
import { useTestApp } from '../support/app.js';
import { makeCast, type TestUser } from '../support/factories.js';
import { waitFor } from '../support/wait.js';
import { useReceivers } from '../support/webhook-receiver.js';
import { createWebhookOk, listWebhooksOk, type WebhookView } from '../support/webhooks.js';

// A retry window of a second and a half stands for the day: an endpoint that keeps
// failing is given up within a few seconds.
const t = useTestApp(
  { WEBHOOK_ALLOW_PRIVATE: 'true' },
  { webhookRetry: { firstDelayMs: 100, maxDelayMs: 300, windowMs: 1500 } },
);
const startReceiver = useReceivers();

function rename(user: TestUser, proposalId: string, title: string) {
  return t.api.gql(
    'mutation($input: RenameProposalInput!) { renameProposal(input: $input) { id } }',
    { input: { proposalId, title } },
    { token: user.token },
  );
}

async function webhookOf(user: TestUser, proposalId: string, id: string): Promise<WebhookView> {
  const found = (await listWebhooksOk(t, user, proposalId)).find((webhook) => webhook.id === id);
  if (!found) throw new Error(`webhook ${id} is not listed`);
  return found;
}

describe('a failing webhook', () => {
  it('disables an endpoint that kept failing for the whole retry window, and sends it nothing more', async () => {
    const cast = await makeCast(t.api);
    const failing = await startReceiver((res) => res.writeHead(503).end());
    const working = await startReceiver();
    const broken = await createWebhookOk(t, cast.client, cast.proposal.id, failing.url, ['PROPOSAL_UPDATED']);
    await createWebhookOk(t, cast.client, cast.proposal.id, working.url, ['PROPOSAL_UPDATED']);
    expect((await rename(cast.client, cast.proposal.id, 'First name')).errors).toBeUndefined();

    const disabled = await waitFor(
      async () => {
        const webhook = await webhookOf(cast.client, cast.proposal.id, broken.webhook.id);
        return webhook.enabled ? null : webhook;
      },
      { what: 'the failing webhook to be disabled', timeoutMs: 25_000 },
    );
    expect(disabled.deliveries.length).toBeGreaterThanOrEqual(2);
    expect(disabled.deliveries.every((d) => d.status === 'FAILED' && d.responseCode === 503)).toBe(true);
    expect(disabled.deliveries[0]!.nextAttemptAt).toBeNull();
    const tried = failing.received.length;
    expect(tried).toBe(disabled.deliveries.length);

    expect((await rename(cast.client, cast.proposal.id, 'Second name')).errors).toBeUndefined();
    await waitFor(() => working.received.length === 2, { what: 'the working endpoint to hear the second rename' });
    expect(failing.received).toHaveLength(tried);
    expect((await webhookOf(cast.client, cast.proposal.id, broken.webhook.id)).deliveries).toHaveLength(tried);
  });
});
