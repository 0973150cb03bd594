import type { ParticipantRole } from '@brieflock/schema';
import type { Timestamp } from '../read-model.js';

/** A row of `proposals`, as raw SQL reads it. */
export type ProposalRow = {
  id: string;
  title: string;
  created_by_id: string;
  created_at: Timestamp;
};

/** A row of `participants`, as raw SQL reads it. */
export type ParticipantRow = {
  id: string;
  proposal_id: string;
  /** Null while this is a pending invitation. */
  user_id: string | null;
  invited_email: string | null;
  role: ParticipantRole;
  invited_by_id: string | null;
  accepted_at: Timestamp | null;
  invitation_token_hash: string | null;
  invitation_expires_at: Timestamp | null;
  created_at: Timestamp;
};
