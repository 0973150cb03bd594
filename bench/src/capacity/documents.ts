import * as Y from 'yjs';
import { smallReadyBrief } from '../brief.js';
import { sleep } from '../harness.js';
import type { CaseContext } from './editors.js';
import { connectAll, seedRooms, typedBrief, type BriefFixture, type SeededRoom } from './fixtures.js';
import { MiB, printRows, round } from './measure.js';
import { RawPeer } from './peer.js';
import { startServer, type ServerChild } from './processes.js';

/** After every socket synced: time for stores and timers to settle before memory is read. */
const SETTLE_MS = 2_000;

export interface DocumentsRow {
  brief: string;
  /** Encoded Yjs state of one document, KiB. */
  stateKiB: number;
  /** A diff to a replica that holds everything (the delete set every sync and resync carries), KiB. */
  upToDateDiffKiB: number;
  outcomeChars: number;
  edits: number;
  documents: number;
  /** Server RSS after forced GC, before and with the documents open, MiB. */
  baselineRssMiB: number;
  loadedRssMiB: number;
  /** Per open document together with its one connection: RSS, heap and external (array buffers) growth, KiB. */
  rssKiBPerDocument: number;
  heapKiBPerDocument: number;
  externalKiBPerDocument: number;
  /** Per further connection on an open document (a second tab or person), KiB of RSS; NaN when not measured. */
  rssKiBPerConnection: number;
  heapKiBPerConnection: number;
  /** Server CPU per open (authenticate, load from PostgreSQL, sync), ms. */
  cpuMsPerOpen: number;
  openSeconds: number;
}

const kib = (bytes: number, count: number) => round(bytes / 1024 / count);

const metric = async (server: ServerChild, name: string) => (await server.metrics()).get(name) ?? NaN;

/** One connection per room, as its CLIENT, publishing a presence as an open editor does. */
const opener = (server: ServerChild, room: SeededRoom) => () => {
  const peer = new RawPeer({
    url: server.collabUrl,
    proposalId: room.proposalId,
    token: room.members[0]!.token,
    saved: true,
  });
  void peer.whenSynced().then(
    () => peer.setPresence({ cursor: null }),
    () => undefined,
  );
  return peer;
};

/**
 * Opens `count` documents holding `brief` on a fresh server, one connection each, then
 * (when `secondConnection`) a second connection on each, reading the server's memory after
 * forced garbage collection before and after each.
 */
async function measureBrief(
  ctx: CaseContext,
  brief: BriefFixture,
  count: number,
  secondConnection: boolean,
): Promise<DocumentsRow> {
  const rooms = await seedRooms(ctx.seed, `documents-${brief.name}`, count + 5, 1, brief.state, 'CLIENT');
  const warm = rooms.slice(0, 5);
  const measured = rooms.slice(5);
  const server = await startServer(ctx.root, 'documents', { DATABASE_URL: ctx.databaseUrl });
  const peers: RawPeer[] = [];
  try {
    // Warm-up on rooms of their own: code paths, pools; unloaded again before the baseline.
    const warmPeers = await connectAll(warm.map((room) => opener(server, room)));
    for (const peer of warmPeers) peer.close();
    const deadline = performance.now() + 30_000;
    while ((await metric(server, 'brieflock_collab_documents_loaded')) > 0 && performance.now() < deadline)
      await sleep(100);
    await sleep(500);
    const baseline = await server.memoryAfterGc();
    const cpuBefore = server.cpuSeconds();
    const opening = performance.now();
    peers.push(...(await connectAll(measured.map((room) => opener(server, room)))));
    const openSeconds = (performance.now() - opening) / 1000;
    const cpuMsPerOpen = ((server.cpuSeconds() - cpuBefore) * 1000) / count;
    await sleep(SETTLE_MS);
    const loadedDocuments = await metric(server, 'brieflock_collab_documents_loaded');
    if (loadedDocuments !== count)
      throw new Error(`documents: ${loadedDocuments} documents loaded on the server, expected ${count}`);
    const loaded = await server.memoryAfterGc();
    let second: NodeJS.MemoryUsage | undefined;
    if (secondConnection) {
      peers.push(...(await connectAll(measured.map((room) => opener(server, room)))));
      await sleep(SETTLE_MS);
      const connections = await metric(server, 'brieflock_collab_connections');
      if (connections !== 2 * count)
        throw new Error(`documents: ${connections} connections on the server, expected ${2 * count}`);
      second = await server.memoryAfterGc();
    }
    const closed = peers.filter((peer) => peer.closedUnexpectedly);
    if (closed.length > 0)
      throw new Error(
        `documents: ${closed.length} sockets closed by the server (${closed[0]!.closedUnexpectedly!.code})`,
      );
    const perConnection = (key: 'rss' | 'heapUsed') => (second ? kib(second[key] - loaded[key], count) : NaN);
    return {
      brief: brief.name,
      stateKiB: round(brief.state.byteLength / 1024),
      upToDateDiffKiB: round(brief.upToDateDiffBytes / 1024, 2),
      outcomeChars: brief.outcomeChars,
      edits: brief.edits,
      documents: count,
      baselineRssMiB: round(baseline.rss / MiB),
      loadedRssMiB: round(loaded.rss / MiB),
      rssKiBPerDocument: kib(loaded.rss - baseline.rss, count),
      heapKiBPerDocument: kib(loaded.heapUsed - baseline.heapUsed, count),
      externalKiBPerDocument: kib(loaded.external - baseline.external, count),
      rssKiBPerConnection: perConnection('rss'),
      heapKiBPerConnection: perConnection('heapUsed'),
      cpuMsPerOpen: round(cpuMsPerOpen, 2),
      openSeconds: round(openSeconds),
    };
  } finally {
    for (const peer of peers) peer.close();
    await server.stop();
  }
}

