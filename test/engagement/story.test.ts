import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { TRIAL_MAP_KEY, TRIAL_RUBRIC_KEY } from '@brieflock/schema';
import { useTestApp } from '../support/app.js';
import {
  editLiveBrief,
  readyCast,
  sign,
  startSigning,
  verify,
  type VersionView,
  VERSION_FIELDS,
} from '../support/contract.js';
import {
  acceptMilestone,
  engagementOf,
  type MilestoneView,
  ok,
  requestChanges,
  startMilestone,
  submitMilestone,
} from '../support/engagement.js';
import type { TestUser } from '../support/factories.js';
import { inboxOf } from '../support/notifications.js';
import { answerReview, benchOf, closeEngagement, reviewFreelancer } from '../support/reviews.js';
import { CLI_TIMEOUT, runVerify } from '../support/verify-cli.js';

const t = useTestApp();

/**
 * The whole life of one engagement through the public API, as its parties would live it:
 * a trial task in the brief, a signing order, a decline and a re-freeze, the trial run
 * and scored as milestone 0, milestones submitted and sent back until the signed rounds
 * are spent, a change order that grants one more round (and records the trial's score),
 * acceptance against the success metrics, the review and the bench, and the audit trail
 * checked at the end — and again after one acceptance row is altered behind the database.
 */
