import { randomBytes } from 'node:crypto';
import { hashToken } from '../accounts/credentials.js';
import type { Participant } from './participant.entity.js';

/** How long an invitation link works. */
export const INVITATION_TTL_MS = 7 * 24 * 3_600_000;

const PREFIX = 'bli_';

/** A participant row with the token of its newest link, known only in the answer that issued it. */
export interface IssuedInvitation {
  participant: Participant;
  token: string;
}

/**
 * Gives a pending participant a fresh link token (256 random bits) and returns it; only
 * its SHA-256 is stored, and any earlier link stops working.
 */
export function issueInvitationToken(participant: Participant, ttlMs = INVITATION_TTL_MS): string {
  const token = PREFIX + randomBytes(32).toString('base64url');
  participant.invitationTokenHash = hashToken(token);
  participant.invitationExpiresAt = new Date(Date.now() + ttlMs);
  return token;
}

/** The path of an invitation's page in the web client. */
export const invitationPath = (token: string): string => `/invitations/${token}`;

/** The hash a presented token is looked up by; null for anything that cannot be a token. */
export const presentedTokenHash = (token: string): string | null =>
  token.startsWith(PREFIX) && token.length <= 100 ? hashToken(token) : null;
