import { afterEach, describe, expect, it } from 'vitest';
import { useTestApp } from '../support/app.js';
import { answerReview, closeEngagement, reviewFreelancer, signedCast } from '../support/reviews.js';
import { clientPool, nextEvent, subscribeLive } from '../support/subscriptions.js';
import { createWebhookOk } from '../support/webhooks.js';

const t = useTestApp();
const pool = clientPool(() => t);

afterEach(() => pool.disposeAll());

const KINDS = ['REVIEW_WRITTEN', 'REVIEW_ANSWERED'];

describe('review events', () => {
  it('reach every participant live and enqueue one webhook delivery each, naming the actor', async () => {
    const cast = await signedCast(t);
    expect((await closeEngagement(t, cast.client, cast.proposal.id)).errors).toBeUndefined();
    await createWebhookOk(t, cast.client, cast.proposal.id, 'https://hooks.example.com/reviews', KINDS);
    // A viewer is told neither by notification; the proposal's events are how it sees reviews.
    const sub = await subscribeLive(t, pool.connect({ token: cast.viewer.token }), cast.proposal.id);

    const review = await reviewFreelancer(t, cast.client, {
      proposalId: cast.proposal.id,
      freelancerId: cast.freelancer.id,
    });
    const written = await nextEvent(sub, (event) => event.kind === 'REVIEW_WRITTEN', 'the review');
    await answerReview(t, cast.freelancer, review.data!.reviewFreelancer.id, 'Thank you.');
    const answered = await nextEvent(sub, (event) => event.kind === 'REVIEW_ANSWERED', 'the answer');

    expect(written.actor?.id).toBe(cast.client.id);
    expect(answered.actor?.id).toBe(cast.freelancer.id);
    const { rows } = await t.db.query<{ event: string }>(
      `select distinct d."message_id", d."event" from "webhook_deliveries" d join "webhooks" w on w."id" = d."webhook_id"
        where w."proposal_id" = $1`,
      [cast.proposal.id],
    );
    expect(rows.map((row) => row.event).sort()).toEqual([...KINDS].sort());
  });

  it('are not announced for a refused review', async () => {
    const cast = await signedCast(t);
    await createWebhookOk(t, cast.client, cast.proposal.id, 'https://hooks.example.com/refused-review', KINDS);
    // Not closed and milestones not accepted: the review is refused.
    const refused = await reviewFreelancer(t, cast.client, {
      proposalId: cast.proposal.id,
      freelancerId: cast.freelancer.id,
    });
    expect(refused.code).toBe('CONFLICT');
    const { rows } = await t.db.query(
      `select 1 from "webhook_deliveries" d join "webhooks" w on w."id" = d."webhook_id" where w."proposal_id" = $1`,
      [cast.proposal.id],
    );
    expect(rows).toEqual([]);
  });
});
