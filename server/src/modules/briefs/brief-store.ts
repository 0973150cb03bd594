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
): Promise<{ maxId: string | null; rows: number; bytes: number; first: Uint8Array | null }> {
  // Through `em`, so a caller inside a transaction reads on its own connection.
  const rows = await em.execute<Pick<BriefUpdateRow, 'id' | 'data'>[]>(
    'select "id", "data" from "brief_updates" where "proposal_id" = ? order by "id"',
    [proposalId],
  );
  let bytes = 0;
  doc.transact(() => {
    for (const row of rows) {
      Y.applyUpdate(doc, row.data);
      bytes += row.data.length;
    }
  }, origin);
  return {
    maxId: rows.length > 0 ? rows[rows.length - 1]!.id : null,
    rows: rows.length,
    bytes,
    first: rows[0]?.data ?? null,
  };
}

/**
 * Replaces the rows up to `maxId` with `state`, the encoded state of a Y.Doc they were
 * applied into (`Y.mergeUpdates` is super-linear on long logs).
 * Rows appended meanwhile, by this instance or another, have higher ids and stay.
 */
export async function compactBrief(
  orm: MikroORM,
  proposalId: string,
  state: Uint8Array,
  maxId: string,
): Promise<number> {
  const data = Buffer.from(state.buffer, state.byteOffset, state.byteLength);
  return orm.em.fork().transactional(async (em) => {
    // Bound parameters: `execute` would write the whole state into the SQL text as hex.
    const trx = em.getTransactionContext<Knex.Transaction>()!;
    await trx.raw('delete from "brief_updates" where "proposal_id" = ? and "id" <= ?', [proposalId, maxId]);
    await trx.raw('insert into "brief_updates" ("proposal_id", "data") values (?, ?)', [proposalId, data]);
    const left = (await trx.raw(
      'select coalesce(sum(length("data")), 0)::bigint as "bytes" from "brief_updates" where "proposal_id" = ?',
      [proposalId],
    )) as { rows: { bytes: string }[] };
    return Number(left.rows[0]!.bytes);
  });
}

/**
 * Compacts a brief's stored log while the brief is open, from storage alone: in one
 * transaction, the rows there are now are read (and locked), applied into a fresh Y.Doc,
 * and replaced by its encoded state. Exactly the rows read are deleted: a row committed
 * meanwhile, by this instance or another, was not read and stays, so no update is lost
 * whatever the live document holds. Resolves with the bytes the log holds afterwards.
 */
export async function compactStoredBrief(orm: MikroORM, proposalId: string): Promise<number> {
  return orm.em.fork().transactional(async (em) => {
    const trx = em.getTransactionContext<Knex.Transaction>()!;
    const { rows } = (await trx.raw(
      'select "id", "data" from "brief_updates" where "proposal_id" = ? order by "id" for update',
      [proposalId],
    )) as { rows: Pick<BriefUpdateRow, 'id' | 'data'>[] };
    if (rows.length <= 1) return rows[0]?.data.length ?? 0;
    const doc = new Y.Doc();
    try {
      doc.transact(() => {
        for (const row of rows) Y.applyUpdate(doc, row.data);
      });
      const state = Buffer.from(Y.encodeStateAsUpdate(doc));
      // One array parameter (a PostgreSQL array literal), however many rows were read.
      await trx.raw('delete from "brief_updates" where "id" = any(?::bigint[])', [
        `{${rows.map((row) => row.id).join(',')}}`,
      ]);
      await trx.raw('insert into "brief_updates" ("proposal_id", "data") values (?, ?)', [proposalId, state]);
      const left = (await trx.raw(
        'select coalesce(sum(length("data")), 0)::bigint as "bytes" from "brief_updates" where "proposal_id" = ?',
        [proposalId],
      )) as { rows: { bytes: string }[] };
      return Number(left.rows[0]!.bytes);
    } finally {
      doc.destroy();
    }
  });
}

/** What `loadBrief` loaded. */
export interface LoadedBrief {
  /** Bytes the stored log holds afterwards (the conversion to store not counted). */
  bytes: number;
  /** A stored update that is exactly what the document holds: the only row, or the state the log was just compacted into. */
  state: Uint8Array | null;
  /** What `convert` changed, when it is not stored yet (the caller stores it). */
  converted: Uint8Array | null;
}

/**
 * Loads a brief for serving: applies the log, then `convert` (a change made once when a
 * brief is loaded; it answers its update, or null), and compacts the log when it grew
 * long (more than `COMPACT_ABOVE_ROWS` rows) or large (more than `compactAboveBytes`
 * beyond its first row, the state it was last compacted into). A compacted state holds
 * the conversion too; otherwise the caller stores it.
 */
export async function loadBrief(
  orm: MikroORM,
  log: Logger,
  proposalId: string,
  doc: Y.Doc,
  origin: unknown,
  options: { compactAboveBytes: number; convert?: (doc: Y.Doc) => Uint8Array | null },
): Promise<LoadedBrief> {
  const { maxId, rows, bytes, first } = await applyStoredBrief(orm.em.fork(), proposalId, doc, origin);
  const converted = options.convert?.(doc) ?? null;
  if (maxId !== null && (rows > COMPACT_ABOVE_ROWS || bytes - (first?.length ?? 0) > options.compactAboveBytes)) {
    const state = Y.encodeStateAsUpdate(doc);
    try {
      return { bytes: await compactBrief(orm, proposalId, state, maxId), state, converted: null };
    } catch (error) {
      // The log stays as it was; the next load tries again.
      log.warn({ err: error, proposalId }, 'brief update log could not be compacted');
      return { bytes, state: converted ? null : state, converted };
    }
  }
  return { bytes, state: rows === 1 && !converted ? first : null, converted };
}
