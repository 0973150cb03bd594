/** Roles a participant can hold on a proposal. */
export const PARTICIPANT_ROLES = ['CLIENT', 'FREELANCER', 'VIEWER'] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];

/** Roles that may edit the brief and must sign frozen versions. */
export const EDITOR_ROLES: readonly ParticipantRole[] = ['CLIENT', 'FREELANCER'];

export const canEditWithRole = (role: ParticipantRole): boolean => EDITOR_ROLES.includes(role);
