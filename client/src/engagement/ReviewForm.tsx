import { type FormEvent, useId, useState } from 'react';
import { useMutation } from 'urql';
import { COMMUNICATION_MAX, COMMUNICATION_MIN } from '@brieflock/schema';
import { dataOrThrow, refusal } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { SelectField } from '../components/SelectField';
import { TextAreaField } from '../components/TextField';
import { ReviewFreelancerMutation } from '../operations/reviews';

const SCORES = Array.from({ length: COMMUNICATION_MAX - COMMUNICATION_MIN + 1 }, (_, i) => COMMUNICATION_MIN + i);
const scoreLabel = (score: number) =>
  score === COMMUNICATION_MIN
    ? `${score} (poor)`
    : score === COMMUNICATION_MAX
      ? `${score} (excellent)`
      : String(score);

type Problem = { field: string | null; message: string } | null;

interface Props {
  proposalId: string;
  freelancer: { id: string; name: string };
  onDone: (message: string) => void;
}

/**
 * A client's review of one freelancer: would they hire them again, how was communication,
 * and a note. A refusal is shown beside the field the server named; what was typed stays.
 */
export function ReviewForm({ proposalId, freelancer, onDone }: Props) {
  const id = useId();
  const [, review] = useMutation(ReviewFreelancerMutation);
  const [hireAgain, setHireAgain] = useState<boolean | null>(null);
  const [communication, setCommunication] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem>(null);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    // The API takes a yes or no and a whole score: without one there is nothing to send.
    if (hireAgain === null) return setProblem({ field: 'wouldHireAgain', message: 'Choose yes or no.' });
    if (communication === '')
      return setProblem({
        field: 'communication',
        message: `Choose a score from ${COMMUNICATION_MIN} to ${COMMUNICATION_MAX}.`,
      });
    setBusy(true);
    setProblem(null);
    try {
      dataOrThrow(
        await review({
          input: {
            proposalId,
            freelancerId: freelancer.id,
            wouldHireAgain: hireAgain,
            communication: Number(communication),
            note,
          },
        }),
      );
      onDone(`You reviewed ${freelancer.name}.`);
    } catch (caught) {
      setProblem(refusal(caught, ['wouldHireAgain', 'communication', 'note']));
      setBusy(false);
    }
  }

  const errorOf = (field: string) => (problem?.field === field ? problem.message : undefined);
  const hireError = errorOf('wouldHireAgain');
  return (
    <form className="review-form stack-tight" onSubmit={onSubmit} aria-labelledby={`${id}-title`} noValidate>
      <h3 id={`${id}-title`} className="review-title">
        Review {freelancer.name}
      </h3>
      <fieldset
        className="field review-choice"
        aria-invalid={hireError ? true : undefined}
        aria-describedby={hireError ? `${id}-hire-error` : undefined}
      >
        <legend>Would you hire {freelancer.name} again?</legend>
        <label>
          <input type="radio" name={`${id}-hire`} checked={hireAgain === true} onChange={() => setHireAgain(true)} />
          <span>Yes</span>
        </label>
        <label>
          <input type="radio" name={`${id}-hire`} checked={hireAgain === false} onChange={() => setHireAgain(false)} />
          <span>No</span>
        </label>
        {hireError && (
          <p id={`${id}-hire-error`} className="field-error">
            {hireError}
          </p>
        )}
      </fieldset>
      <SelectField
        label="Communication"
        value={communication}
        onChange={(event) => setCommunication(event.target.value)}
        error={errorOf('communication')}
      >
        <option value="">Choose a score</option>
        {SCORES.map((score) => (
          <option key={score} value={String(score)}>
            {scoreLabel(score)}
          </option>
        ))}
      </SelectField>
      <TextAreaField
        label="Note"
        hint="What went well, and what could have gone better. The freelancer can answer it once."
        value={note}
        onChange={(event) => setNote(event.target.value)}
        error={errorOf('note')}
        rows={3}
        required
      />
      {problem && problem.field === null && <ErrorAlert message={problem.message} />}
      <div>
        <button type="submit" className="button button-primary button-small" disabled={busy} aria-busy={busy}>
          Submit review
        </button>
      </div>
    </form>
  );
}
