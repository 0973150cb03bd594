import { weightedTrialScore } from '@brieflock/schema';
import { TextField } from '../components/TextField';
import type { TrackedMilestoneFieldsFragment } from '../gql/graphql';

type Criterion = NonNullable<TrackedMilestoneFieldsFragment['trial']>['rubric'][number];
type Submission = TrackedMilestoneFieldsFragment['submissions'][number];

/** A typed score as a number from 0 to 100, or null while it is blank or out of range. */
export function scoreOf(text: string | undefined): number | null {
  if (text === undefined || text.trim() === '') return null;
  const value = Number(text.trim().replace(',', '.'));
  return Number.isFinite(value) && value >= 0 && value <= 100 ? value : null;
}

/** The weighted score of what was typed so far; null until every weighted criterion has a valid score. */
export function typedTotal(rubric: readonly Criterion[], typed: Record<string, string>): number | null {
  const scores = new Map<string, number>();
  for (const criterion of rubric) {
    const score = scoreOf(typed[criterion.id]);
    if (score !== null) scores.set(criterion.id, score);
  }
  return weightedTrialScore(rubric, scores);
}

/**
 * The typed scores as the accept mutation takes them: a blank or non-numeric one is left
 * out, so the server names the criterion missing; one out of range is sent for it to refuse.
 */
export const rubricInput = (rubric: readonly Criterion[], typed: Record<string, string>) =>
  rubric.flatMap((criterion) => {
    const score = Number((typed[criterion.id] ?? '').trim().replace(',', '.'));
    return (typed[criterion.id] ?? '').trim() === '' || !Number.isFinite(score)
      ? []
      : [{ criterionId: criterion.id, score }];
  });

/**
 * The client's score per rubric criterion when accepting the trial, each beside its
 * weight, and the weighted total as it will be recorded, updated while typing.
 */
export function TrialScoreFields({
  rubric,
  typed,
  onChange,
  error,
}: {
  rubric: readonly Criterion[];
  typed: Record<string, string>;
  onChange: (criterionId: string, text: string) => void;
  error: string | undefined;
}) {
  const total = typedTotal(rubric, typed);
  return (
    <fieldset className="stack-tight trial-scores">
      <legend>Score the trial against its rubric (0–100 each)</legend>
      {rubric.map((criterion) => (
        <TextField
          key={criterion.id}
          label={`${criterion.criterion || 'Unnamed criterion'} (weight ${criterion.weight ?? 0}%)`}
          inputMode="decimal"
          value={typed[criterion.id] ?? ''}
          onChange={(event) => onChange(criterion.id, event.target.value)}
          required
        />
      ))}
      <p className="trial-total" aria-live="polite" data-testid="trial-total">
        {total === null ? 'Weighted score: score every criterion from 0 to 100' : `Weighted score: ${total} / 100`}
      </p>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** An accepted trial's recorded score, and each criterion's, in a submission's history. */
export function TrialResult({ submission }: { submission: Submission }) {
  if (submission.score == null) return null;
  return (
    <div className="trial-result" data-testid="trial-result">
      <p>
        <strong>Trial score: {submission.score} / 100</strong>
      </p>
      {(submission.rubricScores ?? []).length > 0 && (
        <ul className="trial-result-criteria">
          {(submission.rubricScores ?? []).map((row) => (
            <li key={row.criterionId}>
              {row.criterion} ({row.weight ?? 0}%): {row.score}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
