import { describe, expect, it } from 'vitest';
import { useTestApp } from '../support/app.js';
import { verify } from '../support/contract.js';
import {
  acceptMilestone,
  engagedCast,
  engagementOf,
  ok,
  requestChanges,
  startMilestone,
  submitMilestone,
} from '../support/engagement.js';
import { CLI_TIMEOUT, runVerify } from '../support/verify-cli.js';

const t = useTestApp();

/** A cast whose milestone-2 had changes requested once, then was accepted with a metric value. */
async function decidedCast() {
  const cast = await engagedCast(t);
  const milestone = (await engagementOf(t, cast.client, cast.proposal.id)).milestones[1]!;
  ok(await startMilestone(t, cast.freelancer, milestone.id), 'startMilestone');
  ok(await submitMilestone(t, cast.freelancer, { milestoneId: milestone.id, note: 'One' }), 'submitMilestone');
  ok(await requestChanges(t, cast.client, { milestoneId: milestone.id, reason: 'More' }), 'requestMilestoneChanges');
  ok(await submitMilestone(t, cast.freelancer, { milestoneId: milestone.id, note: 'Two' }), 'submitMilestone');
  const accepted = ok(
    await acceptMilestone(t, cast.client, {
      milestoneId: milestone.id,
      metrics: [{ metricId: 'metric-1', value: '3.4%' }],
    }),
    'acceptMilestone',
  );
  const [requested, acceptedSubmission] = accepted.submissions;
  const { rows } = await t.db.query<{ id: string }>('select "id" from "metric_results" where "milestone_id" = $1', [
    milestone.id,
  ]);
  return { ...cast, milestone, requested: requested!, accepted: acceptedSubmission!, metricResultId: rows[0]!.id };
}

async function firstMismatchOf(cast: Awaited<ReturnType<typeof decidedCast>>) {
  const report = (await verify(t, cast.viewer, cast.proposal.id)).data?.verifyProposal;
  if (!report) throw new Error('verifyProposal failed');
  return report;
}

