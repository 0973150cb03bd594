import { describe, expect, it } from 'vitest';
import { useTestApp } from '../support/app.js';
import { completeBrief } from '../support/brief.js';
import { freezeOk, sign, writeLiveBrief } from '../support/contract.js';
import { benchOf, closeEngagement, reviewFreelancer, signedCast } from '../support/reviews.js';
import { addParticipant, makeProposal, makeUser, type TestUser } from '../support/factories.js';

const t = useTestApp();

/**
 * Milestone records of an engagement. In production signing tracks the milestones and
 * the milestone mutations (start, submit, request changes, accept) write the rest; here
 * they are written directly (over the tracked rows) to check the bench's arithmetic.
 */
async function recordMilestones(proposalId: string, versionId: string, freelancerId: string, clientId: string) {
  const milestone = async (itemId: string, values: Record<string, unknown>) => {
    const row = {
      title: itemId,
      due_date: null,
      revision_rounds: 0,
      is_trial: false,
      state: 'ACCEPTED',
      accepted_at: new Date(),
      ...values,
    };
    const { rows } = await t.db.query<{ id: string }>(
      `insert into tracked_milestones (id, proposal_id, item_id, version_id, position, title, due_date, acceptance_criteria, payment, revision_rounds, is_trial, state, created_at, accepted_at)
       values (gen_random_uuid(), $1, $2, $3, 0, $4, $5, 'criteria', '10%', $6, $7, $8, now(), $9)
       on conflict on constraint "tracked_milestones_item_unique" do update set "title" = excluded."title", "due_date" = excluded."due_date",
         "revision_rounds" = excluded."revision_rounds", "is_trial" = excluded."is_trial", "state" = excluded."state", "accepted_at" = excluded."accepted_at"
       returning id`,
      [
        proposalId,
        itemId,
        versionId,
        row.title,
        row.due_date,
        row.revision_rounds,
        row.is_trial,
        row.state,
        row.accepted_at,
      ],
    );
    return rows[0]!.id;
  };
  const submission = async (milestoneId: string, number: number, decision: string, score: number | null = null) => {
    const { rows } = await t.db.query<{ id: string }>(
      `insert into milestone_submissions (id, milestone_id, proposal_id, number, submitted_by_id, note, links, submitted_at, decision, decided_by_id, decided_at, score)
       values (gen_random_uuid(), $1, $2, $3, $4, 'delivered', '{}', now(), $5, $6, now() + make_interval(secs => $3::int), $7) returning id`,
      [milestoneId, proposalId, number, freelancerId, decision, clientId, score],
    );
    return rows[0]!.id;
  };
  // Accepted by its due date, after one request for changes; two metrics measured, one met.
  const onTime = await milestone('milestone-1', {
    title: 'Baseline model',
    due_date: '2099-03-01',
    revision_rounds: 1,
  });
  await submission(onTime, 1, 'CHANGES_REQUESTED');
  const accepting = await submission(onTime, 2, 'ACCEPTED');
  for (const [metricId, met] of [
    ['metric-1', true],
    ['metric-2', false],
  ] as const) {
    await t.db.query(
      `insert into metric_results (id, submission_id, milestone_id, proposal_id, metric_id, name, baseline, target, value, met, recorded_at)
       values (gen_random_uuid(), $1, $2, $3, $4, $5, '4.1%', '3.5%', '3.4%', $6, now())`,
      [accepting, onTime, proposalId, metricId, metricId, met],
    );
  }
  // Accepted after its due date.
  const late = await milestone('milestone-2', {
    title: 'Production scoring',
    due_date: '2000-01-01',
    revision_rounds: 2,
  });
  await submission(late, 1, 'ACCEPTED');
  // Removed by a change order: its rounds are not in the budget.
  await milestone('milestone-3', { state: 'REMOVED', accepted_at: null, revision_rounds: 5 });
  // The trial, accepted with a score, no due date.
  const trial = await milestone('trial', { title: 'Trial', is_trial: true });
  await submission(trial, 1, 'ACCEPTED', 0.8);
  return { onTime, accepting, late, trial };
}

