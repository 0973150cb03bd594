import type { VersionStatus } from '@brieflock/schema';
import { DateTime } from '../components/DateTime';
import { RoleBadge } from '../participants/RoleBadge';
import { displayName } from './labels';
import type { VersionSummaryFieldsFragment } from '../gql/graphql';

type VersionSigner = VersionSummaryFieldsFragment['signers'][number];

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
          {!signer.signature && status === 'AWAITING_SIGNATURES' && <ReminderLine signer={signer} />}
        </li>
      ))}
    </ul>
  );
}

/** When a pending signer was last reminded and when the next scheduled reminder goes out. */
function ReminderLine({ signer }: { signer: VersionSigner }) {
  return (
    <span className="signer-reminders muted" data-testid="signer-reminders">
      {signer.lastRemindedAt && (
        <>
          Reminded <DateTime iso={signer.lastRemindedAt} long />.{' '}
        </>
      )}
      {signer.nextReminderAt ? (
        <>
          Next reminder <DateTime iso={signer.nextReminderAt} long />.
        </>
      ) : (
        'No more reminders are scheduled.'
      )}
    </span>
  );
}

export const signedCount = (signers: VersionSigner[]) => signers.filter((signer) => signer.signature !== null).length;
