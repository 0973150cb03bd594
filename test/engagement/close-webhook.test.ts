import { afterEach, describe, expect, it } from 'vitest';
import { useTestApp } from '../support/app.js';
import { closeEngagement, signedCast } from '../support/reviews.js';
import { clientPool, nextEvent, subscribeLive } from '../support/subscriptions.js';
import { waitFor } from '../support/wait.js';
import { useReceivers } from '../support/webhook-receiver.js';
import { createWebhookOk } from '../support/webhooks.js';

// Receivers listen on 127.0.0.1: this app may deliver there.
const t = useTestApp({ WEBHOOK_ALLOW_PRIVATE: 'true' });
const startReceiver = useReceivers();
const pool = clientPool(() => t);

afterEach(() => pool.disposeAll());

describe('closing an engagement, outside the app', () => {
  it('announces ENGAGEMENT_CLOSED to subscribers and delivers it to a listening webhook, once', async () => {
    const cast = await signedCast(t);
    const { client, proposal, v1 } = cast;
    const receiver = await startReceiver();
    await createWebhookOk(t, client, proposal.id, receiver.url, ['ENGAGEMENT_CLOSED']);

    const { freelancer } = cast;
    const sub = await subscribeLive(t, pool.connect({ token: freelancer.token }), proposal.id);
    expect((await closeEngagement(t, client, proposal.id)).errors).toBeUndefined();
    const live = await nextEvent(sub, (event) => event.kind === 'ENGAGEMENT_CLOSED', 'the live ENGAGEMENT_CLOSED');
    expect(live).toMatchObject({ proposalId: proposal.id, actor: { id: client.id }, version: { id: v1.id } });
    const [hit] = await waitFor(() => (receiver.received.length > 0 ? receiver.received : null), {
      what: 'the ENGAGEMENT_CLOSED webhook',
    });
    expect(JSON.parse(hit!.body)).toMatchObject({
      type: 'ENGAGEMENT_CLOSED',
      data: { proposalId: proposal.id, actorId: client.id, versionId: v1.id },
    });

    // A refused second close sends nothing more.
    expect((await closeEngagement(t, client, proposal.id)).code).toBe('CONFLICT');
    const { rows } = await t.db.query(
      `select count(*)::int as n from webhook_deliveries d join webhooks w on w.id = d.webhook_id where w.proposal_id = $1`,
      [proposal.id],
    );
    expect(rows[0].n).toBe(1);
  });
});
