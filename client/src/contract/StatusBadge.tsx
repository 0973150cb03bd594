import type { VersionStatus } from '@brieflock/schema';
import { STATUS_LABELS } from './labels';

/** A version's status (awaiting signatures, signed, superseded) as a badge. */
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