describe('verifying an engagement', () => {
  it('passes while decisions and metric results are as the audit trail records them', async () => {
    const cast = await decidedCast();
    const report = await firstMismatchOf(cast);
    expect(report.ok).toBe(true);
  });

  it.each([
    [
      'a decision altered',
      (c: Awaited<ReturnType<typeof decidedCast>>) =>
        [`update "milestone_submissions" set "decision" = 'ACCEPTED' where "id" = $1`, [c.requested.id]] as const,
      (c: Awaited<ReturnType<typeof decidedCast>>) => ({
        kind: 'MILESTONE_SUBMISSION',
        id: c.requested.id,
        field: 'decision',
      }),
    ],
    [
      'a reason altered',
      (c: Awaited<ReturnType<typeof decidedCast>>) =>
        [`update "milestone_submissions" set "reason" = 'Nothing' where "id" = $1`, [c.requested.id]] as const,
      (c: Awaited<ReturnType<typeof decidedCast>>) => ({
        kind: 'MILESTONE_SUBMISSION',
        id: c.requested.id,
        field: 'reason',
      }),
    ],
    [
      'a decided submission deleted',
      (c: Awaited<ReturnType<typeof decidedCast>>) =>
        [`delete from "milestone_submissions" where "id" = $1`, [c.requested.id]] as const,
      (c: Awaited<ReturnType<typeof decidedCast>>) => ({
        kind: 'MILESTONE_SUBMISSION',
        id: c.requested.id,
        field: 'id',
      }),
    ],
    [
      'a delivery note altered',
      (c: Awaited<ReturnType<typeof decidedCast>>) =>
        [`update "milestone_submissions" set "note" = 'Everything, twice' where "id" = $1`, [c.accepted.id]] as const,
      (c: Awaited<ReturnType<typeof decidedCast>>) => ({
        kind: 'MILESTONE_SUBMISSION',
        id: c.accepted.id,
        field: 'note',
      }),
    ],
    [
      'the links of a delivery altered',
      (c: Awaited<ReturnType<typeof decidedCast>>) =>
        [
          `update "milestone_submissions" set "links" = array['https://example.test/other'] where "id" = $1`,
          [c.requested.id],
        ] as const,
      (c: Awaited<ReturnType<typeof decidedCast>>) => ({
        kind: 'MILESTONE_SUBMISSION',
        id: c.requested.id,
        field: 'links',
      }),
    ],
    [
      'who submitted altered',
      (c: Awaited<ReturnType<typeof decidedCast>>) =>
        [
          `update "milestone_submissions" set "submitted_by_id" = $2 where "id" = $1`,
          [c.requested.id, c.client.id],
        ] as const,
      (c: Awaited<ReturnType<typeof decidedCast>>) => ({
        kind: 'MILESTONE_SUBMISSION',
        id: c.requested.id,
        field: 'submittedBy',
      }),
    ],
    [
      'who accepted altered',
      (c: Awaited<ReturnType<typeof decidedCast>>) =>
        [
          `update "milestone_submissions" set "decided_by_id" = $2 where "id" = $1`,
          [c.accepted.id, c.freelancer.id],
        ] as const,
      (c: Awaited<ReturnType<typeof decidedCast>>) => ({
        kind: 'MILESTONE_SUBMISSION',
        id: c.accepted.id,
        field: 'decidedBy',
      }),
    ],
    [
      'when it was accepted altered',
      (c: Awaited<ReturnType<typeof decidedCast>>) =>
        [
          `update "milestone_submissions" set "decided_at" = "decided_at" - interval '9 days' where "id" = $1`,
          [c.accepted.id],
        ] as const,
      (c: Awaited<ReturnType<typeof decidedCast>>) => ({
        kind: 'MILESTONE_SUBMISSION',
        id: c.accepted.id,
        field: 'decidedAt',
      }),
    ],
    [
      'a submission added behind the trail',
      (c: Awaited<ReturnType<typeof decidedCast>>) =>
        [
          `insert into "milestone_submissions" ("id", "milestone_id", "proposal_id", "number", "submitted_by_id", "note", "links", "submitted_at")
           values ('00000000-0000-4000-8000-000000000001', $1, $2, 9, $3, 'Late extra', '{}', now())`,
          [c.milestone.id, c.proposal.id, c.freelancer.id],
        ] as const,
      () => ({ kind: 'MILESTONE_SUBMISSION', id: '00000000-0000-4000-8000-000000000001', field: 'id' }),
    ],
    [
      'a metric value altered',
      (c: Awaited<ReturnType<typeof decidedCast>>) =>
        [`update "metric_results" set "value" = '2%' where "id" = $1`, [c.metricResultId]] as const,
      (c: Awaited<ReturnType<typeof decidedCast>>) => ({ kind: 'METRIC_RESULT', id: c.metricResultId, field: 'value' }),
    ],
    [
      'a metric result deleted',
      (c: Awaited<ReturnType<typeof decidedCast>>) =>
        [`delete from "metric_results" where "id" = $1`, [c.metricResultId]] as const,
      (c: Awaited<ReturnType<typeof decidedCast>>) => ({
        kind: 'METRIC_RESULT',
        id: `${c.accepted.id}/metric-1`,
        field: 'id',
      }),
    ],
  ])('reports %s, naming the record', async (_what, tamper, expected) => {
    const cast = await decidedCast();
    const [sql, params] = tamper(cast);
    await t.db.query(sql, [...params]);

    const report = await firstMismatchOf(cast);

    expect(report.ok).toBe(false);
    expect(report.firstMismatch).toMatchObject(expected(cast));
  });

  it(
    'pnpm verify fails naming an altered metric result',
    async () => {
      const cast = await decidedCast();
      await t.db.query(`update "metric_results" set "met" = false where "id" = $1`, [cast.metricResultId]);

      const cli = await runVerify(t.db.url, cast.proposal.id);

      expect(cli, cli.stderr).toMatchObject({ code: 1 });
      expect(cli.stdout).toContain(`MISMATCH: metric result ${cast.metricResultId}, met:`);
    },
    CLI_TIMEOUT,
  );
});