describe('the life of an engagement', () => {
  function freezeInOrder(user: TestUser, proposalId: string, signingOrder: string[][]) {
    return t.api.gql<{ freezeProposal: VersionView & { amends: { id: string; number: number } | null } }>(
      `mutation($input: FreezeProposalInput!) { freezeProposal(input: $input) { ${VERSION_FIELDS} amends { id number } } }`,
      { input: { proposalId, signingOrder } },
      { token: user.token },
    );
  }

  async function signAll(version: VersionView, signers: TestUser[]) {
    for (const signer of signers) {
      const signed = await sign(t, signer, version.id, version.contentHash);
      expect(signed.errors, signer.name).toBeUndefined();
    }
  }

  const byItem = (milestones: MilestoneView[], itemId: string) => {
    const found = milestones.find((milestone) => milestone.itemId === itemId);
    if (!found) throw new Error(`no tracked milestone ${itemId}`);
    return found;
  };

  it(
    'runs from trial task to signed contract, milestones, a change order and a review, and the records hold',
    async () => {
      const cast = await readyCast(t);
      const { client, freelancer, proposal } = cast;
      const order = [[client.id], [freelancer.id]];

      // The client adds a paid trial task with a rubric to the validation section.
      await editLiveBrief(t, client, proposal.id, (doc) => {
        const trial = doc.getMap<unknown>(TRIAL_MAP_KEY);
        trial.set('task', new Y.Text('Train a baseline on last year’s export and report its AUC'));
        trial.set('paidAmount', new Y.Text('EUR 800'));
        trial.set('timeBoxDays', 5);
        const criterion = (id: string, text: string, weight: number) =>
          new Y.Map<unknown>([
            ['id', id],
            ['criterion', new Y.Text(text)],
            ['weight', weight],
          ]);
        doc
          .getArray(TRIAL_RUBRIC_KEY)
          .push([criterion('quality', 'Model quality', 60), criterion('report', 'Clarity of the report', 40)]);
      });

      // Version 1, signed client first: the freelancer may not sign before the client.
      const v1 = (await freezeInOrder(client, proposal.id, order)).data!.freezeProposal;
      expect(v1.amends).toBeNull();
      expect(v1.contentJson.validation.trial).toMatchObject({ paidAmount: 'EUR 800', timeBoxDays: 5, score: null });
      expect((await startSigning(t, freelancer, v1.id)).errors?.[0]?.extensions).toMatchObject({
        code: 'CONFLICT',
        reason: 'OUT_OF_TURN',
      });
      await signAll(v1, [client]);
      expect((await inboxOf(t, freelancer)).items.map((item) => item.kind)).toContain('SIGNATURE_REQUESTED');

      // The freelancer declines it with a reason; drafting goes on.
      const declined = await t.api.gql<{ declineVersion: { status: string; declineReason: string } }>(
        'mutation($input: DeclineVersionInput!) { declineVersion(input: $input) { status declineReason } }',
        { input: { versionId: v1.id, reason: 'Production scoring needs three revision rounds, not two.' } },
        { token: freelancer.token },
      );
      expect(declined.data?.declineVersion.status).toBe('DECLINED');
      expect((await inboxOf(t, client)).items.map((item) => item.kind)).toContain('SIGNER_DECLINED');
      expect((await sign(t, freelancer, v1.id, v1.contentHash)).code).toBe('CONFLICT');
      expect((await engagementOf(t, client, proposal.id)).contractInForce).toBeNull();

      // The client answers by editing the live brief (the baseline now has one round);
      // version 2 is signed in order and executed.
      await editLiveBrief(t, client, proposal.id, (doc) => {
        const milestones = doc.getArray<Y.Map<unknown>>('milestones').toArray();
        milestones.find((item) => item.get('id') === 'milestone-2')!.set('revisionRounds', 3);
      });
      const v2 = (await freezeInOrder(client, proposal.id, order)).data!.freezeProposal;
      expect(v2.number).toBe(2);
      expect(v2.amends).toBeNull();
      await signAll(v2, [client, freelancer]);

      let engagement = await engagementOf(t, client, proposal.id);
      expect(engagement.contractInForce).toMatchObject({ id: v2.id, status: 'SIGNED' });
      expect(engagement.milestones.map((milestone) => milestone.itemId)).toEqual([
        'trial',
        'milestone-1',
        'milestone-2',
      ]);

      // Milestone 0: the trial, run and scored against its rubric.
      const trial = byItem(engagement.milestones, 'trial');
      expect(trial).toMatchObject({ state: 'PLANNED', revisionRounds: 0 });
      ok(await startMilestone(t, freelancer, trial.id), 'startMilestone');
      ok(
        await submitMilestone(t, freelancer, { milestoneId: trial.id, note: 'AUC 0.78, report attached' }),
        'submitMilestone',
      );
      const scored = await t.api.gql<{ acceptMilestone: { state: string; submissions: { score: number | null }[] } }>(
        'mutation($input: AcceptMilestoneInput!) { acceptMilestone(input: $input) { state submissions { score } } }',
        {
          input: {
            milestoneId: trial.id,
            rubric: [
              { criterionId: 'quality', score: 80 },
              { criterionId: 'report', score: 90 },
            ],
            note: 'Strong baseline, clear write-up.',
          },
        },
        { token: client.token },
      );
      expect(scored.errors).toBeUndefined();
      expect(scored.data?.acceptMilestone).toMatchObject({ state: 'ACCEPTED', submissions: [{ score: 84 }] });

      // Milestone 1: submitted and sent back until its one signed round is spent.
      const baseline = byItem(engagement.milestones, 'milestone-1');
      expect(baseline.revisionRounds).toBe(1);
      ok(await startMilestone(t, freelancer, baseline.id), 'startMilestone');
      ok(await submitMilestone(t, freelancer, { milestoneId: baseline.id, note: 'Baseline v1' }), 'submitMilestone');
      ok(
        await requestChanges(t, client, { milestoneId: baseline.id, reason: 'Add the calibration plot.' }),
        'requestMilestoneChanges',
      );
      ok(await submitMilestone(t, freelancer, { milestoneId: baseline.id, note: 'Baseline v2' }), 'submitMilestone');
      const refused = await requestChanges(t, client, {
        milestoneId: baseline.id,
        reason: 'Try gradient boosting too.',
      });
      expect(refused.errors?.[0]?.extensions).toMatchObject({
        code: 'REVISION_BUDGET_EXHAUSTED',
        milestoneId: baseline.id,
        revisionRounds: 1,
      });

      // The change order: one more round on the baseline. Version 3 amends the contract
      // in force, which stays version 2 until every party has signed version 3.
      await editLiveBrief(t, client, proposal.id, (doc) => {
        const milestones = doc.getArray<Y.Map<unknown>>('milestones').toArray();
        milestones.find((item) => item.get('id') === 'milestone-1')!.set('revisionRounds', 2);
      });
      const v3 = (await freezeInOrder(client, proposal.id, order)).data!.freezeProposal;
      expect(v3.amends).toEqual({ id: v2.id, number: 2 });
      // The trial's score was written back into the live brief, so the change order records it.
      expect(v3.contentJson.validation.trial).toMatchObject({
        score: 84,
        scoreNote: 'Strong baseline, clear write-up.',
      });
      await signAll(v3, [client]);
      expect((await engagementOf(t, client, proposal.id)).contractInForce?.id).toBe(v2.id);
      await signAll(v3, [freelancer]);

      engagement = await engagementOf(t, client, proposal.id);
      expect(engagement.contractInForce?.id).toBe(v3.id);
      // The trial is done: milestone 0 stays accepted; the baseline keeps its history.
      expect(byItem(engagement.milestones, 'trial').state).toBe('ACCEPTED');
      expect(byItem(engagement.milestones, 'milestone-1')).toMatchObject({
        state: 'SUBMITTED',
        revisionRounds: 2,
        revisionsUsed: 1,
        revisionsLeft: 1,
      });

      // The granted round is used, and the baseline accepted with the churn it reached.
      ok(
        await requestChanges(t, client, { milestoneId: baseline.id, reason: 'Try gradient boosting too.' }),
        'requestMilestoneChanges',
      );
      ok(
        await submitMilestone(t, freelancer, { milestoneId: baseline.id, note: 'Baseline v3, boosted' }),
        'submitMilestone',
      );
      const accepted = ok(
        await acceptMilestone(t, client, {
          milestoneId: baseline.id,
          metrics: [{ metricId: 'metric-1', value: '3.4%' }],
        }),
        'acceptMilestone',
      );
      expect(accepted.metricResults).toEqual([
        { metricId: 'metric-1', name: 'Monthly churn', baseline: '4.1%', target: '3.5%', value: '3.4%', met: true },
      ]);

      // Milestone 2 accepted at once; then the client reviews and the freelancer answers.
      const scoring = byItem(engagement.milestones, 'milestone-2');
      ok(await startMilestone(t, freelancer, scoring.id), 'startMilestone');
      ok(
        await submitMilestone(t, freelancer, { milestoneId: scoring.id, note: 'Nightly job live' }),
        'submitMilestone',
      );
      ok(
        await acceptMilestone(t, client, {
          milestoneId: scoring.id,
          metrics: [{ metricId: 'metric-1', value: '3.7%' }],
        }),
        'acceptMilestone',
      );
      expect((await closeEngagement(t, client, proposal.id)).errors).toBeUndefined();
      const review = await reviewFreelancer(t, client, {
        proposalId: proposal.id,
        freelancerId: freelancer.id,
        wouldHireAgain: true,
        communication: 5,
        note: 'Hit the churn target a month early.',
      });
      expect(review.errors).toBeUndefined();
      const answered = await answerReview(t, freelancer, review.data!.reviewFreelancer.id, 'Thanks, great data team.');
      expect(answered.data?.answerReview.answer).toBe('Thanks, great data team.');

      // The bench: every figure computed from the records, each traced to them.
      const [entry] = await benchOf(t, client);
      expect(entry).toMatchObject({
        freelancer: { id: freelancer.id },
        engagements: 1,
        acceptedOnTime: entry!.milestonesAccepted,
        revisionsUsed: 2,
        metricsMet: 1,
        metricsMeasured: 2,
        trialScores: [84],
        reviews: [{ note: 'Hit the churn target a month early.', answer: 'Thanks, great data team.' }],
      });
      expect(entry!.milestonesAccepted).toBeGreaterThanOrEqual(2);
      expect(entry!.evidence).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ kind: 'ENGAGEMENT', versionId: v3.id }),
          expect.objectContaining({ kind: 'MILESTONE_ACCEPTED', milestoneId: baseline.id }),
          expect.objectContaining({ kind: 'TRIAL_SCORE', milestoneId: trial.id }),
        ]),
      );

      // Everything above is in the audit trail, and checks out …
      const report = (await verify(t, cast.viewer, proposal.id)).data!.verifyProposal;
      expect(report).toMatchObject({ ok: true, versionsChecked: 3, mismatches: [] });
      const passing = await runVerify(t.db.url, proposal.id);
      expect(passing, passing.stderr).toMatchObject({ code: 0 });

      // … until the baseline's acceptance is altered behind the database.
      const acceptance = accepted.submissions.at(-1)!;
      await t.db.query(
        `update "milestone_submissions" set "decided_at" = "decided_at" - interval '9 days' where "id" = $1`,
        [acceptance.id],
      );
      const failing = await runVerify(t.db.url, proposal.id);
      expect(failing, failing.stderr).toMatchObject({ code: 1 });
      expect(failing.stdout).toContain(`MISMATCH: milestone submission ${acceptance.id}`);
    },
    CLI_TIMEOUT * 2,
  );
});
