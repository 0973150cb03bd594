import { type FormEvent, useState } from 'react';
import { useMutation } from 'urql';
import { dataOrThrow, refusal } from '../api';
import { DateTime, formatDay } from '../components/DateTime';
import { ErrorAlert } from '../components/ErrorAlert';
import { TextAreaField, TextField } from '../components/TextField';
import type { TrackedMilestoneFieldsFragment } from '../gql/graphql';
import {
  AcceptMilestoneMutation,
  RequestMilestoneChangesMutation,
  StartMilestoneMutation,
  SubmitMilestoneMutation,
} from '../operations/engagement';
import { MILESTONE_STATE_LABELS, linksOf, revisionBudget } from './labels';
import { TrialResult, TrialScoreFields, rubricInput } from './TrialScores';

export interface SignedMetric {
  id: string;
  name: string;
  baseline: string;
  target: string;
}

interface Props {
  milestone: TrackedMilestoneFieldsFragment;
  /** The milestone's signed terms the tracked row does not carry. */
  terms: { payment: string; acceptanceCriteria: string } | null;
  metrics: readonly SignedMetric[];
  role: string | null;
  /** The client closed the engagement: the card shows the record, without actions. */
  closed: boolean;
  onDone: (message: string) => void;
}

type Refusal = { field: string | null; message: string } | null;

/** One milestone of the contract in force: its terms, budget, history and what the viewer may do next. */
export function MilestoneCard({ milestone, terms, metrics, role, closed, onDone }: Props) {
  const titleId = `milestone-${milestone.id}-title`;
  const latest = milestone.submissions.at(-1) ?? null;
  // The trial's terms are its own (task, pay, rubric), not a milestone item's.
  const shown = milestone.trial
    ? {
        payment: milestone.trial.paidAmount,
        acceptanceCriteria: milestone.trial.rubric
          .map((criterion) => `${criterion.criterion} (${criterion.weight ?? 0}%)`)
          .join('\n'),
      }
    : terms;
  return (
    <li className="card milestone-card" aria-labelledby={titleId} data-milestone={milestone.itemId}>
      <header className="milestone-head">
        <h3 id={titleId} className="milestone-title">
          {milestone.title || 'Untitled milestone'}
        </h3>
        {milestone.isTrial && (
          <span className="badge badge-trial" data-testid="milestone-trial">
            Trial
          </span>
        )}
        <span className="badge" data-state={milestone.state} data-testid="milestone-state">
          {MILESTONE_STATE_LABELS[milestone.state]}
        </span>
        {milestone.overdue && (
          <span className="badge badge-warning" data-testid="milestone-overdue">
            Overdue
          </span>
        )}
      </header>
      <dl className="milestone-terms">
        <div>
          <dt>Due</dt>
          <dd>{milestone.dueDate ? formatDay(milestone.dueDate) : 'No due date'}</dd>
        </div>
        <div>
          <dt>Payment</dt>
          <dd>{shown?.payment.trim() ? shown.payment : 'Not stated'}</dd>
        </div>
        <div>
          <dt>Revisions</dt>
          <dd data-testid="milestone-revisions">
            {revisionBudget(milestone.revisionsUsed, milestone.revisionRounds, milestone.revisionsLeft)}
          </dd>
        </div>
        {shown?.acceptanceCriteria.trim() && (
          <div className="milestone-terms-wide">
            <dt>{milestone.isTrial ? 'Rubric' : 'Acceptance criteria'}</dt>
            <dd className="prewrap">{shown.acceptanceCriteria}</dd>
          </div>
        )}
      </dl>
      {milestone.submissions.length > 0 && <History milestone={milestone} />}
      {milestone.metricResults.length > 0 && <MetricResults milestone={milestone} />}
      {/* A closed engagement's record stands: nobody works on its milestones any more. */}
      {role === 'FREELANCER' && !closed && <FreelancerActions milestone={milestone} onDone={onDone} />}
      {role === 'CLIENT' && !closed && milestone.state === 'SUBMITTED' && latest && (
        <ClientDecision milestone={milestone} metrics={metrics} onDone={onDone} />
      )}
    </li>
  );
}

