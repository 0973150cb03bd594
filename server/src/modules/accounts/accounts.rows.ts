import type { Timestamp } from '../read-model.js';

/** A row of `users`, as raw SQL reads it. */
export type UserRow = {
  id: string;
  email: string;
  name: string;
  password_hash: string | null;
  pending: boolean;
  created_at: Timestamp;
};

/** A row of `sessions`, as raw SQL reads it. */
export type SessionRow = {
  id: string;
  user_id: string;
  token_hash: string;
  method: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  ip: string | null;
  user_agent: string | null;
};
