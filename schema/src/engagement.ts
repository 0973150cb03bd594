/**
 * The engagement after signing: milestones tracked against the contract in force.
 *
 * A tracked milestone is identified by the id of the milestone item in the brief, so a
 * change order (a later executed version) carries it over: an accepted milestone stays
 * accepted, one the new version drops is closed as REMOVED, a new one starts PLANNED.
 *
 * PLANNED → IN_PROGRESS → SUBMITTED → ACCEPTED, or SUBMITTED → CHANGES_REQUESTED →
 * SUBMITTED … Each request for changes uses one of the milestone's signed revision rounds.
 */
export const MILESTONE_STATES = [
  'PLANNED',
  'IN_PROGRESS',
  'SUBMITTED',
  'CHANGES_REQUESTED',
  'ACCEPTED',
  'REMOVED',
] as const;
export type MilestoneState = (typeof MILESTONE_STATES)[number];

/** What a client decided on a submission. */
export const SUBMISSION_DECISIONS = ['ACCEPTED', 'CHANGES_REQUESTED'] as const;
export type SubmissionDecision = (typeof SUBMISSION_DECISIONS)[number];

/** The item id of the trial task when it runs as milestone 0, before the full contract. */
export const TRIAL_MILESTONE_ITEM_ID = 'trial';

/** A review's communication score: 1 (poor) to 5 (excellent). */
export const COMMUNICATION_MIN = 1;
export const COMMUNICATION_MAX = 5;

/** The first number written in `text` ("3.5%" → 3.5, "1,200 users" → 1200); null when there is none. */
export function numberIn(text: string | null | undefined): number | null {
  if (text == null) return null;
  const match = /[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[-+]?\.\d+/.exec(text);
  if (!match) return null;
  const value = Number(match[0].replaceAll(',', ''));
  return Number.isFinite(value) ? value : null;
}

/**
 * Whether a measured value reaches a success metric's target, read from the numbers in
 * them: when the target is below the baseline lower is better (churn), otherwise higher is
 * (accuracy). Null when the value or the target holds no number.
 */
export function metricMet(value: string, target: string | null, baseline: string | null): boolean | null {
  const measured = numberIn(value);
  const goal = numberIn(target);
  if (measured === null || goal === null) return null;
  const start = numberIn(baseline);
  const lowerIsBetter = start !== null && goal < start;
  return lowerIsBetter ? measured <= goal : measured >= goal;
}

/** What a submission and the decision on it may hold. */
export const ENGAGEMENT_LIMITS = {
  noteMaxLength: 10_000,
  reasonMaxLength: 10_000,
  linksMax: 20,
  linkMaxLength: 2048,
  metricValueMaxLength: 500,
  acceptNoteMaxLength: 2000,
} as const;
