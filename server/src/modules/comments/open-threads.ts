import type { EntityManager } from '@mikro-orm/postgresql';

/** How many of a proposal's threads are still OPEN (what `comments-resolved` checks). */
export async function countOpenThreads(em: EntityManager, proposalId: string): Promise<number> {
  const [row] = await em.execute<{ open: string }[]>(
    `select count(*) as "open" from "comment_threads" where "proposal_id" = ? and "status" = 'OPEN'`,
    [proposalId],
  );
  return Number(row?.open ?? 0);
}

/** The proposal's newest frozen version: what a thread opened or resolved now was made on. */
export async function latestVersionId(em: EntityManager, proposalId: string): Promise<string | null> {
  const [row] = await em.execute<{ id: string }[]>(
    `select "id" from "contract_versions" where "proposal_id" = ? order by "number" desc limit 1`,
    [proposalId],
  );
  return row?.id ?? null;
}
