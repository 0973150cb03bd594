import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../support/app.js';
import { freezeOk, readyCast, sign } from '../support/contract.js';
import { makeCast, type TestUser } from '../support/factories.js';
import { waitFor } from '../support/wait.js';
import { signatureHeaders, useReceivers } from '../support/webhook-receiver.js';
import { createWebhookOk, renameProposal, webhookOf as webhookOfProposal } from '../support/webhooks.js';

// Receivers listen on 127.0.0.1: this app may deliver there. Retries follow each other
// quickly here (the queue's polling sets the pace), within a minute's window.
const t = useTestApp(
  { WEBHOOK_ALLOW_PRIVATE: 'true' },
  { webhookRetry: { firstDelayMs: 100, maxDelayMs: 300, windowMs: 60_000 } },
);
const startReceiver = useReceivers();

const rename = (user: TestUser, proposalId: string, title: string) => renameProposal(t, user, proposalId, title);
const webhookOf = (user: TestUser, proposalId: string, id: string) => webhookOfProposal(t, user, proposalId, id);
describe('webhook deliveries', () => {
  it('tells the receiver a version was executed, signed so that standardwebhooks verifies it', async () => {
    const cast = await readyCast(t);
    const receiver = await startReceiver();
    const { secret, webhook } = await createWebhookOk(t, cast.client, cast.proposal.id, receiver.url, [
      'VERSION_EXECUTED',
    ]);
    const v1 = await freezeOk(t, cast.client, cast.proposal.id);
    expect((await sign(t, cast.client, v1.id, v1.contentHash)).errors).toBeUndefined();
    expect((await sign(t, cast.freelancer, v1.id, v1.contentHash)).errors).toBeUndefined();

    const [hit] = await waitFor(() => (receiver.received.length > 0 ? receiver.received : null), {
      what: 'the VERSION_EXECUTED webhook',
    });
    expect(hit!.headers['content-type']).toBe('application/json');
    expect(hit!.headers['webhook-id']).toMatch(/^msg_[0-9a-f]{32}$/);
    const verified = new Webhook(secret).verify(hit!.body, signatureHeaders(hit!.headers));
    expect(verified).toEqual({
      type: 'VERSION_EXECUTED',
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      data: {
        proposalId: cast.proposal.id,
        actorId: cast.freelancer.id,
        versionId: v1.id,
        versionNumber: 1,
        contentHash: v1.contentHash,
        participantId: null,
        threadId: null,
        suggestionId: null,
        sections: [],
        changedFields: [],
      },
    });
    // Nothing of the brief leaves the app, and a changed body does not verify.
    expect(hit!.body).not.toContain(JSON.stringify(v1.contentJson).slice(2, 30));
    expect(() =>
      new Webhook(secret).verify(
        hit!.body.replace('"versionNumber":1', '"versionNumber":2'),
        signatureHeaders(hit!.headers),
      ),
    ).toThrow();
    // Subscribed to VERSION_EXECUTED only: the freeze and the signatures sent nothing else.
    expect(receiver.received).toHaveLength(1);

    const logged = await waitFor(
      async () => {
        const { deliveries } = await webhookOf(cast.client, cast.proposal.id, webhook.id);
        return deliveries[0]?.status === 'SUCCEEDED' ? deliveries : null;
      },
      { what: 'the delivery to be logged' },
    );
    expect(logged).toEqual([
      {
        id: expect.any(String),
        event: 'VERSION_EXECUTED',
        attempt: 1,
        status: 'SUCCEEDED',
        responseCode: 200,
        deliveredAt: expect.any(String),
        nextAttemptAt: null,
      },
    ]);
  });

  it('retries a receiver that answers 500, with the same webhook-id, at the logged times', async () => {
    const cast = await makeCast(t.api);
    let failures = 2;
    const receiver = await startReceiver((res) => {
      failures -= 1;
      if (failures >= 0) res.writeHead(500).end('not now');
      else res.writeHead(204).end();
    });
    const { secret, webhook } = await createWebhookOk(t, cast.client, cast.proposal.id, receiver.url, [
      'PROPOSAL_UPDATED',
    ]);
    expect((await rename(cast.client, cast.proposal.id, 'Churn pilot, phase 2')).errors).toBeUndefined();

    const deliveries = await waitFor(
      async () => {
        const { deliveries } = await webhookOf(cast.client, cast.proposal.id, webhook.id);
        return deliveries[0]?.status === 'SUCCEEDED' ? deliveries : null;
      },
      { what: 'the third attempt to succeed', timeoutMs: 20_000 },
    );
    expect(deliveries.map((d) => [d.attempt, d.status, d.responseCode, d.event])).toEqual([
      [3, 'SUCCEEDED', 204, 'PROPOSAL_UPDATED'],
      [2, 'FAILED', 500, 'PROPOSAL_UPDATED'],
      [1, 'FAILED', 500, 'PROPOSAL_UPDATED'],
    ]);
    expect(deliveries[0]!.nextAttemptAt).toBeNull();
    expect(deliveries[0]!.deliveredAt).not.toBeNull();
    expect(deliveries.slice(1).every((d) => d.deliveredAt === null && d.nextAttemptAt !== null)).toBe(true);

    expect(receiver.received).toHaveLength(3);
    // One message: the receiver can drop duplicates by webhook-id. Each attempt is signed anew.
    expect(new Set(receiver.received.map((r) => r.headers['webhook-id'])).size).toBe(1);
    for (const request of receiver.received)
      expect(new Webhook(secret).verify(request.body, signatureHeaders(request.headers))).toMatchObject({
        type: 'PROPOSAL_UPDATED',
        data: { proposalId: cast.proposal.id, changedFields: ['title'], actorId: cast.client.id },
      });
    expect(new Set(receiver.received.map((r) => r.body)).size).toBe(1);
    // No retry came before the time the log gave for it (attempt 1 → 2, attempt 2 → 3).
    const [first, second] = [deliveries[2]!, deliveries[1]!];
    expect(receiver.received[1]!.at.getTime()).toBeGreaterThanOrEqual(new Date(first.nextAttemptAt!).getTime());
    expect(receiver.received[2]!.at.getTime()).toBeGreaterThanOrEqual(new Date(second.nextAttemptAt!).getTime());
  });

  it('does not follow a redirect to an internal address: the attempt fails with the 3xx', async () => {
    const cast = await makeCast(t.api);
    const internal = await startReceiver();
    const redirecting = await startReceiver((res) =>
      res.writeHead(307, { location: `http://127.0.0.1:${internal.port}/latest/meta-data` }).end(),
    );
    const { webhook } = await createWebhookOk(t, cast.client, cast.proposal.id, redirecting.url, ['PROPOSAL_UPDATED']);
    expect((await rename(cast.client, cast.proposal.id, 'Redirected')).errors).toBeUndefined();
    const [first] = await waitFor(
      async () => {
        const { deliveries } = await webhookOf(cast.client, cast.proposal.id, webhook.id);
        const done = deliveries.filter((d) => d.status !== 'PENDING');
        return done.length > 0 ? done.reverse() : null;
      },
      { what: 'the first attempt to be logged' },
    );
    expect(first).toMatchObject({ attempt: 1, status: 'FAILED', responseCode: 307 });
    expect(redirecting.received.length).toBeGreaterThan(0);
    expect(internal.received).toHaveLength(0);
  });

  it('sends nothing for a change that rolled back', async () => {
    const cast = await readyCast(t);
    const receiver = await startReceiver();
    await createWebhookOk(t, cast.client, cast.proposal.id, receiver.url, ['VERSION_FROZEN', 'VERSION_SIGNED']);
    const v1 = await freezeOk(t, cast.client, cast.proposal.id);
    // A signature over the wrong hash is refused inside its transaction.
    const refused = await sign(t, cast.client, v1.id, 'f'.repeat(64));
    expect(refused.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect((await sign(t, cast.client, v1.id, v1.contentHash)).errors).toBeUndefined();
    await waitFor(() => receiver.received.length === 2, { what: 'the freeze and the signature' });
    const types = receiver.received.map((r) => (JSON.parse(r.body) as { type: string }).type);
    expect(types.sort()).toEqual(['VERSION_FROZEN', 'VERSION_SIGNED']);
  });
});
