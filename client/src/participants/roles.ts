import type { ParticipantRole } from '@brieflock/schema';

/** How each participant role is named on screen. */
export const ROLE_LABELS: Record<ParticipantRole, string> = {
  CLIENT: 'Client',
  FREELANCER: 'Freelancer',
  VIEWER: 'Viewer',
};
