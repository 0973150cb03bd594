import * as Y from 'yjs';
import { yieldToLoop } from '../collab/peers.js';
import { sleep } from '../harness.js';
import { documentsLoaded, type CaseContext } from './editors.js';
import { connectAll, seedRooms, smallBrief } from './fixtures.js';
import { printRows, round, snapshot, usageBetween } from './measure.js';
import { RawPeer } from './peer.js';
import { startServer, type ServerChild } from './processes.js';

/** Unpaced writers send far more than the default allowance per socket. */
export const UNPACED_MESSAGES_PER_SECOND = '1000000';
/** Edits handed to the sockets between turns of the event loop. */
const CHUNK = 256;

export interface WritesRow {
  documents: number;
  updates: number;
  /** Time to hand every edit to the sockets, s. */
  sendSeconds: number;
  /** First edit sent → every edit reported durable (SAVED), s. */
  durableSeconds: number;
  durablePerSecond: number;
  meanPersistenceLagMs: number;
  serverCpuPct: number;
  postgresCpuPct: number;
  generatorCpuPct: number;
  /** Busy CPU of the whole machine, % of one core. */
  machineCpuPct: number;
  rowsStored: number;
  rowsExpected: number;
}

/** The outcome's first paragraph text of a synced peer's doc (the small ready brief has one). */
function outcomeTextOf(peer: RawPeer): Y.XmlText {
  const paragraph = peer.doc.getXmlFragment('outcome').get(0);
  const text = paragraph instanceof Y.XmlElement ? paragraph.get(0) : undefined;
  if (!(text instanceof Y.XmlText)) throw new Error('the stored brief has no outcome paragraph');
  return text;
}

/** `documents` documents with one unpaced writer each, `perWriter` one-character edits each. */
async function writeBurst(
  ctx: CaseContext,
  server: ServerChild,
  documents: number,
  perWriter: number,
): Promise<WritesRow> {
  const rooms = await seedRooms(ctx.seed, `writes-${documents}`, documents, 1, smallBrief().state, 'CLIENT');
  const peers = await connectAll(
    rooms.map(
      (room) => () =>
        new RawPeer({
          url: server.collabUrl,
          proposalId: room.proposalId,
          token: room.members[0]!.token,
          saved: true,
          keepState: true,
        }),
    ),
  );
  try {
    const texts = peers.map(outcomeTextOf);
    await sleep(300);
    const probes = { servers: [server], postgres: ctx.postgres };
    const before = await snapshot(probes);
    const started = performance.now();
    let sent = 0;
    for (let round = 0; round < perWriter; round++) {
      for (const [n, peer] of peers.entries()) {
        const text = texts[n]!;
        peer.edit(() => text.insert(text.length, 'x'));
        if (++sent % CHUNK === 0) await yieldToLoop();
      }
    }
    const sendSeconds = (performance.now() - started) / 1000;
    await Promise.all(peers.map((peer) => peer.waitUntil('every edit durable', () => peer.allDurable, 120_000)));
    const durableSeconds = (performance.now() - started) / 1000;
    const after = await snapshot(probes);
    const usage = usageBetween(before, after);
    const updatesSent = peers.reduce((sum, peer) => sum + peer.updatesSent, 0);
    for (const peer of peers) peer.close();
    const deadline = performance.now() + 30_000;
    while ((await documentsLoaded(server)) > 0 && performance.now() < deadline) await sleep(100);
    const { rows } = await ctx.db.query<{ count: string }>(
      'select count(*) from "brief_updates" where "proposal_id" = any($1::uuid[])',
      [rooms.map((room) => room.proposalId)],
    );
    return {
      documents,
      updates: sent,
      sendSeconds: round(sendSeconds, 2),
      durableSeconds: round(durableSeconds, 2),
      durablePerSecond: round(sent / durableSeconds, 0),
      meanPersistenceLagMs: round(usage.meanPersistenceLagMs[0]!, 2),
      serverCpuPct: round(usage.serverCpuPct[0]!),
      postgresCpuPct: round(usage.postgresCpuPct),
      generatorCpuPct: round(usage.generatorCpuPct),
      machineCpuPct: round(usage.machineCpuPct),
      rowsStored: Number(rows[0]!.count),
      rowsExpected: documents + updatesSent,
    };
  } finally {
    for (const peer of peers) peer.close();
  }
}

/**
 * c. Durable write rate: the same number of one-character edits written as fast as the
 * writers can send them, by one writer on one document, then spread over more documents
 * with one writer each; from the first edit until the server reported every one durable.
 */
export async function benchWrites(ctx: CaseContext, total: number, spreads: number[]): Promise<WritesRow[]> {
  const server = await startServer(ctx.root, 'writes', {
    DATABASE_URL: ctx.databaseUrl,
    COLLAB_MESSAGES_PER_SECOND: UNPACED_MESSAGES_PER_SECOND,
  });
  const rows: WritesRow[] = [];
  try {
    // Warm-up: code paths and the update log's connections.
    await writeBurst(ctx, server, 2, 2_000);
    for (const documents of spreads) {
      const row = await writeBurst(ctx, server, documents, Math.ceil(total / documents));
      rows.push(row);
      console.log(
        `  c. ${documents} document(s): ${row.durablePerSecond} durable updates/s, stored ${row.rowsStored}/${row.rowsExpected} rows`,
      );
    }
  } finally {
    await server.stop();
  }
  return rows;
}

export function printWrites(rows: WritesRow[]): void {
  printRows(
    'c. Durable write rate into PostgreSQL (unpaced one-character edits, one writer per document; first edit → all SAVED)',
    [
      'documents',
      'updates',
      'send s',
      'durable s',
      'durable updates/s',
      'mean commit lag ms',
      'server CPU %',
      'PG CPU %',
      'load gen CPU %',
      'machine CPU %',
      'stored rows',
    ],
    rows.map((r) => [
      String(r.documents),
      r.updates,
      r.sendSeconds,
      r.durableSeconds,
      r.durablePerSecond,
      r.meanPersistenceLagMs,
      r.serverCpuPct,
      r.postgresCpuPct,
      r.generatorCpuPct,
      r.machineCpuPct,
      `${r.rowsStored}/${r.rowsExpected}`,
    ]),
  );
}
