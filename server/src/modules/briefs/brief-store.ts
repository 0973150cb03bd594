import type { EntityManager, Knex, MikroORM } from '@mikro-orm/postgresql';
import * as Y from 'yjs';
import type { Logger } from '../../logger.js';
import type { BriefUpdateRow } from './briefs.rows.js';

/** Above this many stored rows, loading replaces them with one encoded state. */
export const COMPACT_ABOVE_ROWS = 100;

/**
 * Applies every stored update of a proposal's brief into `doc` in one transaction.
 * Throws when storage cannot be read or a row does not decode: the caller must then
 * refuse to serve the document rather than serve or store an empty one over it.
 * Returns the highest row id applied and how many rows there were.
 */
export async function applyStoredBrief(
  em: EntityManager,
  proposalId: string,
  doc: Y.Doc,
  origin: unknown,
): Promise<{ maxId: string | null; rows: number }> {
  // Through `em`, so a caller inside a transaction reads on its own connection.
  const rows = await em.execute<Pick<BriefUpdateRow, 'id' | 'data'>[]>(
    'select "id", "data" from "brief_updates" where "proposal_id" = ? order by "id"',
    [proposalId],
  );
  doc.transact(() => {
    for (const row of rows) Y.applyUpdate(doc, row.data);
  }, origin);
  return { maxId: rows.length > 0 ? rows[rows.length - 1]!.id : null, rows: rows.length };
}

/**
 * Replaces the rows up to `maxId` with the document's encoded state (applying stored
 * updates into a Y.Doc and re-encoding; `Y.mergeUpdates` is super-linear on long logs).
 * Rows appended meanwhile, by this instance or another, have higher ids and stay.
 */
export async function compactBrief(orm: MikroORM, proposalId: string, doc: Y.Doc, maxId: string): Promise<void> {
  const state = Buffer.from(Y.encodeStateAsUpdate(doc));
  await orm.em.fork().transactional(async (em) => {
    // Bound parameters: `execute` would write the whole state into the SQL text as hex.
    const trx = em.getTransactionContext<Knex.Transaction>()!;
    await trx.raw('delete from "brief_updates" where "proposal_id" = ? and "id" <= ?', [proposalId, maxId]);
    await trx.raw('insert into "brief_updates" ("proposal_id", "data") values (?, ?)', [proposalId, state]);
  });
}

/** Loads a brief for serving: applies the log and compacts it when it grew long. */
export async function loadBrief(
  orm: MikroORM,
  log: Logger,
  proposalId: string,
  doc: Y.Doc,
  origin: unknown,
): Promise<void> {
  const { maxId, rows } = await applyStoredBrief(orm.em.fork(), proposalId, doc, origin);
  if (maxId !== null && rows > COMPACT_ABOVE_ROWS) {
    try {
      await compactBrief(orm, proposalId, doc, maxId);
      log.debug({ proposalId, rows }, 'brief update log compacted');
    } catch (error) {
      // The log stays as it was; the next load tries again.
      log.warn({ err: error, proposalId }, 'brief update log could not be compacted');
    }
  }
}
