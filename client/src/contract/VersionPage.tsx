import { useCallback, useMemo, useRef, useState } from 'react';
import { useQuery } from 'urql';
import { useCurrentUser } from '../auth';
import { Link } from '@tanstack/react-router';
import { DateTime } from '../components/DateTime';
import { PageFallback } from '../components/PageFallback';
import { PageHeading } from '../components/PageHeading';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { BriefView } from './BriefView';
import { ChangeOrderDiff } from './ChangeOrderDiff';
import { VersionThreads } from '../comments/VersionThreads';
import { BackToProposal } from './BackToProposal';
import { DownloadLinks } from './DownloadLinks';
import { Hash, HashRow } from './Hash';
import { RemindSignersButton } from './RemindSignersButton';
import { SignerList } from './SignerList';
import { StatusBadge } from './StatusBadge';
import { useProposalEvents } from './events';
import { recomputeContentHash } from './json';
import { displayName, eventMessage } from './labels';
import { SignDialog } from './SignDialog';
import { DeclineVersionButton } from './DeclineVersionButton';
import { RestoreVersionButton } from '../manage/RestoreVersionButton';
import { ToastStack, useToasts } from '../components/Toasts';
import { pageLoadState, useKeptData } from '../data/pageState';
import type { VersionFieldsFragment as ContractVersion } from '../gql/graphql';
import { VersionPageQuery } from '../operations/contract';
import './contract.css';

/** Whether the content shown hashes, in this browser, to the hash everyone signs. */
function HashCheck({ version }: { version: ContractVersion }) {
  const recomputed = useMemo(() => recomputeContentHash(version.contentJson), [version.contentJson]);
  const matches = recomputed === version.contentHash;
  if (matches) {
    return (
      <p className="hash-check is-ok" data-testid="hash-check" data-match="true">
        <span aria-hidden="true">✓ </span>
        Verified in your browser: the content below hashes (SHA-256 of its canonical JSON) to the content hash.
      </p>
    );
  }
  return (
    <div className="alert alert-error hash-check is-bad" role="alert" data-testid="hash-check" data-match="false">
      <div className="stack-tight">
        <p className="alert-title">The content below does not match its content hash.</p>
        <p>
          Recomputed in your browser: {recomputed ? <Hash value={recomputed} /> : 'the content is not valid JSON'}. Do
          not rely on this copy; tell the other parties.
        </p>
      </div>
    </div>
  );
}

function statusSentence(version: ContractVersion): string | null {
  if (version.status === 'SIGNED') return 'Signed by everyone';
  if (version.status === 'SUPERSEDED') return 'Superseded by a newer version';
  if (version.status === 'DECLINED')
    return `Declined by ${version.declinedBy ? displayName(version.declinedBy) : 'a signer'}`;
  return null;
}

