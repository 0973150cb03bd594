import { useEffect, useId, useState } from 'react';
import { ApiError, errorMessage, gql, isAbortError } from '../api';
import { Link, comparePath, replaceLocation, versionPath } from '../router';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageFallback, type PageLoadState } from '../components/PageFallback';
import { PageHeading } from '../components/PageHeading';
import { Spinner } from '../components/Spinner';
import { plural } from '../plural';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { BackToProposal } from './BackToProposal';
import { SectionDiffView } from './DiffView';
import { STATUS_LABELS } from './labels';
import type { VersionDiff, VersionSummary } from './types';
import './contract.css';

const VERSIONS_QUERY = `query CompareVersionsList($id: ID!) {
  proposal(id: $id) { id title versions { id number status } }
}`;

const DIFF_FIELDS = `changed
  from { id number status contentHash }
  to { id number status contentHash }
  sections {
    key kind title changed formattingChanged
    text { op value }
    items { change itemId fromIndex toIndex moved before after fields { field before after } }
    fields { field before after }
  }`;

const DIFF_QUERY = `query CompareVersions($fromId: ID!, $toId: ID!) { compareVersions(fromId: $fromId, toId: $toId) { ${DIFF_FIELDS} } }`;

type VersionOption = Pick<VersionSummary, 'id' | 'number' | 'status'>;

type ListState = PageLoadState | { kind: 'ready'; title: string; versions: VersionOption[] };

type DiffState =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | { kind: 'ready'; diff: VersionDiff };

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
    <div className="field compare-field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)} data-testid={id}>
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
      </select>
    </div>
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
  const [list, setList] = useState<ListState>({ kind: 'loading' });
  const [diff, setDiff] = useState<DiffState>({ kind: 'idle' });
  const [hideUnchanged, setHideUnchanged] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useDocumentTitle(list.kind === 'ready' ? `Compare versions · ${list.title}` : 'Compare versions');

  useEffect(() => {
    const controller = new AbortController();
    gql<{ proposal: { title: string; versions: VersionOption[] } | null }>(
      VERSIONS_QUERY,
      { id: proposalId },
      controller.signal,
    )
      .then(({ proposal }) =>
        setList(
          proposal ? { kind: 'ready', title: proposal.title, versions: proposal.versions } : { kind: 'notFound' },
        ),
      )
      .catch((error: unknown) => {
        if (isAbortError(error)) return;
        if (error instanceof ApiError && error.code === 'NOT_FOUND') setList({ kind: 'notFound' });
        else setList({ kind: 'failed', message: errorMessage(error) });
      });
    return () => controller.abort();
  }, [proposalId, attempt]);

  const versions = list.kind === 'ready' ? list.versions : [];
  // Without a choice in the address: the newest version against the one before it.
  const fromId = from ?? versions[1]?.id ?? null;
  const toId = to ?? versions[0]?.id ?? null;

  useEffect(() => {
    if (list.kind !== 'ready' || (from && to) || !fromId || !toId) return;
    replaceLocation(comparePath(proposalId, fromId, toId));
  }, [list.kind, from, to, fromId, toId, proposalId]);

  useEffect(() => {
    if (!fromId || !toId || fromId === toId) {
      setDiff({ kind: 'idle' });
      return;
    }
    const controller = new AbortController();
    setDiff({ kind: 'loading' });
    gql<{ compareVersions: VersionDiff }>(DIFF_QUERY, { fromId, toId }, controller.signal)
      .then(({ compareVersions }) => setDiff({ kind: 'ready', diff: compareVersions }))
      .catch((error: unknown) => {
        if (!isAbortError(error)) setDiff({ kind: 'failed', message: errorMessage(error) });
      });
    return () => controller.abort();
  }, [fromId, toId, attempt]);

  const back = <BackToProposal proposalId={proposalId} title={list.kind === 'ready' ? list.title : null} />;

  if (list.kind !== 'ready') {
    return (
      <PageFallback
        state={list}
        back={back}
        loadingLabel="Loading versions…"
        notFoundTitle="Proposal not found"
        notFoundText="This proposal does not exist, or you are not a participant on it."
        failedTitle="Could not load the versions"
        onRetry={() => setAttempt((n) => n + 1)}
      />
    );
  }

  const choose = (nextFrom: string | null, nextTo: string | null) =>
    replaceLocation(comparePath(proposalId, nextFrom, nextTo));
  const sections = diff.kind === 'ready' ? diff.diff.sections : [];
  const changedCount = sections.filter((section) => section.changed).length;
  const shown = hideUnchanged ? sections.filter((section) => section.changed) : sections;
  const known = (versionId: string | null) => versions.some((version) => version.id === versionId);

  return (
    <div className="page compare-page" data-testid="compare-page">
      {back}
      <div className="page-header">
        <PageHeading className="proposal-title">Compare versions of “{list.title}”</PageHeading>
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
            data-changed={diff.kind === 'ready' ? String(diff.diff.changed) : undefined}
          >
            {fromId === toId
              ? 'Choose two different versions to see what changed.'
              : diff.kind === 'ready'
                ? diff.diff.changed
                  ? `From version ${diff.diff.from.number} to version ${diff.diff.to.number}: ${plural(changedCount, 'section', 'sections')} of ${sections.length} changed.`
                  : `Versions ${diff.diff.from.number} and ${diff.diff.to.number} say exactly the same.`
                : ''}
          </p>

          {diff.kind === 'loading' && <Spinner label="Comparing…" />}
          {diff.kind === 'failed' && <ErrorAlert message={`Could not compare the versions: ${diff.message}`} />}
          {diff.kind === 'ready' && (
            <>
              <p className="compare-links">
                <Link to={versionPath(proposalId, diff.diff.from.id)}>View version {diff.diff.from.number}</Link>
                <Link to={versionPath(proposalId, diff.diff.to.id)}>View version {diff.diff.to.number}</Link>
              </p>
              <div
                className="diff"
                data-testid="version-diff"
                data-from={diff.diff.from.number}
                data-to={diff.diff.to.number}
              >
                {shown.map((section) => (
                  <SectionDiffView key={section.key} section={section} />
                ))}
                {shown.length === 0 && <p className="muted">No section changed.</p>}
              </div>
            </>
          )}
        </>
      )}
    </div>
  );
}
