import type { ParticipantRole, TypedBriefContent, VersionStatus } from '@brieflock/schema';
import type { Timestamp } from '../read-model.js';

/** A row of `contract_versions`, as raw SQL reads it. */
export type ContractVersionRow = {
  id: string;
  proposal_id: string;
  number: number;
  status: VersionStatus;
  content_hash: string;
  /** jsonb: parsed by `pg`, sometimes text through other readers. */
  content_json: TypedBriefContent | string;
  yjs_state: Buffer;
  previous_hash: string | null;
  chain_hash: string;
  note: string | null;
  frozen_by_id: string;
  frozen_at: Timestamp;
  status_changed_at: Timestamp | null;
  server_key_id: string | null;
  server_signature: string | null;
  declined_by_id: string | null;
  decline_reason: string | null;
  /** The version in force this one amends (a change order); null otherwise. */
  amends_id: string | null;
};

/** A row of `version_signers` (who must sign a version), as raw SQL reads it. */
export type VersionSignerRow = {
  id: string;
  version_id: string;
  user_id: string;
  role: ParticipantRole;
  /** 0-based group of the version's signing order; null: any order. */
  signing_group: number | null;
};

/** A row of `signatures`, as raw SQL reads it. */
export type SignatureRow = {
  id: string;
  version_id: string;
  signer_id: string;
  content_hash: string;
  signed_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
  auth_method: string;
  consent_statement: string;
  record_hash: string;
  server_key_id: string | null;
  server_signature: string | null;
  /** The passkey assertion (null only on signatures made before passkeys). */
  passkey_id: string | null;
  credential_id: string | null;
  public_key: string | null;
  public_key_algorithm: number | null;
  authenticator_data: string | null;
  client_data_json: string | null;
  assertion_signature: string | null;
  challenge_nonce: string | null;
  rp_id: string | null;
};

/** A row of `audit_events`, as raw SQL reads it. */
export type AuditEventRow = {
  /** A bigserial: text, so it never loses precision. */
  id: string;
  proposal_id: string;
  /** 1, 2, 3, … per proposal. */
  sequence: number;
  kind: string;
  actor_id: string | null;
  version_id: string | null;
  data: unknown;
  at: Timestamp;
  previous_hash: string | null;
  hash: string;
  server_key_id: string | null;
  server_signature: string | null;
};
