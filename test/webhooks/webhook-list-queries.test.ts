import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../support/app.js';
import { makeCast } from '../support/factories.js';
import { createWebhookOk } from '../support/webhooks.js';
import { dataStatements } from '../support/queries.js';

const t = useTestApp();

describe("a proposal's webhooks and their logs", () => {
  it('are read in a fixed number of statements however many endpoints there are, newest attempts first', async () => {
    const cast = await makeCast(t.api);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const { webhook } = await createWebhookOk(t, cast.client, cast.proposal.id, `https://hooks.example.com/${i}`, [
        'PROPOSAL_UPDATED',
      ]);
      ids.push(webhook.id);
    }
    // Four attempts of one message on every endpoint, written as the worker writes them.
    const em = t.app.orm.em.fork();
    for (const webhookId of ids)
      for (let attempt = 1; attempt <= 4; attempt++)
        await em.execute(
          `insert into "webhook_deliveries" ("id", "webhook_id", "message_id", "event", "payload", "attempt", "status", "response_code", "scheduled_at")
           values (?, ?, ?, 'PROPOSAL_UPDATED', '{}'::jsonb, ?, ?, ?, now() + make_interval(secs => ?))`,
          [
            randomUUID(),
            webhookId,
            `msg_${webhookId}`,
            attempt,
            attempt === 4 ? 'SUCCEEDED' : 'FAILED',
            attempt === 4 ? 200 : 500,
            attempt,
          ],
        );

    t.queries.length = 0;
    const result = await t.api.gql<{
      proposal: { webhooks: { id: string; deliveries: { attempt: number; status: string }[] }[] };
    }>(
      'query($id: ID!) { proposal(id: $id) { webhooks { id deliveries(first: 2) { attempt status } } } }',
      { id: cast.proposal.id },
      { token: cast.client.token },
    );
    expect(result.errors).toBeUndefined();
    const webhooks = result.data!.proposal.webhooks;
    expect(webhooks.map((w) => w.id)).toEqual(ids);
    for (const webhook of webhooks)
      expect(webhook.deliveries).toEqual([
        { attempt: 4, status: 'SUCCEEDED' },
        { attempt: 3, status: 'FAILED' },
      ]);
    const deliveryReads = dataStatements(t.queries).filter((sql) => sql.includes('webhook_deliveries'));
    expect(deliveryReads).toHaveLength(1);
    // Session, proposal, the access check, the webhooks and their deliveries.
    expect(dataStatements(t.queries).length).toBeLessThanOrEqual(6);
  });
});
