import * as Y from 'yjs';
import type { App } from '../../server/src/app.js';
import { outcomeText, paperBrief } from './brief.js';
import { PEER_NOTE, ROUNDS } from './collab.bench.js';
import type { startHocuspocusTarget } from './collab/hocuspocus.js';
import { openPeer, until, whenSynced, type CollabTarget, type Peer } from './collab/peers.js';
import { collabTarget } from './freeze.bench.js';
import { median, roundsResult, waitFor, type Result, type Round } from './harness.js';
import { Seed } from './seed.js';

/** Measured cold opens per round and side, after the first one (which also compacts the stored log). */
const OPENS = 5;
const REFERENCE_RUNS = 5;

/**
 * P8: a new client opens a large stored brief that no one has open. The automerge-paper
 * brief is stored as the update log its editing would leave: one row per transaction. Each open starts with the document unloaded on the server (checked), and
 * is timed from a new `WebsocketProvider` to its `sync` event, then checked to hold the
 * whole text. The first open also compacts the log (reported in the notes); the measured
 * ones load the compacted state, as every open after it does.
 *
 * Reference: `Y.applyUpdate` of the document's encoded state into a fresh Y.Doc.
 *
 * Peer: Hocuspocus with its database extension. A HocuspocusProvider writes the same brief
 * into a fresh document and stays until a store holding all of it completed, so the
 * extension stored it in PostgreSQL; each open then waits for Hocuspocus to have unloaded
 * the document and times a new HocuspocusProvider to `synced`, checked the same way.
 *
 * ROUNDS rounds, each the median of OPENS opens per side, ours, the floor and the peer back to back.
 */
export async function benchColdOpen(
  app: App,
  databaseUrl: string,
  peer?: Awaited<ReturnType<typeof startHocuspocusTarget>>,
): Promise<Result[]> {
  const paper = await paperBrief();
  if (!paper) return [];
  const seed = new Seed(databaseUrl);
  try {
    const [client] = await seed.users(1, 'open');
    const proposalId = await seed.proposal(client!, 'Cold open of a large brief');
    const seeding = performance.now();
    await seed.briefUpdates(proposalId, paper.updates);
    const seedMs = performance.now() - seeding;
    const storedRows = await seed.briefUpdateRows(proposalId);

    const target = collabTarget(app);
    const timedOpen = async (side: CollabTarget, room: string, token: string): Promise<number> => {
      const started = performance.now();
      const opened: Peer = openPeer(side, room, { token });
      try {
        await whenSynced(side, [opened], 120_000);
        const elapsed = performance.now() - started;
        if (outcomeText(opened.doc) !== paper.text)
          throw new Error(`${side.name}: a cold open synced without the whole outcome text`);
        return elapsed;
      } finally {
        opened.close();
      }
    };
    const open = async (): Promise<number> => {
      await waitFor(
        () => !app.collab.loadedDocument(proposalId),
        'ours: the brief to unload before a cold open',
        60_000,
      );
      return timedOpen(target, proposalId, client!.token);
    };
    const firstMs = await open();
    const compactedRows = await seed.briefUpdateRows(proposalId);

    const state = Y.encodeStateAsUpdate(paper.doc);
    const referenceOpen = (): number => {
      const started = performance.now();
      const doc = new Y.Doc();
      Y.applyUpdate(doc, state);
      const elapsed = performance.now() - started;
      if (outcomeText(doc) !== paper.text) throw new Error('reference: the applied state lacks the outcome text');
      doc.destroy();
      return elapsed;
    };
    referenceOpen();

    // The peer's copy, stored by its database extension from a provider that wrote it.
    const peerRoom = peer ? (await peer.newRoom()).room : '';
    if (peer) {
      const writer = openPeer(peer, peerRoom, { token: 'any' });
      let storedAll = false;
      const stateVector = Y.decodeStateVector(Y.encodeStateVector(paper.doc));
      let notify: (() => void) | undefined;
      const off = peer.hocuspocus.onStored(peerRoom, (snapshot) => {
        storedAll = [...stateVector].every(([id, clock]) => (snapshot.sv.get(id) ?? 0) >= clock);
        notify?.();
      });
      try {
        await whenSynced(peer, [writer], 60_000);
        Y.applyUpdate(writer.doc, state);
        await until('peer: a store holding the whole brief', 60_000, (resolve) => {
          notify = () => storedAll && resolve();
          notify();
          return () => (notify = undefined);
        });
      } finally {
        off();
        writer.close();
      }
    }
    const peerOpen = async (): Promise<number> => {
      await waitFor(
        () => !peer!.hocuspocus.server.hocuspocus.documents.has(peerRoom),
        'peer: the brief to unload before a cold open',
        60_000,
      );
      return timedOpen(peer!, peerRoom, 'any');
    };
    if (peer) await peerOpen();

    const rounds: Round[] = [];
    const runs: { ours: number[]; reference: number[]; peer: number[] } = { ours: [], reference: [], peer: [] };
    for (let n = 0; n < ROUNDS; n++) {
      const ours: number[] = [];
      for (let run = 0; run < OPENS; run++) ours.push(await open());
      const reference: number[] = [];
      for (let run = 0; run < REFERENCE_RUNS; run++) reference.push(referenceOpen());
      const peerRuns: number[] = [];
      if (peer) for (let run = 0; run < OPENS; run++) peerRuns.push(await peerOpen());
      runs.ours.push(...ours);
      runs.reference.push(...reference);
      runs.peer.push(...peerRuns);
      rounds.push({ ours: median(ours), reference: median(reference), peer: peer ? median(peerRuns) : undefined });
    }
    const round = (value: number) => Math.round(value * 10) / 10;
    return [
      roundsResult(
        'P8',
        `cold open of the automerge-paper brief by a new client, provider → synced, median`,
        'ms',
        rounds,
        {
          oursRoundMediansMs: rounds.map((r) => round(r.ours)).join(' / '),
          referenceRoundMediansMs: rounds.map((r) => round(r.reference)).join(' / '),
          peerRoundMediansMs: rounds.map((r) => round(r.peer ?? NaN)).join(' / '),
          oursRunsMs: runs.ours.map(round).join(' / '),
          peerRunsMs: runs.peer.map(round).join(' / '),
          firstOpenMs: `${round(firstMs)} (${storedRows.toLocaleString('en')} stored rows, compacted to ${compactedRows} on that load)`,
          yjsStateBytes: state.byteLength,
          seedSeconds: round(seedMs / 1000),
          reference: 'Y.applyUpdate of the encoded state into a fresh Y.Doc, in memory',
          peer: `${PEER_NOTE}; the brief stored by its database extension (one row, the encoded state), unloaded before each open`,
        },
      ),
    ];
  } finally {
    await seed.close();
  }
}
