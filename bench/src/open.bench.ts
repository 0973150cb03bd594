import * as Y from 'yjs';
import type { App } from '../../server/src/app.js';
import { outcomeText, paperBrief } from './brief.js';
import { openPeer, whenSynced, type Peer } from './collab/peers.js';
import { collabTarget } from './freeze.bench.js';
import { median, type Result, type Round, roundsResult, waitFor } from './harness.js';
import { Seed } from './seed.js';

/** Rounds, each timing ours and the reference back to back. */
const ROUNDS = 5;
/** Measured cold opens per round, after the first one of all (which also compacts the stored log). */
const OPENS = 7;
const REFERENCE_RUNS = 7;

/**
 * P8: a new client opens a large stored brief that no one has open. The automerge-paper
 * brief is stored as the update log its editing would leave: one row per transaction. Each open starts with the document unloaded on the server (checked), and
 * is timed from a new `WebsocketProvider` to its `sync` event, then checked to hold the
 * whole text. The first open also compacts the log (reported in the notes); the measured
 * ones load the compacted state, as every open after it does.
 *
 * Reference: `Y.applyUpdate` of the document's encoded state into a fresh Y.Doc.
 */
export async function benchColdOpen(app: App, databaseUrl: string): Promise<Result[]> {
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
    const open = async (): Promise<number> => {
      await waitFor(
        () => !app.collab.loadedDocument(proposalId),
        'ours: the brief to unload before a cold open',
        60_000,
      );
      const started = performance.now();
      const peer: Peer = openPeer(target, proposalId, { token: client!.token });
      try {
        await whenSynced(target, [peer], 120_000);
        const elapsed = performance.now() - started;
        if (outcomeText(peer.doc) !== paper.text)
          throw new Error('ours: a cold open synced without the whole outcome text');
        return elapsed;
      } finally {
        peer.close();
      }
    };
    const firstMs = await open();
    const compactedRows = await seed.briefUpdateRows(proposalId);

    const state = Y.encodeStateAsUpdate(paper.doc);
    const reference = (): number => {
      const started = performance.now();
      const doc = new Y.Doc();
      Y.applyUpdate(doc, state);
      const elapsed = performance.now() - started;
      if (outcomeText(doc) !== paper.text) throw new Error('reference: the applied state lacks the outcome text');
      doc.destroy();
      return elapsed;
    };
    reference();
    const rounds: Round[] = [];
    for (let n = 0; n < ROUNDS; n++) {
      const ours: number[] = [];
      for (let run = 0; run < OPENS; run++) ours.push(await open());
      const referenceMs: number[] = [];
      for (let run = 0; run < REFERENCE_RUNS; run++) referenceMs.push(reference());
      rounds.push({ ours: median(ours), reference: median(referenceMs) });
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
          firstOpenMs: `${round(firstMs)} (${storedRows.toLocaleString('en')} stored rows, compacted to ${compactedRows} on that load)`,
          yjsStateBytes: state.byteLength,
          seedSeconds: round(seedMs / 1000),
          reference: 'Y.applyUpdate of the encoded state into a fresh Y.Doc, in memory',
        },
      ),
    ];
  } finally {
    await seed.close();
  }
}
