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
