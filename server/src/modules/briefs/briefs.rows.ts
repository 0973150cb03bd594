import type { Timestamp } from '../read-model.js';

/** A row of `brief_updates` (one stored Yjs update, or a compacted state), as raw SQL reads it. */
export type BriefUpdateRow = {
  /** A bigserial: text, so it never loses precision. */
  id: string;
  proposal_id: string;
  data: Buffer;
  created_at: Timestamp;
};