function History({ milestone }: { milestone: TrackedMilestoneFieldsFragment }) {
  return (
    <ol className="milestone-history" aria-label={`Submissions of ${milestone.title}`}>
      {milestone.submissions.map((submission, index) => (
        <li key={submission.id} data-testid="milestone-submission">
          <p>
            <strong>Submission {index + 1}</strong> · <DateTime iso={submission.submittedAt} />
          </p>
          <p className="prewrap">{submission.note}</p>
          {submission.links.length > 0 && (
            <ul className="milestone-links">
              {submission.links.map((link) => (
                <li key={link}>
                  <a href={link} target="_blank" rel="noreferrer noopener">
                    {link}
                  </a>
                </li>
              ))}
            </ul>
          )}
          {submission.decision === 'CHANGES_REQUESTED' && (
            <p className="milestone-decision" data-decision="CHANGES_REQUESTED">
              Changes requested
              {submission.decidedAt && (
                <>
                  {' '}
                  · <DateTime iso={submission.decidedAt} />
                </>
              )}
              : <span className="prewrap">{submission.reason}</span>
            </p>
          )}
          {submission.decision === 'ACCEPTED' && (
            <p className="milestone-decision" data-decision="ACCEPTED">
              Accepted
              {submission.decidedAt && (
                <>
                  {' '}
                  · <DateTime iso={submission.decidedAt} />
                </>
              )}
              {submission.reason && (
                <>
                  : <span className="prewrap">{submission.reason}</span>
                </>
              )}
            </p>
          )}
          {submission.decision === 'ACCEPTED' && <TrialResult submission={submission} />}
        </li>
      ))}
    </ol>
  );
}

