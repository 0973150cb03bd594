import { useCallback, useEffect, useId, useState } from 'react';
import type { SectionDiff } from '@brieflock/schema';
import { useQuery } from 'urql';
import { errorMessage } from '../api';
import { Link, useNavigate } from '@tanstack/react-router';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageFallback } from '../components/PageFallback';
import { PageHeading } from '../components/PageHeading';
import { SelectField } from '../components/SelectField';
import { Spinner } from '../components/Spinner';
import { plural } from '../plural';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { BackToProposal } from './BackToProposal';
import { SectionDiffView } from './DiffView';
import { STATUS_LABELS } from './labels';
import { pageLoadState } from '../data/pageState';
import type { CompareVersionsListQuery as VersionsList } from '../gql/graphql';
import { CompareVersionsListQuery, CompareVersionsQuery } from '../operations/contract';
import './contract.css';

type VersionOption = NonNullable<VersionsList['proposal']>['versions'][number];

function VersionSelect({
  id,
  label,
  value,
  versions,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  versions: VersionOption[];
  onChange: (id: string) => void;
}) {
  return (
    <SelectField
      id={id}
      label={label}
      fieldClassName="compare-field"
      value={value}
      onChange={(event) => onChange(event.target.value)}
      data-testid={id}
    >
      {value === '' && (
        <option value="" disabled>
          Choose a version
        </option>
      )}
      {versions.map((version) => (
        <option key={version.id} value={version.id}>
          Version {version.number} ({STATUS_LABELS[version.status].toLowerCase()})
        </option>
      ))}
    </SelectField>
  );
}

