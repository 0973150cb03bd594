import { describe, expect, it } from 'vitest';
import { readTrial, TRIAL_MAP_KEY, TRIAL_RUBRIC_KEY } from '@brieflock/schema';
import { useTestApp } from '../support/app.js';
import { sampleTrial, writeTrial } from '../support/brief.js';
import { connectPeer, synced } from '../support/collab.js';
import { editLiveBrief, freezeOk, readyCast, verify } from '../support/contract.js';
import {
  acceptMilestone,
  engagementOf,
  executeVersion,
  ok,
  startMilestone,
  submitMilestone,
} from '../support/engagement.js';
import { waitFor } from '../support/wait.js';

const t = useTestApp();

const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** A cast whose version 1, with the sample trial in its validation, is executed. */
async function trialCast() {
  const cast = await readyCast(t);
  await editLiveBrief(t, cast.client, cast.proposal.id, (doc) => writeTrial(doc, sampleTrial()));
  const executedOn = new Date().toISOString().slice(0, 10);
  const v1 = await executeVersion(t, cast.client, [cast.client, cast.freelancer], cast.proposal.id);
  const trial = (await engagementOf(t, cast.client, cast.proposal.id)).milestones.find((m) => m.isTrial)!;
  return { ...cast, v1, trial, executedOn };
}

/** The trial cast with its trial started and submitted by the freelancer. */
async function submittedTrialCast() {
  const cast = await trialCast();
  ok(await startMilestone(t, cast.freelancer, cast.trial.id), 'startMilestone');
  ok(
    await submitMilestone(t, cast.freelancer, { milestoneId: cast.trial.id, note: 'Labels and report' }),
    'submitMilestone',
  );
  return cast;
}

const FULL_RUBRIC = [
  { criterionId: 'criterion-labels', score: 90 },
  { criterionId: 'criterion-report', score: 70 },
];

