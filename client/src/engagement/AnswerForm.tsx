import { type FormEvent, useState } from 'react';
import { useMutation } from 'urql';
import { dataOrThrow, refusal } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { TextAreaField } from '../components/TextField';
import { AnswerReviewMutation } from '../operations/reviews';

type Problem = { field: string | null; message: string } | null;

/** The reviewed freelancer's one answer to a review; a refusal keeps what was typed. */
export function AnswerForm({ reviewId, onDone }: { reviewId: string; onDone: (message: string) => void }) {
  const [, answer] = useMutation(AnswerReviewMutation);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem>(null);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      dataOrThrow(await answer({ input: { reviewId, answer: text } }));
      onDone('You answered the review.');
    } catch (caught) {
      setProblem(refusal(caught, ['answer']));
      setBusy(false);
    }
  }

  return (
    <form className="answer-form stack-tight" onSubmit={onSubmit} aria-label="Answer the review" noValidate>
      <TextAreaField
        label="Your answer"
        hint="You can answer once; the client and everyone on the proposal see it."
        value={text}
        onChange={(event) => setText(event.target.value)}
        error={problem?.field === 'answer' ? problem.message : undefined}
        rows={2}
        required
      />
      {problem && problem.field === null && <ErrorAlert message={problem.message} />}
      <div>
        <button type="submit" className="button button-small" disabled={busy} aria-busy={busy}>
          Answer
        </button>
      </div>
    </form>
  );
}