/** Two versions side by side: what changed, section by section. */
export default function ComparePage({
  proposalId,
  from,
  to,
}: {
  proposalId: string;
  from: string | null;
  to: string | null;
}) {
  const id = useId();
  // What changed is what a reader comes for: unchanged sections stay folded away unless asked for.
  const [hideUnchanged, setHideUnchanged] = useState(true);
  const navigate = useNavigate();
  /** The pair shown lives in the address; choosing another replaces the entry and keeps focus and scroll. */
  const choose = useCallback(
    (nextFrom: string | null, nextTo: string | null) =>
      void navigate({
        to: '/proposals/$id/compare',
        params: { id: proposalId },
        search: { from: nextFrom ?? undefined, to: nextTo ?? undefined },
        replace: true,
        resetScroll: false,
      }),
    [navigate, proposalId],
  );
  const [listResult, reexecuteList] = useQuery({
    query: CompareVersionsListQuery,
    variables: { id: proposalId },
    requestPolicy: 'cache-and-network',
  });
  const proposal = listResult.data?.proposal ?? null;

  useDocumentTitle(proposal ? `Compare versions · ${proposal.title}` : 'Compare versions');

  const versions = proposal?.versions ?? [];
  // Without a choice in the address: the newest version against the one before it.
  const fromId = from ?? versions[1]?.id ?? null;
  const toId = to ?? versions[0]?.id ?? null;

  useEffect(() => {
    if (!proposal || (from && to) || !fromId || !toId) return;
    choose(fromId, toId);
  }, [proposal, from, to, fromId, toId, choose]);

  // Frozen versions never change, so a comparison once made is read from the cache.
  const comparable = fromId !== null && toId !== null && fromId !== toId;
  const [diffResult, reexecuteDiff] = useQuery({
    query: CompareVersionsQuery,
    variables: { fromId: fromId ?? '', toId: toId ?? '' },
    pause: !comparable,
  });
  const answer = diffResult.data?.compareVersions;
  // Another pair's answer may linger while this pair's is on its way.
  const diff = answer && answer.from.id === fromId && answer.to.id === toId ? answer : null;
  const diffError = !diff && !diffResult.fetching && diffResult.error ? errorMessage(diffResult.error) : null;

  const back = <BackToProposal proposalId={proposalId} title={proposal ? proposal.title : null} />;

  if (!proposal) {
    return (
      <PageFallback
        state={pageLoadState(listResult)}
        back={back}
        loadingLabel="Loading versions…"
        notFoundTitle="Proposal not found"
        notFoundText="This proposal does not exist, or you are not a participant on it."
        failedTitle="Could not load the versions"
        onRetry={() => {
          reexecuteList({ requestPolicy: 'network-only' });
          if (comparable) reexecuteDiff({ requestPolicy: 'network-only' });
        }}
      />
    );
  }

  // The server answers with `diffBriefs` of the shared schema, so its sections are that type.
  const sections = (diff?.sections ?? []) as SectionDiff[];
  const changedCount = sections.filter((section) => section.changed).length;
  const shown = hideUnchanged ? sections.filter((section) => section.changed) : sections;
  const known = (versionId: string | null) => versions.some((version) => version.id === versionId);

  return (
    <div className="page compare-page" data-testid="compare-page">
      {back}
      <div className="page-header">
        <PageHeading className="proposal-title">Compare versions of “{proposal.title}”</PageHeading>
      </div>

      {versions.length < 2 ? (
        <p className="lead" data-testid="compare-unavailable">
          {versions.length === 0
            ? 'No version has been frozen yet.'
            : 'Only one version has been frozen so far; there is nothing to compare it with.'}
        </p>
      ) : (
        <>
          <form
            className="compare-controls"
            onSubmit={(event) => event.preventDefault()}
            aria-label="Versions to compare"
          >
            <VersionSelect
              id="compare-from"
              label="From version"
              value={known(fromId) ? fromId! : ''}
              versions={versions}
              onChange={(next) => choose(next, toId)}
            />
            <button
              type="button"
              className="button button-secondary compare-swap"
              onClick={() => choose(toId, fromId)}
              aria-label="Swap the two versions"
              data-testid="compare-swap"
            >
              <span aria-hidden="true">⇄</span>
            </button>
            <VersionSelect
              id="compare-to"
              label="To version"
              value={known(toId) ? toId! : ''}
              versions={versions}
              onChange={(next) => choose(fromId, next)}
            />
            <div className="compare-toggle">
              <input
                id={`${id}-hide`}
                type="checkbox"
                checked={hideUnchanged}
                onChange={(event) => setHideUnchanged(event.target.checked)}
                data-testid="hide-unchanged"
              />
              <label htmlFor={`${id}-hide`}>Hide unchanged sections</label>
            </div>
          </form>

          <p
            className="diff-summary"
            role="status"
            data-testid="diff-summary"
            data-changed={diff ? String(diff.changed) : undefined}
          >
            {fromId === toId
              ? 'Choose two different versions to see what changed.'
              : diff
                ? diff.changed
                  ? `From version ${diff.from.number} to version ${diff.to.number}: ${plural(changedCount, 'section', 'sections')} of ${sections.length} changed.`
                  : `Versions ${diff.from.number} and ${diff.to.number} say exactly the same.`
                : ''}
          </p>

          {comparable && !diff && !diffError && <Spinner label="Comparing…" />}
          {diffError && <ErrorAlert message={`Could not compare the versions: ${diffError}`} />}
          {diff && (
            <>
              <p className="compare-links">
                <Link to="/proposals/$id/versions/$versionId" params={{ id: proposalId, versionId: diff.from.id }}>
                  View version {diff.from.number}
                </Link>
                <Link to="/proposals/$id/versions/$versionId" params={{ id: proposalId, versionId: diff.to.id }}>
                  View version {diff.to.number}
                </Link>
              </p>
              <section
                className="diff"
                data-testid="version-diff"
                data-from={diff.from.number}
                data-to={diff.to.number}
                aria-labelledby={`${id}-changes`}
              >
                <h2 id={`${id}-changes`} className="visually-hidden">
                  Changes by section
                </h2>
                {shown.map((section) => (
                  <SectionDiffView key={section.key} section={section} />
                ))}
                {shown.length === 0 && <p className="muted">No section changed.</p>}
                {hideUnchanged && sections.length > changedCount && (
                  <p className="muted diff-hidden-note" data-testid="unchanged-hidden">
                    {plural(sections.length - changedCount, 'unchanged section is', 'unchanged sections are')} hidden.{' '}
                    <button type="button" className="link-button" onClick={() => setHideUnchanged(false)}>
                      Show {sections.length - changedCount === 1 ? 'it' : 'them'}
                    </button>
                  </p>
                )}
              </section>
            </>
          )}
        </>
      )}
    </div>
  );
}
