import type { MilestoneState } from '../gql/graphql';

/** A tracked milestone's state, as the parties read it. */
export const MILESTONE_STATE_LABELS: Record<MilestoneState, string> = {
  PLANNED: 'Planned',
  IN_PROGRESS: 'In progress',
  SUBMITTED: 'Submitted for review',
  CHANGES_REQUESTED: 'Changes requested',
  ACCEPTED: 'Accepted',
  REMOVED: 'Removed by a change order',
};

/** "1 of 2 revision rounds used, 1 left" — the signed budget at a glance. */
export function revisionBudget(used: number, rounds: number, left: number): string {
  const noun = rounds === 1 ? 'revision round' : 'revision rounds';
  return `${used} of ${rounds} ${noun} used, ${left} left`;
}

/** The links of a delivery as typed, one per line (blank lines dropped). */
export const linksOf = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
