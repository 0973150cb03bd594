import type { TrialValue, TypedBriefContent } from '@brieflock/schema';

/** The terms a milestone is tracked with, as the executed version states them. */
export interface MilestoneTerms {
  title: string;
  dueDate: string | null;
  acceptanceCriteria: string;
  payment: string;
  revisionRounds: number;
}

/** The trial of a frozen version's validation that is still to run: written, and not scored yet. */
export const unscoredTrialOf = (content: TypedBriefContent): TrialValue | null => {
  const trial = content.validation?.trial;
  return trial && trial.score == null ? trial : null;
};

/** `day` (YYYY-MM-DD) plus `days`, in UTC. */
const addDays = (day: string, days: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * The trial's terms as milestone 0: due its time box after the day it started running
 * (`startedOn`, the day its first executed version was signed, so a later change order
 * does not stretch the box), paid its trial amount, with no revision rounds (a trial
 * shows what the freelancer delivers in the box) and the weighted rubric as its
 * acceptance criteria.
 */
export function trialTermsOf(trial: TrialValue, startedOn: string): MilestoneTerms {
  const task = trial.task.trim().split('\n')[0]!.trim();
  const rubric = trial.rubric
    .filter((criterion) => criterion.criterion.trim() !== '')
    .map((criterion) => `${criterion.criterion.trim()} (${criterion.weight ?? 0}%)`);
  return {
    title: task === '' ? 'Trial' : `Trial: ${task}`,
    dueDate: trial.timeBoxDays === null ? null : addDays(startedOn, Math.max(0, trial.timeBoxDays)),
    acceptanceCriteria: rubric.join('\n'),
    payment: trial.paidAmount,
    revisionRounds: 0,
  };
}
