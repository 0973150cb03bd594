import { useId, useState, type SubmitEvent } from 'react';
import { Link } from '@tanstack/react-router';
import { useQuery } from 'urql';
import { LIMITS } from '@brieflock/schema';
import { errorMessage } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageHeading } from '../components/PageHeading';
import { Spinner } from '../components/Spinner';
import { useDocumentTitle } from '../components/useDocumentTitle';
import type { MyBenchQuery as MyBenchData } from '../gql/graphql';
import { MyBenchQuery } from '../operations/bench';
import { TemplatesQuery } from '../operations/templates';
import { CreateFromDialog, type SourceChoice } from '../templates/CreateFromDialog';

type Entry = MyBenchData['myBench'][number];

/**
 * The signed-in client's bench: every freelancer they signed a contract with, with the
 * figures the server computes from the records, each engagement linked, and a way to
 * start a new proposal with that freelancer invited.
 */
export default function BenchPage() {
  const [skill, setSkill] = useState('');
  const [applied, setApplied] = useState<string | null>(null);
  const [{ data, fetching, error }] = useQuery({
    query: MyBenchQuery,
    variables: { skill: applied },
    requestPolicy: 'cache-and-network',
  });
  const id = useId();
  useDocumentTitle('Your bench');

  const onFilter = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    setApplied(skill.trim() === '' ? null : skill.trim());
  };

  const entries = data?.myBench;
  return (
    <div className="page">
      <div className="page-header">
        <PageHeading>Your bench</PageHeading>
        <p className="lead">
          Every freelancer you have signed a contract with, and what the records of those engagements show.
        </p>
      </div>
      <form className="inline-form" onSubmit={onFilter} aria-label="Filter by skill">
        <label htmlFor={`${id}-skill`}>Skill</label>
        <input
          id={`${id}-skill`}
          type="search"
          value={skill}
          onChange={(event) => setSkill(event.target.value)}
          placeholder="e.g. MLOps"
        />
        <button type="submit" className="button button-secondary">
          Filter
        </button>
      </form>
      {!entries && fetching && <Spinner label="Loading your bench…" />}
      {!entries && error && <ErrorAlert message={errorMessage(error)} />}
      {entries && entries.length === 0 && (
        <p className="empty">
          {applied ? `No freelancer matches “${applied}”.` : 'Nobody on your bench yet: sign a contract first.'}
        </p>
      )}
      {entries && entries.length > 0 && (
        <ul className="stack" aria-label="Freelancers">
          {entries.map((entry) => (
            <BenchCard key={entry.freelancer.id} entry={entry} />
          ))}
        </ul>
      )}
    </div>
  );
}

function BenchCard({ entry }: { entry: Entry }) {
  const headingId = useId();
  const figures: [string, string][] = [
    ['Engagements', String(entry.engagements)],
    ['Milestones accepted on time', `${entry.acceptedOnTime} of ${entry.milestonesAccepted}`],
    ['Revision rounds used', `${entry.revisionsUsed} of ${entry.revisionsBudgeted}`],
    ['Metrics met', `${entry.metricsMet} of ${entry.metricsMeasured}`],
    ['Trial scores', entry.trialScores.length > 0 ? entry.trialScores.join(', ') : '—'],
  ];
  return (
    <li className="card" aria-labelledby={headingId}>
      <h2 id={headingId} className="card-title">
        {entry.freelancer.name}
      </h2>
      <dl className="figures">
        {figures.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <h3>Engagements</h3>
      <ul>
        {entry.proposals.map((proposal) => {
          const signed = entry.evidence.find((e) => e.kind === 'ENGAGEMENT' && e.proposalId === proposal.id);
          return (
            <li key={proposal.id}>
              <Link to="/proposals/$id" params={{ id: proposal.id }}>
                {proposal.title}
              </Link>
              {signed?.versionId && (
                <>
                  {' · '}
                  <Link
                    to="/proposals/$id/versions/$versionId"
                    params={{ id: proposal.id, versionId: signed.versionId }}
                  >
                    signed version
                  </Link>
                </>
              )}
            </li>
          );
        })}
      </ul>
      {entry.reviews.length > 0 && (
        <>
          <h3>Your reviews</h3>
          <ul>
            {entry.reviews.map((review) => (
              <li key={review.id}>
                {review.wouldHireAgain ? 'Would hire again' : 'Would not hire again'} · communication{' '}
                {review.communication}/5 · {review.note}
                {review.answer && <blockquote>{review.answer}</blockquote>}
              </li>
            ))}
          </ul>
        </>
      )}
      <StartProposalWith entry={entry} />
    </li>
  );
}

/**
 * Starts a new proposal with this freelancer invited, in one step: from the last
 * engagement with them (its brief's sections copied) or from a starter template.
 */
function StartProposalWith({ entry }: { entry: Entry }) {
  const [open, setOpen] = useState(false);
  const [{ data }] = useQuery({ query: TemplatesQuery, pause: !open });
  const { name, email } = entry.freelancer;
  const choices: SourceChoice[] = [
    ...[...entry.proposals].reverse().map((proposal) => ({
      group: `Your proposals with ${name}`,
      label: proposal.title,
      source: { proposalId: proposal.id },
    })),
    ...(data?.templates ?? []).map((template) => ({
      group: 'Templates',
      label: template.title,
      source: { templateKey: template.key },
    })),
  ];
  const last = entry.proposals.at(-1);
  const first = last ? { proposalId: last.id } : choices[0]?.source;
  return (
    <div>
      <button type="button" className="button button-primary" onClick={() => setOpen(true)}>
        Start a proposal with {name}
      </button>
      {open && first && (
        <CreateFromDialog
          source={first}
          choices={choices}
          invite={[email]}
          heading={`Start a proposal with ${name}`}
          initialTitle={`New proposal with ${name}`.slice(0, LIMITS.proposalTitleMaxLength)}
          onClose={() => setOpen(false)}
        />
      )}
    </div>
  );
}
