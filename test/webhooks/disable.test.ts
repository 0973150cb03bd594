import { afterEach, describe, expect, it } from 'vitest';
import { addParticipant, makeCast, makeUser, type TestUser } from '../support/factories.js';
import { addressesOf, useMailedApp, verifyByMail } from '../support/mail.js';
import { inboxOf, subscribeNotifications } from '../support/notifications.js';
import { clientPool } from '../support/subscriptions.js';
import { waitFor } from '../support/wait.js';
import { useReceivers } from '../support/webhook-receiver.js';
import { createWebhookOk, enableWebhook, renameProposal, webhookOf as webhookOfProposal } from '../support/webhooks.js';

// A retry window of a second and a half stands for the day: an endpoint that keeps
// failing is given up within a few seconds.
const { t, mailbox } = useMailedApp(
  { WEBHOOK_ALLOW_PRIVATE: 'true', PUBLIC_URL: 'https://brieflock.test' },
  { webhookRetry: { firstDelayMs: 100, maxDelayMs: 300, windowMs: 1500 } },
);
const startReceiver = useReceivers();
const pool = clientPool(() => t);
afterEach(() => pool.disposeAll());

const codeOf = (result: { errors?: { extensions?: Record<string, unknown> }[] }) =>
  result.errors?.[0]?.extensions?.code;

const disabledNotices = async (user: TestUser) =>
  (await inboxOf(t, user, 50)).items.filter((n) => n.kind === 'WEBHOOK_DISABLED');

/** Registers an endpoint that answers 503 and waits until a rename has it disabled. */
async function disabledWebhook(owner: TestUser, proposalId: string) {
  const receiver = await startReceiver((res) => res.writeHead(503).end());
  const created = await createWebhookOk(t, owner, proposalId, receiver.url, ['PROPOSAL_UPDATED']);
  expect((await rename(owner, proposalId, 'Failing name')).errors).toBeUndefined();
  const webhook = await waitFor(
    async () => {
      const found = await webhookOf(owner, proposalId, created.webhook.id);
      return found.enabled ? null : found;
    },
    { what: 'the failing webhook to be disabled', timeoutMs: 25_000 },
  );
  return { receiver, webhook };
}

const rename = (user: TestUser, proposalId: string, title: string) => renameProposal(t, user, proposalId, title);
const webhookOf = (user: TestUser, proposalId: string, id: string) => webhookOfProposal(t, user, proposalId, id);
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

  it('tells its creator, live, in the app and by e-mail, with a link to the webhook settings; no one else', async () => {
    const cast = await makeCast(t.api);
    const coOwner = await makeUser(t.api, { name: 'Cleo Client' });
    expect((await addParticipant(t.api, cast.client, cast.proposal.id, coOwner, 'CLIENT')).errors).toBeUndefined();
    await verifyByMail(t, mailbox, cast.client);
    await verifyByMail(t, mailbox, coOwner);
    const live = await subscribeNotifications(t, pool.connect({ token: cast.client.token }));

    const { webhook } = await disabledWebhook(cast.client, cast.proposal.id);
    expect(webhook.disabledAt).not.toBeNull();
    const link = `/proposals/${cast.proposal.id}/webhooks`;
    const pushed = await waitFor(
      () => live.results.map((r) => r.data?.myNotifications).find((n) => n?.kind === 'WEBHOOK_DISABLED'),
      { what: 'the live WEBHOOK_DISABLED notification' },
    );
    const text = `Your webhook to 127.0.0.1:${new URL(webhook.url).port} on \u201cFailing name\u201d was turned off after failing for a day`;
    expect(pushed).toMatchObject({ text, link, proposal: { id: cast.proposal.id } });
    expect(await disabledNotices(cast.client)).toEqual([pushed]);

    const mail = await mailbox.next(
      (m) => addressesOf(m).includes(cast.client.email) && m.subject === text,
      'the WEBHOOK_DISABLED e-mail',
    );
    expect(mail.text).toContain(`https://brieflock.test${link}`);

    for (const other of [coOwner, cast.freelancer, cast.viewer])
      expect(await disabledNotices(other), other.name).toEqual([]);
    const { rows } = await t.db.query(
      `select count(*)::int as "n" from "emails" where "kind" = 'notification' and "user_id" = any($1::uuid[])`,
      [[coOwner.id, cast.freelancer.id, cast.viewer.id]],
    );
    expect(rows[0].n).toBe(0);
  });

  it('is turned back on by enableWebhook, and new events reach it again', async () => {
    const cast = await makeCast(t.api);
    const { receiver, webhook } = await disabledWebhook(cast.client, cast.proposal.id);
    const tried = receiver.received.length;
    receiver.answer = (res) => res.writeHead(200).end('ok');

    const enabled = await enableWebhook(t, cast.client, webhook.id);
    expect(enabled.errors).toBeUndefined();
    expect(enabled.data?.enableWebhook).toMatchObject({ id: webhook.id, enabled: true, disabledAt: null });
    expect((await rename(cast.client, cast.proposal.id, 'Fixed name')).errors).toBeUndefined();
    await waitFor(() => receiver.received.length === tried + 1, { what: 'the re-enabled endpoint to hear the rename' });
    const after = await waitFor(
      async () => {
        const found = await webhookOf(cast.client, cast.proposal.id, webhook.id);
        return found.deliveries[0]?.status === 'SUCCEEDED' ? found : null;
      },
      { what: 'the delivery to be recorded as succeeded' },
    );
    expect(after).toMatchObject({ enabled: true, disabledAt: null });
    expect(JSON.parse(receiver.received.at(-1)!.body)).toMatchObject({ type: 'PROPOSAL_UPDATED' });
  });

  it('can be enabled only by a client of its proposal: FORBIDDEN for other participants, NOT_FOUND outside', async () => {
    const cast = await makeCast(t.api);
    const { webhook } = await disabledWebhook(cast.client, cast.proposal.id);
    for (const user of [cast.freelancer, cast.viewer])
      expect(codeOf(await enableWebhook(t, user, webhook.id)), user.name).toBe('FORBIDDEN');
    expect(codeOf(await enableWebhook(t, cast.outsider, webhook.id))).toBe('NOT_FOUND');
    expect(codeOf(await enableWebhook(t, cast.client, '00000000-0000-4000-8000-000000000000'))).toBe('NOT_FOUND');
    expect(codeOf(await enableWebhook(t, cast.client, 'not-an-id'))).toBe('NOT_FOUND');
    const anonymous = await t.api.gql('mutation($id: ID!) { enableWebhook(id: $id) { id } }', { id: webhook.id });
    expect(codeOf(anonymous)).toBe('UNAUTHENTICATED');
    expect(await webhookOf(cast.client, cast.proposal.id, webhook.id)).toMatchObject({ enabled: false });
  });
});