describe('the trial as milestone 0', () => {
  it('is tracked before every milestone with its time box, pay and weighted rubric', async () => {
    const cast = await trialCast();
    const { milestones } = await engagementOf(t, cast.viewer, cast.proposal.id);
    expect(milestones.map((m) => [m.itemId, m.isTrial])).toEqual([
      ['trial', true],
      ['milestone-1', false],
      ['milestone-2', false],
    ]);
    expect(milestones[0]).toMatchObject({
      title: 'Trial: Label 500 support tickets by churn risk',
      dueDate: addDays(cast.executedOn, 5),
      state: 'PLANNED',
      revisionRounds: 0,
    });
    const { rows } = await t.db.query<{ payment: string; acceptance_criteria: string; position: number }>(
      `select "payment", "acceptance_criteria", "position" from "tracked_milestones" where "id" = $1`,
      [cast.trial.id],
    );
    expect(rows[0]).toEqual({
      payment: 'EUR 800',
      acceptance_criteria: 'Label accuracy (60%)\nReport clarity (40%)',
      position: 0,
    });
    const audit = await t.db.query<{ data: Record<string, unknown> }>(
      `select "data" from "audit_events" where "proposal_id" = $1 and "kind" = 'MILESTONE_TRACKED' and "data"->>'itemId' = 'trial'`,
      [cast.proposal.id],
    );
    expect(audit.rows).toEqual([{ data: expect.objectContaining({ milestoneId: cast.trial.id, isTrial: true }) }]);
  });

  it('shows its signed task, pay, time box and rubric; other milestones have none', async () => {
    const cast = await trialCast();
    const result = await t.api.gql<{
      proposal: { milestones: { itemId: string; trial: Record<string, unknown> | null }[] };
    }>(
      'query($id: ID!) { proposal(id: $id) { milestones { itemId trial { task paidAmount timeBoxDays rubric { id criterion weight } } } } }',
      { id: cast.proposal.id },
      { token: cast.freelancer.token },
    );
    const [trial, ...others] = result.data!.proposal.milestones;
    expect(trial).toEqual({
      itemId: 'trial',
      trial: {
        task: sampleTrial().task,
        paidAmount: 'EUR 800',
        timeBoxDays: 5,
        rubric: [
          { id: 'criterion-labels', criterion: 'Label accuracy', weight: 60 },
          { id: 'criterion-report', criterion: 'Report clarity', weight: 40 },
        ],
      },
    });
    expect(others.map((m) => m.trial)).toEqual([null, null]);
  });

  it('is not tracked when the validation has no trial', async () => {
    const cast = await readyCast(t);
    await executeVersion(t, cast.client, [cast.client, cast.freelancer], cast.proposal.id);
    const { milestones } = await engagementOf(t, cast.client, cast.proposal.id);
    expect(milestones.some((m) => m.isTrial || m.itemId === 'trial')).toBe(false);
  });

  it('is removed when a later executed version drops the unaccepted trial', async () => {
    const cast = await trialCast();
    await editLiveBrief(t, cast.client, cast.proposal.id, (doc) => {
      doc.getMap(TRIAL_MAP_KEY).clear();
      const rubric = doc.getArray(TRIAL_RUBRIC_KEY);
      rubric.delete(0, rubric.length);
    });
    await executeVersion(t, cast.client, [cast.client, cast.freelancer], cast.proposal.id);
    const trial = (await engagementOf(t, cast.client, cast.proposal.id)).milestones.find((m) => m.itemId === 'trial')!;
    expect(trial.state).toBe('REMOVED');
  });

  it('is scored on acceptance with the weighted rubric, and the note is kept', async () => {
    const cast = await submittedTrialCast();
    const accepted = ok(
      await acceptMilestone(t, cast.client, {
        milestoneId: cast.trial.id,
        rubric: FULL_RUBRIC,
        note: 'Careful labels, a thin report.',
      }),
      'acceptMilestone',
    );
    expect(accepted.state).toBe('ACCEPTED');
    // 0.6 × 90 + 0.4 × 70
    expect(accepted.submissions[0]).toMatchObject({
      decision: 'ACCEPTED',
      score: 82,
      reason: 'Careful labels, a thin report.',
      rubricScores: [
        { criterionId: 'criterion-labels', criterion: 'Label accuracy', weight: 60, score: 90 },
        { criterionId: 'criterion-report', criterion: 'Report clarity', weight: 40, score: 70 },
      ],
    });
  });

  it.each([
    ['without a rubric', undefined, 'rubric'],
    ['with a criterion missing', [FULL_RUBRIC[0]!], 'rubric'],
    [
      'with an unknown criterion',
      [...FULL_RUBRIC, { criterionId: 'criterion-404', score: 50 }],
      'rubric.2.criterionId',
    ],
    ['with a criterion scored twice', [...FULL_RUBRIC, FULL_RUBRIC[0]!], 'rubric.2.criterionId'],
    ['with a score above 100', [FULL_RUBRIC[0]!, { criterionId: 'criterion-report', score: 101 }], 'rubric.1.score'],
  ])('refuses to accept the trial %s (BAD_USER_INPUT)', async (_what, rubric, field) => {
    const cast = await submittedTrialCast();
    const refused = await acceptMilestone(t, cast.client, {
      milestoneId: cast.trial.id,
      ...(rubric ? { rubric } : {}),
    });
    expect(refused.code).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0]?.extensions?.field).toBe(field);
    const trial = (await engagementOf(t, cast.client, cast.proposal.id)).milestones.find((m) => m.isTrial)!;
    expect(trial.state).toBe('SUBMITTED');
  });

  it('refuses a rubric for a milestone that is not the trial', async () => {
    const cast = await trialCast();
    const milestone = (await engagementOf(t, cast.client, cast.proposal.id)).milestones.find(
      (m) => m.itemId === 'milestone-1',
    )!;
    ok(await startMilestone(t, cast.freelancer, milestone.id), 'startMilestone');
    ok(await submitMilestone(t, cast.freelancer, { milestoneId: milestone.id, note: 'Done' }), 'submitMilestone');
    const refused = await acceptMilestone(t, cast.client, { milestoneId: milestone.id, rubric: FULL_RUBRIC });
    expect(refused.code).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0]?.extensions?.field).toBe('rubric');
    const accepted = ok(await acceptMilestone(t, cast.client, { milestoneId: milestone.id }), 'acceptMilestone');
    expect(accepted.submissions[0]).toMatchObject({ decision: 'ACCEPTED', score: null, rubricScores: null });
  });

  it('writes the score and note into the live brief, seen by a connected editor, and the next version freezes them', async () => {
    const cast = await submittedTrialCast();
    const editor = connectPeer(t.app.url, cast.proposal.id, cast.freelancer.token);
    try {
      await synced(editor);
      expect(readTrial(editor.doc)?.score).toBeNull();
      ok(
        await acceptMilestone(t, cast.client, { milestoneId: cast.trial.id, rubric: FULL_RUBRIC, note: 'Hire them.' }),
        'acceptMilestone',
      );
      const seen = await waitFor(() => (readTrial(editor.doc)?.score != null ? readTrial(editor.doc) : null), {
        what: 'the trial score to reach the connected editor',
      });
      expect(seen).toMatchObject({ score: 82, scoreNote: 'Hire them.' });
    } finally {
      editor.destroy();
    }

    const v2 = await freezeOk(t, cast.client, cast.proposal.id);
    expect(v2.contentJson.validation.trial).toMatchObject({
      score: 82,
      scoreNote: 'Hire them.',
      task: sampleTrial().task,
    });
  });

  it('stays accepted when the version recording its score is executed', async () => {
    const cast = await submittedTrialCast();
    ok(await acceptMilestone(t, cast.client, { milestoneId: cast.trial.id, rubric: FULL_RUBRIC }), 'acceptMilestone');
    // The mutation answers once the score is stored in the live brief: the freeze records it.
    const v2 = await executeVersion(t, cast.client, [cast.client, cast.freelancer], cast.proposal.id);
    expect(v2.contentJson.validation.trial?.score).toBe(82);
    const trial = (await engagementOf(t, cast.client, cast.proposal.id)).milestones.find((m) => m.isTrial)!;
    expect(trial.state).toBe('ACCEPTED');
  });

  it('puts the accepted trial score on the client’s bench, with the submission as evidence', async () => {
    const cast = await submittedTrialCast();
    const accepted = ok(
      await acceptMilestone(t, cast.client, { milestoneId: cast.trial.id, rubric: FULL_RUBRIC }),
      'acceptMilestone',
    );
    const bench = await t.api.gql<{
      myBench: {
        freelancer: { id: string };
        trialScores: number[];
        evidence: { kind: string; submissionId: string; score: number | null }[];
      }[];
    }>(
      'query { myBench { freelancer { id } trialScores evidence { kind submissionId score } } }',
      {},
      { token: cast.client.token },
    );
    const entry = bench.data!.myBench.find((row) => row.freelancer.id === cast.freelancer.id)!;
    expect(entry.trialScores).toEqual([82]);
    expect(entry.evidence.filter((row) => row.kind === 'TRIAL_SCORE')).toEqual([
      { kind: 'TRIAL_SCORE', submissionId: accepted.submissions[0]!.id, score: 82 },
    ]);
  });

  it('verifies while the score is as the audit trail records it, and fails when it is altered', async () => {
    const cast = await submittedTrialCast();
    const accepted = ok(
      await acceptMilestone(t, cast.client, { milestoneId: cast.trial.id, rubric: FULL_RUBRIC }),
      'acceptMilestone',
    );
    const submissionId = accepted.submissions[0]!.id;
    expect((await verify(t, cast.viewer, cast.proposal.id)).data?.verifyProposal.ok).toBe(true);

    await t.db.query(`update "milestone_submissions" set "score" = 95 where "id" = $1`, [submissionId]);
    const altered = (await verify(t, cast.viewer, cast.proposal.id)).data!.verifyProposal;
    expect(altered.ok).toBe(false);
    expect(altered.mismatches).toEqual([
      expect.objectContaining({
        kind: 'MILESTONE_SUBMISSION',
        id: submissionId,
        field: 'score',
        expected: '82',
        actual: '95',
      }),
    ]);

    await t.db.query(
      `update "milestone_submissions" set "score" = 82, "rubric_scores" = jsonb_set("rubric_scores", '{0,score}', '100') where "id" = $1`,
      [submissionId],
    );
    const rescored = (await verify(t, cast.viewer, cast.proposal.id)).data!.verifyProposal;
    expect(rescored.mismatches).toEqual([
      expect.objectContaining({ kind: 'MILESTONE_SUBMISSION', id: submissionId, field: 'rubricScores' }),
    ]);
  });
});