/**
 * b. Memory per open document and per connection: 1,000 documents holding a brief typed
 * keystroke by keystroke (the sveltecomponent trace as its outcome), one connection each,
 * then a second connection on each; and 50 documents holding the largest brief
 * (automerge-paper), one connection each. Each set on a fresh server.
 */
export async function benchDocuments(
  ctx: CaseContext,
  documents: number,
  largeDocuments: number,
): Promise<DocumentsRow[]> {
  const rows: DocumentsRow[] = [];
  const typical =
    (await typedBrief('sveltecomponent')) ??
    (() => {
      const doc = smallReadyBrief(
        Array.from(
          { length: 30 },
          (_, n) => `Paragraph ${n + 1}: the churn model scores every paying customer nightly from the CRM export.`,
        ),
      );
      const fixture = {
        name: 'ready brief with 30 paragraphs',
        state: Y.encodeStateAsUpdate(doc),
        outcomeChars: 0,
        edits: 1,
        upToDateDiffBytes: Y.encodeStateAsUpdate(doc, Y.encodeStateVector(doc)).byteLength,
      };
      doc.destroy();
      return fixture;
    })();
  rows.push(await measureBrief(ctx, typical, documents, true));
  console.log(
    `  b. ${documents} × ${typical.name}: ${rows[0]!.rssKiBPerDocument} KiB RSS per document, ${rows[0]!.rssKiBPerConnection} KiB per connection`,
  );
  const large = await typedBrief('automerge-paper');
  if (large) {
    rows.push(await measureBrief(ctx, large, largeDocuments, false));
    console.log(`  b. ${largeDocuments} × ${large.name}: ${rows[1]!.rssKiBPerDocument} KiB RSS per document`);
  } else console.log('  b. automerge-paper trace not found: the large brief is skipped');
  return rows;
}

export function printDocuments(rows: DocumentsRow[]): void {
  printRows(
    'b. Open documents on one instance (server memory after forced GC; each set on a fresh server)',
    [
      'brief',
      'state KiB',
      'min diff KiB',
      'outcome chars',
      'edits',
      'docs',
      'RSS before MiB',
      'RSS open MiB',
      'RSS KiB/doc',
      'heap KiB/doc',
      'RSS KiB/extra conn',
      'heap KiB/extra conn',
      'CPU ms/open',
      'open s',
    ],
    rows.map((r) => [
      r.brief,
      r.stateKiB,
      r.upToDateDiffKiB,
      r.outcomeChars,
      r.edits,
      String(r.documents),
      r.baselineRssMiB,
      r.loadedRssMiB,
      r.rssKiBPerDocument,
      r.heapKiBPerDocument,
      Number.isFinite(r.rssKiBPerConnection) ? r.rssKiBPerConnection : '-',
      Number.isFinite(r.heapKiBPerConnection) ? r.heapKiBPerConnection : '-',
      r.cpuMsPerOpen,
      r.openSeconds,
    ]),
  );
}
