import { describe, expect, it } from 'vitest';
import { useTestApp } from '../support/app.js';
import { completeBrief } from '../support/brief.js';
import { editLiveBrief } from '../support/contract.js';
import {
  acceptMilestone,
  engagedCast,
  engagementOf,
  executeVersion,
  ok,
  requestChanges,
  startMilestone,
  submitMilestone,
} from '../support/engagement.js';
import { inboxOf } from '../support/notifications.js';
import { closeEngagement } from '../support/reviews.js';
import * as Y from 'yjs';

const t = useTestApp();

async function auditOf(proposalId: string, kindPrefix = 'MILESTONE_') {
  const { rows } = await t.db.query<{ kind: string; actor_id: string | null; data: Record<string, unknown> }>(
    `select "kind", "actor_id", "data" from "audit_events" where "proposal_id" = $1 and "kind" like $2 order by "sequence"`,
    [proposalId, `${kindPrefix}%`],
  );
  return rows;
}

/** A cast whose milestone-1 (one revision round) is submitted by the freelancer. */
async function submittedCast() {
  const cast = await engagedCast(t);
  const { milestones } = await engagementOf(t, cast.client, cast.proposal.id);
  const milestone = milestones.find((m) => m.itemId === 'milestone-1')!;
  ok(await startMilestone(t, cast.freelancer, milestone.id), 'startMilestone');
  ok(await submitMilestone(t, cast.freelancer, { milestoneId: milestone.id, note: 'First cut' }), 'submitMilestone');
  return { ...cast, milestone };
}

describe('an executed version', () => {
  it('tracks its milestones PLANNED with the signed terms and is the contract in force', async () => {
    const { viewer, proposal, v1 } = await engagedCast(t);

    const engagement = await engagementOf(t, viewer, proposal.id);

    expect(engagement.contractInForce).toEqual({ id: v1.id, number: 1, status: 'SIGNED' });
    expect(
      engagement.milestones.map((m) => [m.itemId, m.title, m.dueDate, m.state, m.revisionRounds, m.revisionsLeft]),
    ).toEqual([
      ['milestone-1', 'Baseline model', '2099-03-01', 'PLANNED', 1, 1],
      ['milestone-2', 'Production scoring', '2099-04-15', 'PLANNED', 2, 2],
    ]);
    expect(engagement.milestones.every((m) => !m.overdue && m.submissions.length === 0)).toBe(true);
    const audit = await auditOf(proposal.id);
    expect(audit.map((row) => [row.kind, row.data.itemId, row.data.revisionRounds, row.data.dueDate])).toEqual([
      ['MILESTONE_TRACKED', 'milestone-1', 1, '2099-03-01'],
      ['MILESTONE_TRACKED', 'milestone-2', 2, '2099-04-15'],
    ]);
    expect(audit[0]!.data.milestoneId).toBe(engagement.milestones[0]!.id);
  });

  it('has no contract in force and no milestones before it is signed', async () => {
    const { readyCast } = await import('../support/contract.js');
    const cast = await readyCast(t);
    expect(await engagementOf(t, cast.client, cast.proposal.id)).toEqual({ contractInForce: null, milestones: [] });
  });

  it('marks a milestone overdue once its due date passed, until it is accepted', async () => {
    const brief = completeBrief();
    brief.milestones[0]!.dueDate = '2020-01-01';
    const { client, proposal } = await engagedCast(t, brief);
    const [first, second] = (await engagementOf(t, client, proposal.id)).milestones;
    expect([first!.overdue, second!.overdue]).toEqual([true, false]);
  });
});

