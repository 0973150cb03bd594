import {
  type RubricCriterion,
  TRIAL_FIELDS,
  TRIAL_MAP_KEY,
  type TrialValue,
  type TypedBriefContent,
  weightedTrialScore,
  writeFieldValue,
} from '@brieflock/schema';
import { badInput } from '../../errors.js';
import type { LiveBriefs } from '../briefs/live-briefs.js';
import { addDays } from './due-dates.js';

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

/** One rubric criterion's score, as stored with the accepted submission and in its audit row. */
export interface RubricScore {
  criterionId: string;
  criterion: string;
  weight: number | null;
  score: number;
}

/**
 * The client's scores checked against the signed rubric: every criterion scored once,
 * none unknown (BAD_USER_INPUT naming the field otherwise). Returns the scores in rubric
 * order and the weighted score (null when the rubric carries no weight).
 */
export function scoreTrial(
  rubric: readonly RubricCriterion[],
  given: readonly { criterionId: string; score: number }[] | null,
): { rubricScores: RubricScore[]; score: number | null } {
  const criteria = rubric.filter((criterion): criterion is RubricCriterion & { id: string } => criterion.id !== null);
  if (given === null && criteria.length > 0)
    throw badInput('rubric', 'must score every criterion of the trial’s rubric');
  const known = new Set(criteria.map((criterion) => criterion.id));
  const scores = new Map<string, number>();
  for (const [index, entry] of (given ?? []).entries()) {
    if (!known.has(entry.criterionId))
      throw badInput(`rubric.${index}.criterionId`, 'must name a criterion of the trial’s rubric');
    if (scores.has(entry.criterionId))
      throw badInput(`rubric.${index}.criterionId`, 'names a criterion already scored');
    scores.set(entry.criterionId, entry.score);
  }
  const missing = criteria.filter((criterion) => !scores.has(criterion.id));
  if (missing.length > 0)
    throw badInput(
      'rubric',
      `must score every criterion of the trial’s rubric; missing: ${missing.map((criterion) => criterion.criterion || criterion.id).join(', ')}`,
    );
  return {
    rubricScores: criteria.map((criterion) => ({
      criterionId: criterion.id,
      criterion: criterion.criterion,
      weight: criterion.weight,
      score: scores.get(criterion.id)!,
    })),
    score: weightedTrialScore(criteria, scores),
  };
}

const SCORE_NOTE = TRIAL_FIELDS.find((field) => field.key === 'scoreNote')!;

/**
 * Writes an accepted trial's score and the client's note into the live brief's trial, so
 * the next version frozen records what the validation showed; every connected editor sees
 * it at once. Call it after the accepting transaction committed: the live document's
 * update rows reference the proposal, and storing them waits for the proposal row lock
 * the milestone step holds (FOR UPDATE), so editing inside that transaction would
 * deadlock.
 */
export function recordTrialResult(
  live: LiveBriefs,
  proposalId: string,
  score: number,
  note: string | null,
): Promise<void> {
  return live.edit(proposalId, (doc) => {
    const map = doc.getMap<unknown>(TRIAL_MAP_KEY);
    map.set('score', score);
    writeFieldValue(map, SCORE_NOTE, note ?? '');
  });
}
