import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../server/src/logger.js';
import { deliverOnce } from '../../server/src/modules/webhooks/deliver-once.js';
import { useTestApp } from '../support/app.js';
import { addParticipant, makeCast, makeUser } from '../support/factories.js';
import { signatureHeaders, useReceivers } from '../support/webhook-receiver.js';
import { createWebhookOk } from '../support/webhooks.js';

const t = useTestApp({ WEBHOOK_ALLOW_PRIVATE: 'true' });
const startReceiver = useReceivers();
const log = createLogger('silent');
const deps = () => ({ keys: t.app.keys, log, allowPrivate: true });

/** A first attempt of one message, as enqueueing writes it. */
async function pendingDelivery(webhookId: string, payload: object): Promise<string> {
  const id = randomUUID();
  await t.app.orm.em.fork().execute(
    `insert into "webhook_deliveries" ("id", "webhook_id", "message_id", "event", "payload", "attempt", "status", "scheduled_at")
       values (?, ?, ?, 'PROPOSAL_UPDATED', ?::jsonb, 1, 'PENDING', now())`,
    [id, webhookId, `msg_${id.replaceAll('-', '')}`, JSON.stringify(payload)],
  );
  return id;
}

async function statusOf(deliveryId: string) {
  const [row] = await t.app.orm.em
    .fork()
    .execute<{ status: string; response_code: number | null; error: string | null }[]>(
      'select "status", "response_code", "error" from "webhook_deliveries" where "id" = ?',
      [deliveryId],
    );
  return row;
}

describe('one delivery attempt', () => {
  it('signs the stored body with the endpoint’s own secret and records the answer', async () => {
    const cast = await makeCast(t.api);
    const receiver = await startReceiver((res) => res.writeHead(202).end());
    const { secret, webhook } = await createWebhookOk(t, cast.client, cast.proposal.id, receiver.url, [
      'PROPOSAL_UPDATED',
    ]);
    const body = {
      type: 'PROPOSAL_UPDATED',
      timestamp: new Date().toISOString(),
      data: { proposalId: cast.proposal.id },
    };
    const deliveryId = await pendingDelivery(webhook.id, body);

    expect(await deliverOnce(t.app.orm.em.fork(), deps(), deliveryId)).toEqual({
      status: 'SUCCEEDED',
      nextAttemptAt: null,
      disabled: false,
      notices: [],
    });
    expect(receiver.received).toHaveLength(1);
    expect(
      new Webhook(secret).verify(receiver.received[0]!.body, signatureHeaders(receiver.received[0]!.headers)),
    ).toEqual(body);
    expect(await statusOf(deliveryId)).toEqual({ status: 'SUCCEEDED', response_code: 202, error: null });

    // A job run a second time finds the attempt made and sends nothing.
    expect((await deliverOnce(t.app.orm.em.fork(), deps(), deliveryId)).status).toBe('SUCCEEDED');
    expect(receiver.received).toHaveLength(1);
  });

  it('sends nothing once the endpoint’s creator is no longer a client of the proposal', async () => {
    const cast = await makeCast(t.api);
    const coClient = await makeUser(t.api, { name: 'Cleo Coclient' });
    await addParticipant(t.api, cast.client, cast.proposal.id, coClient, 'CLIENT');
    const receiver = await startReceiver();
    const { webhook } = await createWebhookOk(t, cast.client, cast.proposal.id, receiver.url, ['PROPOSAL_UPDATED']);
    const deliveryId = await pendingDelivery(webhook.id, { type: 'PROPOSAL_UPDATED' });

    const [me] = await t.app.orm.em
      .fork()
      .execute<{ id: string }[]>('select "id" from "participants" where "proposal_id" = ? and "user_id" = ?', [
        cast.proposal.id,
        cast.client.id,
      ]);
    const demoted = await t.api.gql(
      'mutation($input: ChangeRoleInput!) { changeParticipantRole(input: $input) { id role } }',
      { input: { participantId: me!.id, role: 'VIEWER' } },
      { token: coClient.token },
    );
    expect(demoted.errors).toBeUndefined();

    expect((await deliverOnce(t.app.orm.em.fork(), deps(), deliveryId)).status).toBe('CANCELLED');
    expect(await statusOf(deliveryId)).toMatchObject({ status: 'CANCELLED', error: expect.stringContaining('client') });
    expect(receiver.received).toHaveLength(0);
  });

  it('fails, without sending, when the secret was sealed under another signing key', async () => {
    const cast = await makeCast(t.api);
    const receiver = await startReceiver();
    const { webhook } = await createWebhookOk(t, cast.client, cast.proposal.id, receiver.url, ['PROPOSAL_UPDATED']);
    await t.app.orm.em
      .fork()
      .execute(
        `update "webhooks" set "secret_ciphertext" = regexp_replace("secret_ciphertext", '^v1\\.[^.]+\\.', 'v1.0000000000000000.') where "id" = ?`,
        [webhook.id],
      );
    const deliveryId = await pendingDelivery(webhook.id, { type: 'PROPOSAL_UPDATED' });
    expect((await deliverOnce(t.app.orm.em.fork(), deps(), deliveryId)).status).toBe('FAILED');
    expect(await statusOf(deliveryId)).toMatchObject({
      status: 'FAILED',
      error: expect.stringContaining('signing key'),
    });
    expect(receiver.received).toHaveLength(0);
  });
});