describe('the milestone steps', () => {
  it('runs start, submit, request changes, resubmit and accept with metrics, audited and notified', async () => {
    const { client, freelancer, proposal } = await engagedCast(t);
    const milestone = (await engagementOf(t, client, proposal.id)).milestones.find((m) => m.itemId === 'milestone-2')!;

    expect(ok(await startMilestone(t, freelancer, milestone.id), 'startMilestone').state).toBe('IN_PROGRESS');
    const submitted = ok(
      await submitMilestone(t, freelancer, {
        milestoneId: milestone.id,
        note: '  Scores land nightly.  ',
        links: ['https://example.com/run/1'],
      }),
      'submitMilestone',
    );
    expect(submitted.state).toBe('SUBMITTED');
    expect(submitted.submissions).toMatchObject([
      { note: 'Scores land nightly.', links: ['https://example.com/run/1'], decision: null },
    ]);
    expect((await inboxOf(t, client)).items[0]).toMatchObject({
      kind: 'MILESTONE_SUBMITTED',
      link: `/proposals/${proposal.id}/engagement`,
    });

    const changed = ok(
      await requestChanges(t, client, { milestoneId: milestone.id, reason: 'Add the retry' }),
      'requestMilestoneChanges',
    );
    expect(changed).toMatchObject({ state: 'CHANGES_REQUESTED', revisionsUsed: 1, revisionsLeft: 1 });
    expect(changed.submissions[0]).toMatchObject({ decision: 'CHANGES_REQUESTED', reason: 'Add the retry' });
    expect((await inboxOf(t, freelancer)).items[0]).toMatchObject({
      kind: 'MILESTONE_DECIDED',
      link: `/proposals/${proposal.id}/engagement`,
    });

    ok(await submitMilestone(t, freelancer, { milestoneId: milestone.id, note: 'With retry' }), 'submitMilestone');
    const accepted = ok(
      await acceptMilestone(t, client, {
        milestoneId: milestone.id,
        metrics: [{ metricId: 'metric-1', value: '3.2%' }],
      }),
      'acceptMilestone',
    );
    expect(accepted.state).toBe('ACCEPTED');
    expect(accepted.submissions.map((s) => s.decision)).toEqual(['CHANGES_REQUESTED', 'ACCEPTED']);
    expect(accepted.metricResults).toEqual([
      { metricId: 'metric-1', name: 'Monthly churn', baseline: '4.1%', target: '3.5%', value: '3.2%', met: true },
    ]);

    const audit = (await auditOf(proposal.id)).filter((row) => row.kind !== 'MILESTONE_TRACKED');
    expect(audit.map((row) => row.kind)).toEqual([
      'MILESTONE_STARTED',
      'MILESTONE_SUBMITTED',
      'MILESTONE_CHANGES_REQUESTED',
      'MILESTONE_SUBMITTED',
      'MILESTONE_ACCEPTED',
    ]);
    expect(audit.map((row) => row.actor_id)).toEqual([
      freelancer.id,
      freelancer.id,
      client.id,
      freelancer.id,
      client.id,
    ]);
    expect(audit[1]!.data).toEqual({
      milestoneId: milestone.id,
      submissionId: accepted.submissions[0]!.id,
      number: 1,
      note: 'Scores land nightly.',
      links: ['https://example.com/run/1'],
    });
    expect(audit[2]!.data).toEqual({
      milestoneId: milestone.id,
      submissionId: accepted.submissions[0]!.id,
      reason: 'Add the retry',
      revisionsUsed: 1,
    });
    expect(audit[4]!.data).toEqual({
      milestoneId: milestone.id,
      submissionId: accepted.submissions[1]!.id,
      metrics: [{ metricId: 'metric-1', value: '3.2%', met: true }],
    });
  });

  it('records a metric that misses its target as not met', async () => {
    const { client, milestone } = await submittedCast();
    const accepted = ok(
      await acceptMilestone(t, client, {
        milestoneId: milestone.id,
        metrics: [{ metricId: 'metric-1', value: '3.9%' }],
      }),
      'acceptMilestone',
    );
    expect(accepted.metricResults.map((r) => r.met)).toEqual([false]);
  });

  it('refuses a change request beyond the signed rounds with REVISION_BUDGET_EXHAUSTED', async () => {
    const { client, freelancer, proposal, milestone } = await submittedCast();
    ok(await requestChanges(t, client, { milestoneId: milestone.id, reason: 'Once' }), 'requestMilestoneChanges');
    ok(await submitMilestone(t, freelancer, { milestoneId: milestone.id, note: 'Second cut' }), 'submitMilestone');

    const refused = await requestChanges(t, client, { milestoneId: milestone.id, reason: 'Twice' });

    expect(refused.code).toBe('REVISION_BUDGET_EXHAUSTED');
    expect(refused.errors?.[0]?.extensions).toMatchObject({ milestoneId: milestone.id, revisionRounds: 1 });
    expect(refused.errors?.[0]?.message).toMatch(/change order/);
    const after = (await engagementOf(t, client, proposal.id)).milestones.find((m) => m.id === milestone.id)!;
    expect(after).toMatchObject({ state: 'SUBMITTED', revisionsUsed: 1, revisionsLeft: 0 });
    expect(ok(await acceptMilestone(t, client, { milestoneId: milestone.id }), 'acceptMilestone').state).toBe(
      'ACCEPTED',
    );
  });

  it('refuses steps from the wrong state with CONFLICT naming the state', async () => {
    const { client, freelancer, proposal } = await engagedCast(t);
    const milestone = (await engagementOf(t, client, proposal.id)).milestones[0]!;

    const early = await submitMilestone(t, freelancer, { milestoneId: milestone.id, note: 'Too soon' });
    expect(early.code).toBe('CONFLICT');
    expect(early.errors?.[0]?.extensions).toMatchObject({ reason: 'MILESTONE_STATE', state: 'PLANNED' });
    expect((await acceptMilestone(t, client, { milestoneId: milestone.id })).code).toBe('CONFLICT');
    expect((await requestChanges(t, client, { milestoneId: milestone.id, reason: 'x' })).code).toBe('CONFLICT');
    ok(await startMilestone(t, freelancer, milestone.id), 'startMilestone');
    expect((await startMilestone(t, freelancer, milestone.id)).code).toBe('CONFLICT');
    expect((await auditOf(proposal.id)).filter((row) => row.kind !== 'MILESTONE_TRACKED')).toHaveLength(1);
  });

  it('refuses every step once the client closed the engagement, leaving the record as it was', async () => {
    const { client, freelancer, proposal, milestone } = await submittedCast();
    const other = (await engagementOf(t, client, proposal.id)).milestones.find((m) => m.itemId === 'milestone-2')!;
    expect((await closeEngagement(t, client, proposal.id)).errors).toBeUndefined();
    const before = await auditOf(proposal.id);

    for (const refused of [
      await acceptMilestone(t, client, { milestoneId: milestone.id }),
      await requestChanges(t, client, { milestoneId: milestone.id, reason: 'One more pass' }),
      await startMilestone(t, freelancer, other.id),
    ]) {
      expect(refused.code).toBe('CONFLICT');
      expect(refused.errors?.[0]?.extensions).toMatchObject({ reason: 'ENGAGEMENT_CLOSED' });
      expect(refused.errors?.[0]?.message).toMatch(/engagement is closed/);
    }
    const after = await engagementOf(t, client, proposal.id);
    expect(after.milestones.find((m) => m.id === milestone.id)).toMatchObject({ state: 'SUBMITTED', revisionsUsed: 0 });
    expect(after.milestones.find((m) => m.id === other.id)?.state).toBe('PLANNED');
    expect(await auditOf(proposal.id)).toEqual(before);
  });

  it('refuses the wrong role (FORBIDDEN) and non-participants (NOT_FOUND)', async () => {
    const { client, freelancer, viewer, outsider, milestone } = await submittedCast();

    expect((await acceptMilestone(t, freelancer, { milestoneId: milestone.id })).code).toBe('FORBIDDEN');
    expect((await requestChanges(t, viewer, { milestoneId: milestone.id, reason: 'x' })).code).toBe('FORBIDDEN');
    expect((await submitMilestone(t, client, { milestoneId: milestone.id, note: 'x' })).code).toBe('FORBIDDEN');
    expect((await startMilestone(t, client, milestone.id)).code).toBe('FORBIDDEN');
    expect((await acceptMilestone(t, outsider, { milestoneId: milestone.id })).code).toBe('NOT_FOUND');
    expect((await startMilestone(t, outsider, milestone.id)).code).toBe('NOT_FOUND');
    expect((await startMilestone(t, client, 'not-a-uuid')).code).toBe('NOT_FOUND');
  });

  it.each([
    ['an empty note', { note: '   ' }, 'note'],
    ['a note too long', { note: 'x'.repeat(10_001) }, 'note'],
    ['a link that is not http', { note: 'ok', links: ['ftp://example.com/a'] }, 'links.0'],
    ['a link too long', { note: 'ok', links: [`https://example.com/${'a'.repeat(2048)}`] }, 'links.0'],
    [
      'too many links',
      { note: 'ok', links: Array.from({ length: 21 }, (_, i) => `https://example.com/${i}`) },
      'links',
    ],
  ])('refuses a submission with %s (BAD_USER_INPUT)', async (_what, input, field) => {
    const { client, freelancer, proposal } = await engagedCast(t);
    const milestone = (await engagementOf(t, client, proposal.id)).milestones[0]!;
    ok(await startMilestone(t, freelancer, milestone.id), 'startMilestone');
    const refused = await submitMilestone(t, freelancer, { milestoneId: milestone.id, ...input });
    expect(refused.code).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0]?.extensions?.field).toBe(field);
  });

  it('refuses metrics that are not success metrics of the contract in force', async () => {
    const { client, milestone } = await submittedCast();
    const refused = await acceptMilestone(t, client, {
      milestoneId: milestone.id,
      metrics: [{ metricId: 'metric-404', value: '1' }],
    });
    expect(refused.code).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0]?.extensions?.field).toBe('metrics.0.metricId');
    const empty = await acceptMilestone(t, client, {
      milestoneId: milestone.id,
      metrics: [{ metricId: 'metric-1', value: ' ' }],
    });
    expect(empty.errors?.[0]?.extensions?.field).toBe('metrics.0.value');
  });

  it('leaves exactly one decision when two clients race to accept and to request changes', async () => {
    const { addParticipant, makeUser } = await import('../support/factories.js');
    const { client, proposal, milestone } = await submittedCast();
    const second = await makeUser(t.api, { name: 'Cleo Client' });
    expect((await addParticipant(t.api, client, proposal.id, second, 'CLIENT')).errors).toBeUndefined();

    const [accepted, changed] = await Promise.all([
      acceptMilestone(t, client, { milestoneId: milestone.id }),
      requestChanges(t, second, { milestoneId: milestone.id, reason: 'Not yet' }),
    ]);

    const outcomes = [accepted.errors ? accepted.code : 'OK', changed.errors ? changed.code : 'OK'].sort();
    expect(outcomes).toEqual(['CONFLICT', 'OK']);
    const { rows } = await t.db.query<{ decision: string | null }>(
      'select "decision" from "milestone_submissions" where "milestone_id" = $1',
      [milestone.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.decision).toBe(accepted.errors ? 'CHANGES_REQUESTED' : 'ACCEPTED');
    const decisions = (await auditOf(proposal.id)).filter(
      (row) => row.kind === 'MILESTONE_ACCEPTED' || row.kind === 'MILESTONE_CHANGES_REQUESTED',
    );
    expect(decisions).toHaveLength(1);
  });
});

