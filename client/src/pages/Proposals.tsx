import { useId, useRef, useState, type SubmitEvent } from 'react';
import { LIMITS } from '@brieflock/schema';
import { useMutation, useQuery } from 'urql';
import { dataOrThrow, errorMessage } from '../api';
import { Link, useNavigate } from '@tanstack/react-router';
import type { ProposalSummaryFieldsFragment as ProposalSummary } from '../gql/graphql';
import { CreateProposalMutation, ProposalsQuery } from '../operations/proposals';
import { DateTime } from '../components/DateTime';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageHeading } from '../components/PageHeading';
import { RoleBadge } from '../participants/RoleBadge';
import { Spinner } from '../components/Spinner';
import { TextField } from '../components/TextField';
import { plural } from '../plural';
import { MyInvitations } from './MyInvitations';
import { ArchiveSwitch, ProposalStanding } from '../manage/ProposalStanding';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { TemplateGallery } from '../templates/TemplateGallery';

export function Proposals() {
  const [archived, setArchived] = useState(false);
  // Shown from the cache at once, and read again on every visit: others may have invited you.
  const [{ data, fetching, error }, reexecute] = useQuery({
    query: ProposalsQuery,
    variables: { archived },
    requestPolicy: 'cache-and-network',
  });
  const proposals = data?.proposals;
  useDocumentTitle('Your proposals');

  return (
    <div className="page">
      <div className="page-header">
        <PageHeading>Your proposals</PageHeading>
        <p className="lead">
          Each proposal holds one AI project brief that you draft together with the people you invite, then freeze and
          sign.
        </p>
      </div>

      <MyInvitations />

      <NewProposalForm />

      <TemplateGallery />

      <section className="section" aria-labelledby="proposal-list-heading">
        <h2 id="proposal-list-heading" className="section-title">
          {archived ? 'Archived proposals' : 'All proposals'}
          {proposals && proposals.length > 0 && <span className="count"> ({proposals.length})</span>}
        </h2>
        <ArchiveSwitch archived={archived} onChange={setArchived} />
        {!proposals && fetching && <Spinner label="Loading your proposals…" />}
        {!proposals && !fetching && error && (
          <div className="stack">
            <ErrorAlert message={errorMessage(error)} />
            <div>
              <button
                type="button"
                className="button button-secondary"
                onClick={() => reexecute({ requestPolicy: 'network-only' })}
              >
                Try again
              </button>
            </div>
          </div>
        )}
        {proposals &&
          (proposals.length > 0 ? (
            <ProposalList proposals={proposals} />
          ) : archived ? (
            <p className="empty-state" data-testid="no-archived">
              No archived proposals. A client archives a proposal from its page; it then waits here until restored.
            </p>
          ) : (
            <EmptyState />
          ))}
      </section>
    </div>
  );
}

function ProposalList({ proposals }: { proposals: ProposalSummary[] }) {
  return (
    // biome-ignore lint/a11y/noRedundantRoles: without list markers Safari drops the list role unless it is explicit
    <ul className="proposal-list" role="list">
      {proposals.map((proposal) => (
        <li key={proposal.id} className="proposal-card">
          <h3 className="proposal-card-title">
            <Link to="/proposals/$id" params={{ id: proposal.id }} className="stretched-link">
              {proposal.title}
            </Link>
          </h3>
          <ProposalStanding proposal={proposal} />
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
  const [error, setError] = useState<string | null>(null);
  const [titleError, setTitleError] = useState<string | null>(null);
  const titleRef = useRef<HTMLInputElement>(null);
  // Pending until the page changes: the proposal opens once it exists.
  const [pending, setPending] = useState(false);
  const [, executeCreate] = useMutation(CreateProposalMutation);
  const navigate = useNavigate();
  const id = useId();

  const onSubmit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    const trimmed = title.trim();
    if (!trimmed) {
      // Only blanks get past `required`: say so at the field and put the keyboard there.
      setError(null);
      setTitleError('Enter a title for the proposal.');
      titleRef.current?.focus();
      return;
    }
    setPending(true);
    setError(null);
    setTitleError(null);
    try {
      const data = dataOrThrow(await executeCreate({ input: { title: trimmed } }));
      await navigate({ to: '/proposals/$id', params: { id: data.createProposal.id } });
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
        <TextField
          ref={titleRef}
          id={`${id}-title`}
          label="Proposal title"
          fieldClassName="field-grow"
          name="title"
          required
          maxLength={LIMITS.proposalTitleMaxLength}
          placeholder="e.g. Support ticket triage model"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          error={titleError}
        />
        <button type="submit" className="button button-primary" disabled={pending} aria-busy={pending}>
          Create proposal
        </button>
      </form>
    </section>
  );
}
