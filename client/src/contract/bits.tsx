import type { ReactNode } from 'react';
import type { VersionStatus } from '@brieflock/schema';
import { proposalPath } from '../router';
import { BackLink, DateTime, RoleBadge } from '../ui';
import { STATUS_LABELS, displayName } from './labels';
import type { VersionSigner, VersionSummary } from './types';

export function StatusBadge({ status }: { status: VersionStatus }) {
  return (
    <span
      className={`badge badge-status badge-status-${status.toLowerCase().replace(/_/g, '-')}`}
      data-testid="version-status"
    >
      {STATUS_LABELS[status]}
    </span>
  );
}

/** The way back from a version or a comparison to its proposal, named once its title is known. */
export function BackToProposal({ proposalId, title }: { proposalId: string; title: string | null }) {
  return (
    <BackLink to={proposalPath(proposalId)} testId="back-link">
      {title === null ? 'Back to the proposal' : `Back to ${title}`}
    </BackLink>
  );
}

/** A full hash, monospaced and breakable, so it can be read out and compared. */
export function Hash({ value, testId }: { value: string; testId?: string }) {
  return (
    <code className="hash" data-testid={testId} translate="no">
      {value}
    </code>
  );
}

/** One named value of a list of hashes (a `<dl>`). */
export function HashRow({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** A version's exports, downloaded rather than opened. */
export function DownloadLinks({ version }: { version: Pick<VersionSummary, 'markdownUrl' | 'pdfUrl'> }) {
  return (
    <>
      <a href={version.markdownUrl} download className="download-link" data-testid="download-markdown">
        Markdown
      </a>
      <a href={version.pdfUrl} download className="download-link" data-testid="download-pdf">
        PDF
      </a>
    </>
  );
}

/** Who must sign a version and who has; "pending" only while signing is still possible. */
export function SignerList({
  signers,
  status,
  currentUserId,
  label,
}: {
  signers: VersionSigner[];
  status: VersionStatus;
  currentUserId: string;
  label: string;
}) {
  if (signers.length === 0) return <p className="muted">Nobody was required to sign this version.</p>;
  return (
    <ul className="signers" aria-label={label}>
      {signers.map((signer) => (
        <li
          key={signer.user.id}
          className="signer"
          data-testid="version-signer"
          data-user-id={signer.user.id}
          data-signed={String(signer.signature !== null)}
        >
          <span className="signer-name">
            {displayName(signer.user)}
            {signer.user.id === currentUserId && <span className="muted"> (you)</span>}
          </span>
          <RoleBadge role={signer.role} />
          {signer.signature ? (
            <span className="signer-state is-signed">
              <span aria-hidden="true">✓ </span>Signed <DateTime iso={signer.signature.signedAt} long />
            </span>
          ) : (
            <span className="signer-state is-pending">
              {status === 'AWAITING_SIGNATURES' ? 'Pending' : 'Not signed'}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}

export const signedCount = (signers: VersionSigner[]) => signers.filter((signer) => signer.signature !== null).length;
