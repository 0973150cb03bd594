import type { EntityManager } from '@mikro-orm/postgresql';
import { auditHashOf } from '@brieflock/schema';

export type AuditKind = 'VERSION_FROZEN' | 'VERSION_SUPERSEDED' | 'VERSION_SIGNED' | 'VERSION_EXECUTED';

export interface AuditEntry {
  proposalId: string;
  kind: AuditKind;
  actorId: string | null;
  versionId: string | null;
  data?: Record<string, unknown>;
  at: Date;
}

/**
 * Appends a row to the proposal's audit chain inside the caller's transaction. The
 * caller holds the proposal's row lock, so rows of one proposal are chained one at a time.
 */
export async function appendAudit(tx: EntityManager, entry: AuditEntry): Promise<void> {
  const [last] = await tx.execute<{ hash: string }[]>(
    'select "hash" from "audit_events" where "proposal_id" = ? order by "id" desc limit 1',
    [entry.proposalId],
  );
  const previousHash = last?.hash ?? null;
  const data = entry.data ?? null;
  const hash = auditHashOf({ ...entry, data, previousHash });
  await tx.execute(
    'insert into "audit_events" ("proposal_id", "kind", "actor_id", "version_id", "data", "at", "previous_hash", "hash") values (?, ?, ?, ?, ?, ?, ?, ?)',
    [
      entry.proposalId,
      entry.kind,
      entry.actorId,
      entry.versionId,
      data === null ? null : JSON.stringify(data),
      entry.at,
      previousHash,
      hash,
    ],
  );
}
