import { useEffect, useId, useState, type SubmitEvent } from 'react';
import { LIMITS } from '@brieflock/schema';
import { errorMessage, gql, isAbortError } from '../api';
import { Link, navigate, proposalPath } from '../router';
import type { ProposalSummary } from '../types';
import { DateTime } from '../components/DateTime';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageHeading } from '../components/PageHeading';
import { RoleBadge } from '../participants/RoleBadge';
import { Spinner } from '../components/Spinner';
import { plural } from '../plural';
import { useDocumentTitle } from '../components/useDocumentTitle';

const PROPOSALS_QUERY = `query Proposals {
  proposals { id title createdAt myRole participants { id } }
}`;

const CREATE_PROPOSAL = `mutation CreateProposal($input: CreateProposalInput!) {
  createProposal(input: $input) { id title createdAt myRole participants { id } }
}`;

type ListState =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | { kind: 'ready'; proposals: ProposalSummary[] };

export function Proposals() {
  const [state, setState] = useState<ListState>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useDocumentTitle('Your proposals');

  useEffect(() => {
    const controller = new AbortController();
    gql<{ proposals: ProposalSummary[] }>(PROPOSALS_QUERY, undefined, controller.signal)
      .then(({ proposals }) => setState({ kind: 'ready', proposals }))
      .catch((error: unknown) => {
        if (!isAbortError(error)) setState({ kind: 'failed', message: errorMessage(error) });
      });
    return () => controller.abort();
  }, [attempt]);

  return (
    <div className="page">
      <div className="page-header">
        <PageHeading>Your proposals</PageHeading>
        <p className="lead">
          Each proposal holds one AI project brief that you draft together with the people you invite, then freeze and
          sign.
        </p>
      </div>

      <NewProposalForm />

      <section className="section" aria-labelledby="proposal-list-heading">
        <h2 id="proposal-list-heading" className="section-title">
          All proposals
          {state.kind === 'ready' && state.proposals.length > 0 && (
            <span className="count"> ({state.proposals.length})</span>
          )}
        </h2>
        {state.kind === 'loading' && <Spinner label="Loading your proposals…" />}
        {state.kind === 'failed' && (
          <div className="stack">
            <ErrorAlert message={state.message} />
            <div>
              <button
                type="button"
                className="button button-secondary"
                onClick={() => {
                  setState({ kind: 'loading' });
                  setAttempt((n) => n + 1);
                }}
              >
                Try again
              </button>
            </div>
          </div>
        )}
        {state.kind === 'ready' &&
          (state.proposals.length === 0 ? <EmptyState /> : <ProposalList proposals={state.proposals} />)}
      </section>
    </div>
  );
}

function ProposalList({ proposals }: { proposals: ProposalSummary[] }) {
  return (
    <ul className="proposal-list" role="list">
      {proposals.map((proposal) => (
        <li key={proposal.id} className="proposal-card">
          <h3 className="proposal-card-title">
            <Link to={proposalPath(proposal.id)} className="stretched-link">
              {proposal.title}
            </Link>
          </h3>
          <p className="proposal-card-meta">
            <RoleBadge role={proposal.myRole} />
            <span>{plural(proposal.participants.length, 'participant', 'participants')}</span>
            <span>
              Created <DateTime iso={proposal.createdAt} />
            </span>
          </p>
        </li>
      ))}
    </ul>
  );
}

function EmptyState() {
  return (
    <div className="empty-state">
      <p className="empty-state-title">No proposals yet</p>
      <p>
        A proposal is where a client and freelancers agree on an AI project before work starts. Together you write a
        brief covering the outcome, success metrics, scope, data readiness, milestones and ownership. When everyone
        agrees, the brief is frozen and signed, so there is one version both sides stand behind.
      </p>
      <p>Create your first proposal above, or ask a client to invite you to theirs.</p>
    </div>
  );
}

function NewProposalForm() {
  const [title, setTitle] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  const onSubmit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    const trimmed = title.trim();
    if (!trimmed) {
      setError('Enter a title for the proposal.');
      return;
    }
    setPending(true);
    setError(null);
    try {
      const data = await gql<{ createProposal: ProposalSummary }>(CREATE_PROPOSAL, { input: { title: trimmed } });
      navigate(proposalPath(data.createProposal.id));
    } catch (caught) {
      setError(errorMessage(caught));
      setPending(false);
    }
  };

  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="card-title">
        New proposal
      </h2>
      <p className="card-text">You will be the client on it and can invite freelancers and viewers.</p>
      <form className="inline-form" onSubmit={onSubmit}>
        <ErrorAlert message={error} />
        <div className="field field-grow">
          <label htmlFor={`${id}-title`}>Proposal title</label>
          <input
            id={`${id}-title`}
            name="title"
            type="text"
            required
            maxLength={LIMITS.proposalTitleMaxLength}
            placeholder="e.g. Support ticket triage model"
            value={title}
            onChange={(e) => setTitle(e.target.value)}
          />
        </div>
        <button type="submit" className="button button-primary" disabled={pending} aria-busy={pending}>
          Create proposal
        </button>
      </form>
    </section>
  );
}
