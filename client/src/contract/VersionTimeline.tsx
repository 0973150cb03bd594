import { Link } from '@tanstack/react-router';
import { DateTime } from '../components/DateTime';
import { ErrorAlert } from '../components/ErrorAlert';
import { Spinner } from '../components/Spinner';
import { plural } from '../plural';
import { DownloadLinks } from './DownloadLinks';
import { ReceiptDownload } from './ReceiptDownload';
import { SignerList, signedCount } from './SignerList';
import { StatusBadge } from './StatusBadge';
import { displayName, shortHash } from './labels';
import type { VersionSummary, VersionsState } from './useVersions';

export const versionHeadingId = (versionId: string) => `version-${versionId}-heading`;

function VersionRow({
  version,
  compareWith,
  currentUserId,
  onSign,
}: {
  version: VersionSummary;
  /** The version this one is compared with: the one before it, else the newest. */
  compareWith: VersionSummary | null;
  currentUserId: string;
  onSign: (version: VersionSummary) => void;
}) {
  const headingId = versionHeadingId(version.id);
  const signed = signedCount(version.signers);
  const [from, to] =
    compareWith && compareWith.number < version.number ? [compareWith, version] : [version, compareWith];
  return (
    <li
      className="version-row card"
      data-testid="version-row"
      data-version-number={version.number}
      data-version-id={version.id}
      data-status={version.status}
      aria-labelledby={headingId}
    >
      <div className="version-row-head">
        <h4 id={headingId} className="version-title" tabIndex={-1}>
          Version {version.number}
        </h4>
        <StatusBadge status={version.status} />
        <span className="version-hash" title={version.contentHash}>
          <span className="visually-hidden">Content hash starts </span>
          {shortHash(version.contentHash)}…
        </span>
      </div>
      <p className="version-meta">
        Frozen by {version.frozenBy.id === currentUserId ? 'you' : displayName(version.frozenBy)} on{' '}
        <DateTime iso={version.frozenAt} long />
        {version.signers.length > 0 && (
          <>
            {' · '}
            <span data-testid="version-signed-count">
              {signed} of {plural(version.signers.length, 'signature', 'signatures')}
            </span>
          </>
        )}
      </p>
      {version.note && (
        <p className="version-note" data-testid="version-note">
          <span className="visually-hidden">Note: </span>
          {version.note}
        </p>
      )}
      <SignerList
        signers={version.signers}
        status={version.status}
        currentUserId={currentUserId}
        label={`Signatures on version ${version.number}`}
      />
      {/* biome-ignore lint/a11y/useSemanticElements: a row of actions, not a form's fieldset */}
      <div className="version-actions" role="group" aria-labelledby={headingId}>
        <Link
          to="/proposals/$id/versions/$versionId"
          params={{ id: version.proposalId, versionId: version.id }}
          className="button button-secondary button-small"
          data-testid="view-version"
        >
          View
        </Link>
        {from && to && (
          <Link
            to="/proposals/$id/compare"
            params={{ id: version.proposalId }}
            search={{ from: from.id, to: to.id }}
            className="button button-secondary button-small"
            data-testid="compare-version"
            title={`Compare version ${from.number} with version ${to.number}`}
          >
            Compare
          </Link>
        )}
        {version.canSign && (
          <button
            type="button"
            className="button button-primary button-small"
            data-testid="sign-button"
            onClick={() => onSign(version)}
          >
            Sign
          </button>
        )}
        <DownloadLinks version={version} />
      </div>
    </li>
  );
}

/** Every frozen version, newest first, with who signed and what can be done with it. */
export function VersionTimeline({
  proposalId,
  state,
  currentUserId,
  onSign,
  onRetry,
}: {
  proposalId: string;
  state: VersionsState;
  currentUserId: string;
  onSign: (version: VersionSummary) => void;
  onRetry: () => void;
}) {
  const versions = state.kind === 'ready' ? state.versions : [];
  return (
    <section
      className="timeline-section"
      aria-labelledby="versions-heading"
      data-testid="version-timeline"
      data-state={state.kind}
      data-count={versions.length}
    >
      <div className="timeline-head">
        <h3 id="versions-heading" className="timeline-title">
          Versions {state.kind === 'ready' && <span className="count">({versions.length})</span>}
        </h3>
        {versions.length >= 1 && <ReceiptDownload proposalId={proposalId} />}
        {versions.length >= 2 && (
          <Link
            to="/proposals/$id/compare"
            params={{ id: proposalId }}
            search={{ from: versions[1]!.id, to: versions[0]!.id }}
            data-testid="compare-versions"
          >
            Compare versions
          </Link>
        )}
      </div>
      {state.kind === 'loading' && <Spinner label="Loading versions…" />}
      {state.kind === 'failed' && (
        <div className="stack-tight">
          <ErrorAlert message={`Could not load the versions: ${state.message}`} />
          <div>
            <button type="button" className="button button-secondary button-small" onClick={onRetry}>
              Try again
            </button>
          </div>
        </div>
      )}
      {state.kind === 'ready' && versions.length === 0 && (
        <p className="timeline-empty" data-testid="no-versions">
          No version has been frozen yet. Once the brief passes its blockers, freeze it to create version 1 for everyone
          to sign.
        </p>
      )}
      {versions.length > 0 && (
        <ol className="timeline" aria-labelledby="versions-heading">
          {versions.map((version, index) => (
            <VersionRow
              key={version.id}
              version={version}
              compareWith={versions[index + 1] ?? (index > 0 ? versions[0]! : null)}
              currentUserId={currentUserId}
              onSign={onSign}
            />
          ))}
        </ol>
      )}
    </section>
  );
}