/** One frozen version, read-only: what it says, its hashes and who signed it. */
export default function VersionPage({ proposalId, versionId }: { proposalId: string; versionId: string }) {
  const user = useCurrentUser();
  // Signatures and live events invalidate the version in the cache, and this query refetches it.
  const [result, reexecute] = useQuery({
    query: VersionPageQuery,
    variables: { proposalId, versionId },
    requestPolicy: 'cache-and-network',
  });
  const data = useKeptData(result.data, `${proposalId}/${versionId}`);
  // A version reached through another proposal's address is not shown under it.
  const ready =
    data?.proposal && data.contractVersion && data.contractVersion.proposalId === proposalId
      ? {
          title: data.proposal.title,
          myRole: data.proposal.myRole,
          siblings: data.proposal.versions,
          version: data.contractVersion,
        }
      : null;
  const fallback = ready
    ? null
    : data && !result.fetching && !result.error
      ? { kind: 'notFound' as const }
      : pageLoadState(result);
  const [signing, setSigning] = useState(false);
  const justSigned = useRef(false);
  const { toasts, push, dismiss } = useToasts();

  useDocumentTitle(ready ? `Version ${ready.version.number} · ${ready.title}` : 'Version');

  const refetch = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);
  // The cache already holds what each event changed (see data/cache.ts): only the toast is left.
  const events = useProposalEvents(
    ready ? proposalId : null,
    (event) => {
      if (event.kind === 'DRAFT_CHANGED' || event.kind.startsWith('PARTICIPANT_')) return;
      const message = eventMessage(event, user.id);
      if (message) push(event.kind, message);
    },
    refetch,
  );

  const back = <BackToProposal proposalId={proposalId} title={ready ? ready.title : null} />;

  if (!ready) {
    return (
      <PageFallback
        state={fallback ?? { kind: 'loading' }}
        back={back}
        loadingLabel="Loading the version…"
        notFoundTitle="Version not found"
        notFoundText="This version does not exist, or you are not a participant on its proposal."
        failedTitle="Could not load this version"
        onRetry={refetch}
      />
    );
  }

  const { title, myRole, siblings, version } = ready;
  const onRestored = () => push('DRAFT_RESTORED', `The draft now holds version ${version.number}`);
  const previous = siblings.find((sibling) => sibling.number === version.number - 1) ?? null;
  const newest = siblings.reduce<{ id: string; number: number } | null>(
    (best, sibling) => (!best || sibling.number > best.number ? sibling : best),
    null,
  );
  const sentence = statusSentence(version);
  const strayHashes = version.signers.filter(
    (signer) => signer.signature && signer.signature.contentHash !== version.contentHash,
  );

  return (
    <div
      className="page version-page"
      data-testid="version-page"
      data-version-number={version.number}
      data-status={version.status}
    >
      {back}
      <div className="page-header">
        <PageHeading className="proposal-title">
          Version {version.number} of “{title}”
        </PageHeading>
        <p className="proposal-meta">
          <StatusBadge status={version.status} />
          <span>
            Frozen by {displayName(version.frozenBy)} on <DateTime iso={version.frozenAt} long />
          </span>
          {sentence && version.statusChangedAt && (
            <span>
              {sentence} on <DateTime iso={version.statusChangedAt} long />
            </span>
          )}
          <span
            className={`live-status status-indicator live-status-${events.connection}`}
            data-testid="events-status"
            data-state={events.connection}
          >
            <span className="live-status-dot status-dot" aria-hidden="true" />
            {events.connection === 'connected' ? 'Live' : 'Not live'}
          </span>
        </p>
        <p className="read-only-note">
          This is a frozen version: nobody can change it. The live draft is on the proposal page.
        </p>
      </div>

      {version.amends && <ChangeOrderDiff proposalId={proposalId} version={version} amends={version.amends} />}

      {version.status === 'DECLINED' && version.declineReason && (
        <p className="alert alert-warning" data-testid="decline-reason-shown">
          Declined: {version.declineReason}
        </p>
      )}

      {version.signingOrder && (
        <ol className="signing-order" data-testid="signing-order" aria-label="Signing order">
          {version.signingOrder.map((group, index) => (
            <li key={group.map((member) => member.id).join()}>
              Group {index + 1}: {group.map((member) => displayName(member)).join(', ')}
            </li>
          ))}
        </ol>
      )}

      {version.note && (
        <p className="version-note" data-testid="version-note">
          <span className="version-note-label">Note: </span>
          {version.note}
        </p>
      )}

      <div className="version-page-actions">
        {version.canSign && (
          <button
            type="button"
            className="button button-primary"
            data-testid="sign-button"
            onClick={() => setSigning(true)}
          >
            Sign
          </button>
        )}
        {version.status === 'AWAITING_SIGNATURES' &&
          version.signers.some((signer) => signer.user.id === user.id && !signer.signature) && (
            <DeclineVersionButton versionId={version.id} number={version.number} onDeclined={refetch} />
          )}
        {previous && (
          <Link
            to="/proposals/$id/compare"
            params={{ id: proposalId }}
            search={{ from: previous.id, to: version.id }}
            className="button button-secondary"
            data-testid="compare-previous"
          >
            Compare with version {previous.number}
          </Link>
        )}
        {newest && newest.id !== version.id && (
          <Link
            to="/proposals/$id/compare"
            params={{ id: proposalId }}
            search={{ from: version.id, to: newest.id }}
            className="button button-secondary"
            data-testid="compare-newest"
          >
            Compare with version {newest.number} (newest)
          </Link>
        )}
        <DownloadLinks version={version} />
        {myRole !== 'VIEWER' && (
          <RestoreVersionButton versionId={version.id} number={version.number} onRestored={onRestored} />
        )}
      </div>

      <section className="section" aria-labelledby="integrity-heading">
        <h2 id="integrity-heading" className="section-title">
          Integrity
        </h2>
        <HashCheck version={version} />
        <dl className="hash-list">
          <HashRow label="Content hash">
            <Hash value={version.contentHash} testId="content-hash" />
          </HashRow>
          <HashRow label="Chain hash">
            <Hash value={version.chainHash} testId="chain-hash" />
          </HashRow>
          <HashRow label="Previous chain hash">
            {version.previousHash ? (
              <Hash value={version.previousHash} testId="previous-hash" />
            ) : (
              <span className="muted">None: this is the first version.</span>
            )}
          </HashRow>
        </dl>
      </section>

      <section className="section" aria-labelledby="signatures-heading">
        <h2 id="signatures-heading" className="section-title" tabIndex={-1}>
          Signatures
        </h2>
        <SignerList
          signers={version.signers}
          status={version.status}
          currentUserId={user.id}
          label={`Signatures on version ${version.number}`}
        />
        {myRole === 'CLIENT' &&
          version.status === 'AWAITING_SIGNATURES' &&
          version.signers.some((signer) => !signer.signature && signer.user.id !== user.id) && (
            <RemindSignersButton versionId={version.id} onReminded={refetch} />
          )}
        {strayHashes.length > 0 && (
          <p className="alert alert-warning" data-testid="signature-hash-mismatch">
            {strayHashes.map((signer) => displayName(signer.user)).join(', ')} signed a content hash other than this
            version’s.
          </p>
        )}
      </section>

      <section className="section" aria-labelledby="frozen-heading">
        <h2 id="frozen-heading" className="section-title">
          The brief as frozen
        </h2>
        <BriefView content={version.contentJson} />
      </section>

      <VersionThreads versionId={version.id} number={version.number} />

      {signing && (
        <SignDialog
          versionId={version.id}
          onClose={() => setSigning(false)}
          onSigned={() => {
            // The Sign button goes; the signatures, where the new one appears, keep the keyboard.
            justSigned.current = true;
            setSigning(false);
          }}
          onConflict={refetch}
          restoreFocus={() => {
            const signed = justSigned.current;
            justSigned.current = false;
            return signed ? document.getElementById('signatures-heading') : null;
          }}
        />
      )}
      <ToastStack toasts={toasts} onDismiss={dismiss} />
    </div>
  );
}
