import { afterEach, describe, expect, it } from 'vitest';
import { useTestApp } from '../support/app.js';
import {
  acceptMilestone,
  engagedCast,
  engagementOf,
  ok,
  requestChanges,
  startMilestone,
  submitMilestone,
} from '../support/engagement.js';
import { clientPool, nextEvent, subscribeLive } from '../support/subscriptions.js';
import { createWebhookOk } from '../support/webhooks.js';

const t = useTestApp();
const pool = clientPool(() => t);

afterEach(() => pool.disposeAll());

const STEPS = ['MILESTONE_STARTED', 'MILESTONE_SUBMITTED', 'MILESTONE_CHANGES_REQUESTED', 'MILESTONE_ACCEPTED'];

describe('milestone events', () => {
  it('reach subscribers and enqueue one webhook delivery per step, naming the actor', async () => {
    const cast = await engagedCast(t);
    await createWebhookOk(t, cast.client, cast.proposal.id, 'https://hooks.example.com/milestones', STEPS);
    const sub = await subscribeLive(t, pool.connect({ token: cast.viewer.token }), cast.proposal.id);
    const milestone = (await engagementOf(t, cast.client, cast.proposal.id)).milestones[1]!;

    ok(await startMilestone(t, cast.freelancer, milestone.id), 'startMilestone');
    const started = await nextEvent(sub, (event) => event.kind === 'MILESTONE_STARTED', 'the start');
    ok(await submitMilestone(t, cast.freelancer, { milestoneId: milestone.id, note: 'One' }), 'submitMilestone');
    await nextEvent(sub, (event) => event.kind === 'MILESTONE_SUBMITTED', 'the submission');
    ok(await requestChanges(t, cast.client, { milestoneId: milestone.id, reason: 'More' }), 'requestMilestoneChanges');
    const changes = await nextEvent(sub, (event) => event.kind === 'MILESTONE_CHANGES_REQUESTED', 'the request');
    ok(await submitMilestone(t, cast.freelancer, { milestoneId: milestone.id, note: 'Two' }), 'submitMilestone');
    ok(await acceptMilestone(t, cast.client, { milestoneId: milestone.id }), 'acceptMilestone');
    await nextEvent(sub, (event) => event.kind === 'MILESTONE_ACCEPTED', 'the acceptance');

    expect(started.actor?.id).toBe(cast.freelancer.id);
    expect(changes.actor?.id).toBe(cast.client.id);
    // One message per step (a failed attempt is retried under the same message id).
    const { rows } = await t.db.query<{ event: string }>(
      `select distinct d."message_id", d."event" from "webhook_deliveries" d join "webhooks" w on w."id" = d."webhook_id"
        where w."proposal_id" = $1`,
      [cast.proposal.id],
    );
    expect(rows.map((row) => row.event).sort()).toEqual([...STEPS, 'MILESTONE_SUBMITTED'].sort());
  });

  it('are not announced for a refused step', async () => {
    const cast = await engagedCast(t);
    await createWebhookOk(t, cast.client, cast.proposal.id, 'https://hooks.example.com/refused', STEPS);
    const milestone = (await engagementOf(t, cast.client, cast.proposal.id)).milestones[0]!;
    expect((await acceptMilestone(t, cast.client, { milestoneId: milestone.id })).code).toBe('CONFLICT');
    const { rows } = await t.db.query(
      `select 1 from "webhook_deliveries" d join "webhooks" w on w."id" = d."webhook_id" where w."proposal_id" = $1`,
      [cast.proposal.id],
    );
    expect(rows).toEqual([]);
  });
});
