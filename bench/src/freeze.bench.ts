import { contentHashOf, contentJsonOf, readBrief } from '@brieflock/schema';
import * as Y from 'yjs';
import type { App } from '../../server/src/app.js';
import { paperBrief } from './brief.js';
import { openPeer, whenSynced, type CollabTarget } from './collab/peers.js';
import { gql } from './graphql.bench.js';
import { median, result, type Result } from './harness.js';
import { Seed } from './seed.js';

/** Measured freezes per variant, after one unmeasured. */
const FREEZES = 11;
const REFERENCE_RUNS = 15;

/** What the web client's freeze dialog selects, plus the hash (checked against the reference's). */
const FREEZE = 'mutation($i: FreezeProposalInput!) { freezeProposal(input: $i) { id number status contentHash } }';

/** Our `/collab` endpoint as a collaboration target for a proposal that already exists. */
export const collabTarget = (app: App): CollabTarget => ({
  name: 'ours',
  url: `${app.url.replace(/^http/, 'ws')}/collab`,
  newRoom: () => Promise.reject(new Error('rooms are seeded')),
  reportsSaved: true,
});

/**
 * P7: `freezeProposal` of the automerge-paper brief, through GraphQL over HTTP as its CLIENT,
 * timed from sending the request to its answer. Every freeze takes a new version of the
 * same (unchanged) brief, superseding the previous one. Measured with the document live
 * (the client's editor connected, as when someone freezes from the editor) and, in the
 * notes, with nobody connected (read from PostgreSQL inside the freeze).
 *
 * Reference: the in-memory part of a freeze on the same document: its Yjs state
 * (`Y.encodeStateAsUpdate`), the brief read to JSON (`readBrief`, `contentJsonOf`) and
 * `contentHashOf`.
 */
export async function benchFreeze(app: App, databaseUrl: string): Promise<Result[]> {
  const paper = await paperBrief();
  if (!paper) return [];
  const seed = new Seed(databaseUrl);
  try {
    const [client, freelancer, viewer] = await seed.users(3, 'freeze');
    const proposalId = await seed.proposal(client!, 'Freeze of a large brief');
    await seed.participants(proposalId, [freelancer!], 'FREELANCER', client!.id);
    await seed.participants(proposalId, [viewer!], 'VIEWER', client!.id);
    const state = Y.encodeStateAsUpdate(paper.doc);
    await seed.briefUpdates(proposalId, [state]);

    // The document as the server holds it once loaded: the stored state applied to a fresh doc.
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state);
    let expectedHash = '';
    const referenceMs: number[] = [];
    for (let run = 0; run <= REFERENCE_RUNS; run++) {
      const started = performance.now();
      Y.encodeStateAsUpdate(doc);
      const hash = contentHashOf(contentJsonOf(readBrief(doc)));
      if (run > 0) referenceMs.push(performance.now() - started);
      expectedHash = hash;
    }

    const url = `${app.url}/graphql`;
    const freezes = async (count: number) => {
      const times: number[] = [];
      for (let run = 0; run <= count; run++) {
        const started = performance.now();
        const frozen = (await gql(url, FREEZE, { i: { proposalId, note: `run ${run}` } }, client!.token))
          .freezeProposal;
        if (run > 0) times.push(performance.now() - started);
        if (frozen.contentHash !== expectedHash)
          throw new Error(`ours: freeze ${frozen.number} hashed ${frozen.contentHash}, the reference ${expectedHash}`);
      }
      return times;
    };

    // Nobody connected: the freeze reads the stored brief (one compact row) itself.
    if (app.collab.loadedDocument(proposalId)) throw new Error('ours: the brief is loaded before anyone opened it');
    const fromStorage = await freezes(3);
    // The client's editor is open: the document is live in memory.
    const target = collabTarget(app);
    const editor = openPeer(target, proposalId, { token: client!.token });
    let live: number[];
    try {
      await whenSynced(target, [editor], 60_000);
      if (!app.collab.loadedDocument(proposalId))
        throw new Error('ours: the brief is not loaded while the editor is connected');
      live = await freezes(FREEZES);
    } finally {
      editor.close();
    }
    const round = (value: number) => Math.round(value * 10) / 10;
    return [
      result(
        'P7',
        `freeze of the automerge-paper brief (${paper.text.length.toLocaleString('en')} chars of outcome), median`,
        median(live),
        median(referenceMs),
        'ms',
        {
          oursRunsMs: live.map(round).join(' / '),
          oursFromStorageMedianMs: round(median(fromStorage)),
          yjsStateBytes: state.byteLength,
          ours: 'freezeProposal over HTTP as the CLIENT, the editor connected (document in memory)',
          reference: 'Y.encodeStateAsUpdate + readBrief + contentJsonOf + contentHashOf of the same Y.Doc, in memory',
        },
      ),
    ];
  } finally {
    await seed.close();
  }
}