describe('myBench', () => {
  it('lists the freelancer a client signed with, with figures from the records and the review', async () => {
    const { client, freelancer, viewer, proposal, v1 } = await signedCast(t);
    const ids = await recordMilestones(proposal.id, v1.id, freelancer.id, client.id);
    expect((await closeEngagement(t, client, proposal.id)).errors).toBeUndefined();
    const review = await reviewFreelancer(t, client, { proposalId: proposal.id, freelancerId: freelancer.id });
    expect(review.errors).toBeUndefined();

    const [entry, ...others] = await benchOf(t, client);
    expect(others).toEqual([]);
    expect(entry).toMatchObject({
      freelancer: { id: freelancer.id, name: freelancer.name },
      engagements: 1,
      milestonesAccepted: 3,
      acceptedOnTime: 2,
      revisionsUsed: 1,
      revisionsBudgeted: 3,
      metricsMet: 1,
      metricsMeasured: 2,
      trialScores: [0.8],
      proposals: [{ id: proposal.id }],
      reviews: [{ id: review.data!.reviewFreelancer.id, author: { id: client.id }, freelancer: { id: freelancer.id } }],
    });
    // Each figure leads back to its version, milestone and submission.
    expect(entry!.evidence).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'ENGAGEMENT', proposalId: proposal.id, versionId: v1.id }),
        expect.objectContaining({
          kind: 'MILESTONE_ACCEPTED',
          milestoneId: ids.onTime,
          submissionId: ids.accepting,
          versionId: v1.id,
          met: true,
        }),
        expect.objectContaining({ kind: 'MILESTONE_ACCEPTED', milestoneId: ids.late, met: false }),
        expect.objectContaining({ kind: 'CHANGES_REQUESTED', milestoneId: ids.onTime }),
        expect.objectContaining({ kind: 'METRIC_RESULT', submissionId: ids.accepting, met: true }),
        expect.objectContaining({ kind: 'TRIAL_SCORE', milestoneId: ids.trial, score: 0.8 }),
      ]),
    );
    expect(entry!.evidence.filter((e) => e.kind === 'METRIC_RESULT')).toHaveLength(2);

    // Nobody else's bench shows it: not the freelancer's, a viewer's, or another client's.
    const otherClient = await makeUser(t.api);
    await makeProposal(t.api, otherClient);
    expect(await benchOf(t, otherClient)).toEqual([]);
    expect(await benchOf(t, freelancer)).toEqual([]);
    expect(await benchOf(t, viewer)).toEqual([]);
  });

  it('costs the same number of statements for one engagement as for three', async () => {
    const statementsOf = async (user: TestUser) => {
      t.queries.length = 0;
      const entries = await benchOf(t, user);
      return { entries: entries.length, statements: t.queries.filter((sql) => !/^(begin|commit)/i.test(sql)).length };
    };
    const one = await signedCast(t);
    const few = await statementsOf(one.client);
    for (let i = 0; i < 2; i += 1) {
      const proposal = await makeProposal(t.api, one.client);
      const freelancer = await makeUser(t.api);
      expect((await addParticipant(t.api, one.client, proposal.id, freelancer, 'FREELANCER')).errors).toBeUndefined();
      await writeLiveBrief(t, one.client, proposal.id, completeBrief());
      const v = await freezeOk(t, one.client, proposal.id);
      for (const user of [one.client, freelancer])
        expect((await sign(t, user, v.id, v.contentHash)).errors).toBeUndefined();
    }
    const many = await statementsOf(one.client);
    expect(few.entries).toBe(1);
    expect(many.entries).toBe(3);
    expect(many.statements).toBe(few.statements);
  });

  it('filters by whole skill words in the team and deliverables of the contract in force', async () => {
    const { client, freelancer } = await signedCast(t);
    const benchFor = async (skill: string) => (await benchOf(t, client, skill)).map((e) => e.freelancer.id);

    expect(await benchFor('ML engineer')).toEqual([freelancer.id]);
    expect(await benchFor('mlops')).toEqual([freelancer.id]);
    expect(await benchFor('ETL')).toEqual([freelancer.id]); // a responsibility
    expect(await benchFor('churn')).toEqual([freelancer.id]); // a deliverable's title
    expect(await benchFor('nightly')).toEqual([freelancer.id]); // a deliverable's description
    expect(await benchFor('engine')).toEqual([]); // not a whole word
    expect(await benchFor('kubernetes')).toEqual([]);
    expect(await benchFor('ml kubernetes')).toEqual([]); // every word must be there
    expect(await benchFor('Slack')).toEqual([]); // the communication section does not count
    expect(await benchFor('   ')).toEqual([freelancer.id]);
    // Characters that mean something to a pattern or an array literal are matched as themselves.
    expect(await benchFor('c++ "x\\ (ml')).toEqual([]);
    expect(await benchFor('.*')).toEqual([]);
  });

  it('counts only signed engagements, each with its own contract for the skill filter', async () => {
    const { client, freelancer, proposal } = await signedCast(t);
    const design = completeBrief();
    design.team = [{ id: 'team-1', role: 'Product designer', responsibility: 'Dashboard mock-ups', member: 'Dee' }];
    design.deliverables = [
      { id: 'deliverable-1', title: 'Dashboard', description: 'Figma file', acceptance: 'Signed off by ops' },
    ];
    const second = await makeProposal(t.api, client);
    expect((await addParticipant(t.api, client, second.id, freelancer, 'FREELANCER')).errors).toBeUndefined();
    await writeLiveBrief(t, client, second.id, design);
    const frozen = await freezeOk(t, client, second.id);

    // Frozen, not signed by everyone: not an engagement yet.
    expect((await benchOf(t, client)).map((e) => e.engagements)).toEqual([1]);

    for (const user of [client, freelancer])
      expect((await sign(t, user, frozen.id, frozen.contentHash)).errors).toBeUndefined();
    const [both] = await benchOf(t, client);
    expect(both!.engagements).toBe(2);
    expect(both!.proposals.map((p) => p.id).sort()).toEqual([proposal.id, second.id].sort());

    const [designOnly] = await benchOf(t, client, 'designer');
    expect(designOnly).toMatchObject({ engagements: 1, proposals: [{ id: second.id }] });
    expect(designOnly!.evidence).toEqual([expect.objectContaining({ kind: 'ENGAGEMENT', versionId: frozen.id })]);
  });
});