function MetricResults({ milestone }: { milestone: TrackedMilestoneFieldsFragment }) {
  return (
    <table className="table milestone-metrics">
      <caption>Metrics measured on acceptance</caption>
      <thead>
        <tr>
          <th scope="col">Metric</th>
          <th scope="col">Baseline</th>
          <th scope="col">Target</th>
          <th scope="col">Measured</th>
          <th scope="col">Result</th>
        </tr>
      </thead>
      <tbody>
        {milestone.metricResults.map((result) => (
          <tr key={result.metricId} data-metric={result.metricId}>
            <td>{result.name}</td>
            <td>{result.baseline ?? '—'}</td>
            <td>{result.target ?? '—'}</td>
            <td>{result.value}</td>
            <td data-met={String(result.met)}>
              {result.met === null ? 'Not comparable' : result.met ? 'Met' : 'Not met'}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function FreelancerActions({
  milestone,
  onDone,
}: {
  milestone: TrackedMilestoneFieldsFragment;
  onDone: (message: string) => void;
}) {
  const [, start] = useMutation(StartMilestoneMutation);
  const [, submit] = useMutation(SubmitMilestoneMutation);
  const [note, setNote] = useState('');
  const [links, setLinks] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Refusal>(null);

  if (milestone.state === 'PLANNED') {
    return (
      <div className="milestone-actions">
        <button
          type="button"
          className="button button-small"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            setProblem(null);
            try {
              dataOrThrow(await start({ milestoneId: milestone.id }));
              onDone(`You started “${milestone.title}”.`);
            } catch (caught) {
              setProblem(refusal(caught, []));
            } finally {
              setBusy(false);
            }
          }}
        >
          Start work
        </button>
        <ErrorAlert message={problem?.message ?? null} />
      </div>
    );
  }
  if (milestone.state !== 'IN_PROGRESS' && milestone.state !== 'CHANGES_REQUESTED') return null;

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      dataOrThrow(await submit({ input: { milestoneId: milestone.id, note, links: linksOf(links) } }));
      setNote('');
      setLinks('');
      onDone(`You submitted “${milestone.title}” for review.`);
    } catch (caught) {
      setProblem(refusal(caught, ['note', 'links']));
    } finally {
      setBusy(false);
    }
  }
  const linksError = problem?.field === 'links' || problem?.field?.startsWith('links.') ? problem.message : undefined;
  return (
    <form className="milestone-form stack-tight" onSubmit={onSubmit} noValidate>
      <TextAreaField
        label="What you deliver"
        value={note}
        onChange={(event) => setNote(event.target.value)}
        error={problem?.field === 'note' ? problem.message : undefined}
        rows={3}
        required
      />
      <TextAreaField
        label="Links (one per line)"
        hint="Where the client can see the work: a repository, a report, a demo."
        value={links}
        onChange={(event) => setLinks(event.target.value)}
        error={linksError}
        rows={2}
      />
      {problem && problem.field === null && <ErrorAlert message={problem.message} />}
      <button type="submit" className="button button-small" disabled={busy}>
        {milestone.state === 'CHANGES_REQUESTED' ? 'Submit the revision' : 'Submit for review'}
      </button>
    </form>
  );
}

function ClientDecision({
  milestone,
  metrics,
  onDone,
}: {
  milestone: TrackedMilestoneFieldsFragment;
  metrics: readonly SignedMetric[];
  onDone: (message: string) => void;
}) {
  const [, accept] = useMutation(AcceptMilestoneMutation);
  const [, requestChanges] = useMutation(RequestMilestoneChangesMutation);
  const [values, setValues] = useState<Record<string, string>>({});
  const [scores, setScores] = useState<Record<string, string>>({});
  const [acceptNote, setAcceptNote] = useState('');
  const [reason, setReason] = useState('');
  const rubric = milestone.trial?.rubric ?? [];
  const rubricFields = [
    'rubric',
    ...rubric.flatMap((_, index) => [`rubric.${index}.criterionId`, `rubric.${index}.score`]),
  ];
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Refusal>(null);
  const exhausted = milestone.revisionsLeft === 0;

  async function onAccept(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      const measured = metrics
        .filter((metric) => (values[metric.id] ?? '').trim() !== '')
        .map((metric) => ({ metricId: metric.id, value: values[metric.id]!.trim() }));
      const note = acceptNote.trim() === '' ? null : acceptNote;
      dataOrThrow(
        await accept({
          input: {
            milestoneId: milestone.id,
            metrics: measured,
            note,
            ...(milestone.isTrial ? { rubric: rubricInput(rubric, scores) } : {}),
          },
        }),
      );
      onDone(`You accepted “${milestone.title}”.`);
    } catch (caught) {
      setProblem(refusal(caught, ['note', ...rubricFields]));
    } finally {
      setBusy(false);
    }
  }

  async function onRequest(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      dataOrThrow(await requestChanges({ input: { milestoneId: milestone.id, reason } }));
      setReason('');
      onDone(`You requested changes on “${milestone.title}”.`);
    } catch (caught) {
      setProblem(refusal(caught, ['reason']));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="milestone-decide">
      <form className="milestone-form stack-tight" onSubmit={onAccept} aria-label={`Accept ${milestone.title}`}>
        {metrics.length > 0 && (
          <fieldset className="stack-tight">
            <legend>Measured values (optional)</legend>
            {metrics.map((metric) => (
              <TextField
                key={metric.id}
                label={`${metric.name} (baseline ${metric.baseline || '—'}, target ${metric.target || '—'})`}
                value={values[metric.id] ?? ''}
                onChange={(event) => setValues((current) => ({ ...current, [metric.id]: event.target.value }))}
              />
            ))}
          </fieldset>
        )}
        {milestone.isTrial && (
          <TrialScoreFields
            rubric={rubric}
            typed={scores}
            onChange={(criterionId, text) => setScores((current) => ({ ...current, [criterionId]: text }))}
            error={problem?.field?.startsWith('rubric') ? problem.message : undefined}
          />
        )}
        <TextAreaField
          label={milestone.isTrial ? 'Your note on the result (optional)' : 'Note on accepting (optional)'}
          hint={milestone.isTrial ? 'Recorded with the score in the brief’s validation.' : undefined}
          value={acceptNote}
          onChange={(event) => setAcceptNote(event.target.value)}
          error={problem?.field === 'note' ? problem.message : undefined}
          rows={2}
        />
        <button type="submit" className="button button-small" disabled={busy}>
          {milestone.isTrial ? 'Accept and record the score' : 'Accept milestone'}
        </button>
      </form>
      <form
        className="milestone-form stack-tight"
        onSubmit={onRequest}
        aria-label={`Request changes on ${milestone.title}`}
        noValidate
      >
        <TextAreaField
          label="What should change"
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          error={problem?.field === 'reason' ? problem.message : undefined}
          hint={
            exhausted
              ? 'Every signed revision round is used: more rounds take a change order to the contract.'
              : `This uses one of ${milestone.revisionsLeft} revision ${milestone.revisionsLeft === 1 ? 'round' : 'rounds'} left.`
          }
          rows={2}
          disabled={exhausted}
        />
        <button type="submit" className="button button-secondary button-small" disabled={busy || exhausted}>
          Request changes
        </button>
      </form>
      {problem && problem.field === null && <ErrorAlert message={problem.message} />}
    </div>
  );
}
