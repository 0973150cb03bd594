import type { ParticipantRole } from '@brieflock/schema';
import { ROLE_LABELS } from './roles';

/** A participant's role as a coloured badge. */
export function RoleBadge({ role }: { role: ParticipantRole }) {
  return <span className={`badge badge-role badge-${role.toLowerCase()}`}>{ROLE_LABELS[role]}</span>;
}
