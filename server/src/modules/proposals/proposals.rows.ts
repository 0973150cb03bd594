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
  user_id: string;
  role: ParticipantRole;
  invited_by_id: string | null;
  created_at: Timestamp;
};
