import { describe, expect, it } from 'vitest';
import { TRIAL_MAP_KEY, TRIAL_RUBRIC_KEY } from '@brieflock/schema';
import { useTestApp } from '../support/app.js';
import { sampleTrial, writeTrial } from '../support/brief.js';
import { editLiveBrief, readyCast } from '../support/contract.js';
import { engagementOf, executeVersion } from '../support/engagement.js';

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
});
