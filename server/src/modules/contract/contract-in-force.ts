import type { EntityManager } from '@mikro-orm/postgresql';
import type { TypedBriefContent } from '@brieflock/schema';

/**
 * The executed version in force: the newest SIGNED one by number, or none. Read under
 * the proposal's row lock, it cannot change before the caller's transaction ends (a
 * signature that executes a version takes the same lock).
 */
export async function contractInForce(
  tx: EntityManager,
  proposalId: string,
): Promise<{ id: string; number: number } | null> {
  const [row] = await tx.execute<{ id: string; number: number }[]>(
    `select "id", "number" from "contract_versions" where "proposal_id" = ? and "status" = 'SIGNED' order by "number" desc limit 1`,
    [proposalId],
  );
  return row ?? null;
}

/** A version's frozen content, or null when there is no such version. */
export async function versionContent(tx: EntityManager, versionId: string): Promise<TypedBriefContent | null> {
  const [row] = await tx.execute<{ content_json: TypedBriefContent | string }[]>(
    'select "content_json" from "contract_versions" where "id" = ?',
    [versionId],
  );
  if (!row) return null;
  return typeof row.content_json === 'string' ? (JSON.parse(row.content_json) as TypedBriefContent) : row.content_json;
}
