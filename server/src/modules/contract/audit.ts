import type { EntityManager } from '@mikro-orm/postgresql';
import { auditHashOf, auditRef } from '@brieflock/schema';
import type { ServerKeys } from '../trust/server-keys.js';

/**
 * DRAFT_RESTORED: the live draft was set back to a version's content (`data`: its number
 * and content hash). VERSION_DECLINED: a signer refused a version, with a reason. The
 * MILESTONE_* rows record each step of a tracked milestone (`data.milestoneId`), the
 * engagement's close and the reviews written on it.
 */
export type AuditKind =
  | 'VERSION_FROZEN'
  | 'VERSION_SUPERSEDED'
  | 'VERSION_SIGNED'
  | 'VERSION_EXECUTED'
  | 'VERSION_DECLINED'
  | 'DRAFT_RESTORED'
  | 'MILESTONE_TRACKED'
  | 'MILESTONE_STARTED'
  | 'MILESTONE_SUBMITTED'
  | 'MILESTONE_CHANGES_REQUESTED'
  | 'MILESTONE_ACCEPTED'
  | 'MILESTONE_REMOVED'
  | 'ENGAGEMENT_CLOSED'
  | 'REVIEW_WRITTEN'
  | 'REVIEW_ANSWERED';

export interface AuditEntry {
  proposalId: string;
  kind: AuditKind;
  actorId: string | null;
  versionId: string | null;
  data?: Record<string, unknown>;
  at: Date;
}

/** The head of a proposal's audit chain: its last row's hash and sequence number (0 and null when empty). */
export interface AuditHead {
  hash: string | null;
  sequence: number;
}

/**
 * Appends a row to the proposal's audit chain inside the caller's transaction, numbered
 * 1, 2, 3, … and sealed with the server key. The caller holds the proposal's row lock,
 * so rows of one proposal are chained one at a time.
 */
export async function appendAudit(tx: EntityManager, keys: ServerKeys, entry: AuditEntry): Promise<void> {
  await appendAudits(tx, keys, entry.proposalId, [entry]);
}

/**
 * Appends `entries` (all of `proposalId`), in order, to its audit chain as `appendAudit`
 * would one by one, reading the chain's head once and writing them in one statement.
 * Resolves with the chain's head after them.
 */
export async function appendAudits(
  tx: EntityManager,
  keys: ServerKeys,
  proposalId: string,
  entries: readonly AuditEntry[],
): Promise<AuditHead> {
  const [last] = await tx.execute<{ hash: string; sequence: number }[]>(
    'select "hash", "sequence" from "audit_events" where "proposal_id" = ? order by "sequence" desc limit 1',
    [proposalId],
  );
  let head: AuditHead = { hash: last?.hash ?? null, sequence: last ? Number(last.sequence) : 0 };
  if (entries.length === 0) return head;
  const values: unknown[] = [];
  for (const entry of entries) {
    if (entry.proposalId !== proposalId) throw new Error('audit rows of one proposal at a time');
    const previousHash = head.hash;
    const sequence = head.sequence + 1;
    const data = entry.data ?? null;
    const hash = auditHashOf({ ...entry, data, previousHash });
    const seal = keys.seal({ record: 'audit', ref: auditRef(entry.proposalId, sequence), hash });
    values.push(
      entry.proposalId,
      sequence,
      entry.kind,
      entry.actorId,
      entry.versionId,
      data === null ? null : JSON.stringify(data),
      entry.at,
      previousHash,
      hash,
      seal.keyId,
      seal.signature,
    );
    head = { hash, sequence };
  }
  await tx.execute(
    `insert into "audit_events" ("proposal_id", "sequence", "kind", "actor_id", "version_id", "data", "at", "previous_hash", "hash", "server_key_id", "server_signature") values ${entries.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
    values,
  );
  return head;
}