describe('a second executed version', () => {
  it('carries milestones over by id: accepted stays, a dropped one is removed, a new one is planned', async () => {
    const { client, freelancer, proposal } = await engagedCast(t);
    const [first, second] = (await engagementOf(t, client, proposal.id)).milestones;
    ok(await startMilestone(t, freelancer, first!.id), 'startMilestone');
    ok(await submitMilestone(t, freelancer, { milestoneId: first!.id, note: 'Done' }), 'submitMilestone');
    ok(await acceptMilestone(t, client, { milestoneId: first!.id }), 'acceptMilestone');

    // The change order: milestone-1 renamed, milestone-2 dropped, milestone-3 added.
    await editLiveBrief(t, client, proposal.id, (doc) => {
      const milestones = doc.getArray<Y.Map<unknown>>('milestones');
      const kept = milestones.get(0);
      kept.set('title', new Y.Text('Baseline model, as delivered'));
      milestones.delete(1, 1);
      const added = new Y.Map<unknown>();
      milestones.push([added]);
      added.set('id', 'milestone-3');
      added.set('title', new Y.Text('Monitoring'));
      added.set('dueDate', '2099-06-01');
      added.set('acceptanceCriteria', new Y.Text('Drift alerts reach the channel'));
      added.set('revisionRounds', 1);
      added.set('payment', new Y.Text('20%'));
    });
    const v2 = await executeVersion(t, freelancer, [client, freelancer], proposal.id);

    const engagement = await engagementOf(t, client, proposal.id);
    expect(engagement.contractInForce).toMatchObject({ id: v2.id, number: 2 });
    expect(engagement.milestones.map((m) => [m.id, m.itemId, m.title, m.state])).toEqual([
      [first!.id, 'milestone-1', 'Baseline model, as delivered', 'ACCEPTED'],
      [expect.any(String), 'milestone-3', 'Monitoring', 'PLANNED'],
      [second!.id, 'milestone-2', 'Production scoring', 'REMOVED'],
    ]);
    expect(engagement.milestones[0]!.submissions).toHaveLength(1);
    const removed = (await auditOf(proposal.id)).filter((row) => row.kind === 'MILESTONE_REMOVED');
    expect(removed.map((row) => row.data)).toEqual([{ milestoneId: second!.id, itemId: 'milestone-2' }]);
    expect((await startMilestone(t, freelancer, second!.id)).code).toBe('CONFLICT');
  });
});
