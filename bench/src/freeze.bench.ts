import { randomBytes, randomUUID } from 'node:crypto';
import { contentHashOf, contentJsonOf, readBrief } from '@brieflock/schema';
import pg from 'pg';
import * as Y from 'yjs';
import type { App } from '../../server/src/app.js';
import { paperBrief } from './brief.js';
import { openPeer, whenSynced, type CollabTarget } from './collab/peers.js';
import { gql } from './graphql.bench.js';
import { median, type Result, type Round, roundsResult, waitFor } from './harness.js';
import { Seed, type SeededUser } from './seed.js';

/** Rounds, each timing ours and the floor back to back. */
const ROUNDS = 5;
/** Measured freezes (and floor runs) per round, after one unmeasured. */
const FREEZES = 7;
/** Freezes with nobody connected (notes only). */
const STORAGE_FREEZES = 3;

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
 * Edits `doc` as someone would between two freezes (rewrites the brief's meeting cadence,
 * a `Y.Text`): answers the edit's update, the text it leaves and the brief's content hash then.
 */
function editorOf(doc: Y.Doc): () => { update: Uint8Array; hash: string; text: string } {
  let edits = 0;
  return () => {
    const before = Y.encodeStateVector(doc);
    const cadence = doc.getMap('communication').get('cadence') as Y.Text;
    doc.transact(() => {
      cadence.delete(0, cadence.length);
      cadence.insert(0, `Weekly demo on Mondays, revision ${++edits}`);
    });
    return {
      update: Y.encodeStateAsUpdate(doc, before),
      hash: contentHashOf(contentJsonOf(readBrief(doc))),
      text: cadence.toString(),
    };
  };
}

const hex64 = () => randomBytes(32).toString('hex');

/**
 * The floor's database half: the rows one freeze of the bench's proposal writes, with raw
 * `pg` in one transaction and every value known beforehand (no lock, no reads): the version
 * (its content JSON, Yjs state and hashes), its two signers, the previous version
 * superseded, the two audit rows, the receipt and the freelancer's notification.
 */
class FloorWriter {
  private readonly pool: pg.Pool;
  private number = 0;
  private sequence = 0;
  private previous: { id: string; hash: string } | null = null;

  constructor(
    databaseUrl: string,
    private readonly proposalId: string,
    private readonly client: SeededUser,
    private readonly freelancer: SeededUser,
  ) {
    this.pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  }

  async write(contentHash: string, contentJson: string, state: Uint8Array): Promise<void> {
    const { proposalId, client, freelancer } = this;
    const id = randomUUID();
    const number = ++this.number;
    const chainHash = hex64();
    const at = new Date();
    const db = await this.pool.connect();
    try {
      await db.query('begin');
      await db.query(
        `insert into "contract_versions" ("id", "proposal_id", "number", "content_hash", "content_json", "yjs_state", "previous_hash", "chain_hash", "note", "frozen_by_id", "frozen_at", "server_key_id", "server_signature", "amends_id")
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, null)`,
        [
          id,
          proposalId,
          number,
          contentHash,
          contentJson,
          Buffer.from(state.buffer, state.byteOffset, state.byteLength),
          this.previous?.hash ?? null,
          chainHash,
          `floor ${number}`,
          client.id,
          at,
          'floor',
          hex64(),
        ],
      );
      await db.query(
        `insert into "version_signers" ("id", "version_id", "user_id", "role", "signing_group")
         values (gen_random_uuid(), $1, $2, 'CLIENT', null), (gen_random_uuid(), $1, $3, 'FREELANCER', null)`,
        [id, client.id, freelancer.id],
      );
      const audits: [string, string | null][] = [];
      if (this.previous) {
        await db.query(
          `update "contract_versions" set "status" = 'SUPERSEDED', "status_changed_at" = $1 where "id" = $2`,
          [at, this.previous.id],
        );
        audits.push(['VERSION_SUPERSEDED', this.previous.id]);
      }
      audits.push(['VERSION_FROZEN', id]);
      let head = '';
      for (const [kind, versionId] of audits) {
        const previousHash = head || null;
        head = hex64();
        await db.query(
          'insert into "audit_events" ("proposal_id", "sequence", "kind", "actor_id", "version_id", "data", "at", "previous_hash", "hash", "server_key_id", "server_signature") values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)',
          [
            proposalId,
            ++this.sequence,
            kind,
            client.id,
            versionId,
            JSON.stringify({ number, contentHash, chainHash, signers: [client.id, freelancer.id] }),
            at,
            previousHash,
            head,
            'floor',
            hex64(),
          ],
        );
      }
      await db.query(
        'insert into "receipts" ("proposal_id", "head_hash", "length", "issued_at", "key_id", "signature") values ($1, $2, $3, $4, $5, $6)',
        [proposalId, head, this.sequence, at, 'floor', hex64()],
      );
      await db.query(
        `insert into "notifications" ("id", "user_id", "kind", "proposal_id", "actor_id", "text", "link", "created_at")
         values (gen_random_uuid(), $1, 'SIGNATURE_REQUESTED', $2, $3, $4, $5, clock_timestamp())`,
        [freelancer.id, proposalId, client.id, `froze version ${number}`, `/proposals/${proposalId}/versions/${id}`],
      );
      await db.query('commit');
      this.previous = { id, hash: chainHash };
    } catch (error) {
      await db.query('rollback');
      throw error;
    } finally {
      db.release();
    }
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

/**
 * P7: `freezeProposal` of the automerge-paper brief, through GraphQL over HTTP as its CLIENT,
 * timed from sending the request to its answer. Before each freeze the client's editor
 * changes one word of the brief (a version that freezes nothing new is refused), outside
 * the timing; every freeze supersedes the previous version. Measured with the document
 * live (the client's editor connected, as when someone freezes from the editor) and, in the
 * notes, with nobody connected (read from PostgreSQL inside the freeze).
 *
 * Floor: what any server must do for the same freeze, back to back with ours in each
 * round: the document's Yjs state (`Y.encodeStateAsUpdate`), the brief read to JSON
 * (`readBrief`, `contentJsonOf`), `contentHashOf`, and the same rows written with raw `pg`
 * in one transaction (see `FloorWriter`), on a proposal of its own.
 */
export async function benchFreeze(app: App, databaseUrl: string): Promise<Result[]> {
  const paper = await paperBrief();
  if (!paper) return [];
  const seed = new Seed(databaseUrl);
  let floorWriter: FloorWriter | undefined;
  try {
    const [client, freelancer, viewer] = await seed.users(3, 'freeze');
    const proposalId = await seed.proposal(client!, 'Freeze of a large brief');
    await seed.participants(proposalId, [freelancer!], 'FREELANCER', client!.id);
    await seed.participants(proposalId, [viewer!], 'VIEWER', client!.id);
    const state = Y.encodeStateAsUpdate(paper.doc);
    await seed.briefUpdates(proposalId, [state]);
    const floorProposalId = await seed.proposal(client!, 'Floor of a freeze');
    await seed.participants(floorProposalId, [freelancer!], 'FREELANCER', client!.id);
    floorWriter = new FloorWriter(databaseUrl, floorProposalId, client!, freelancer!);

    // The brief as the server holds it: the stored state applied to a fresh doc, then every
    // edit made before each freeze. The floor edits a copy of its own the same way.
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state);
    const floorDoc = new Y.Doc();
    Y.applyUpdate(floorDoc, state);
    const edit = editorOf(doc);
    const floorEdit = editorOf(floorDoc);

    const floor = async (): Promise<number> => {
      const { hash } = floorEdit();
      const started = performance.now();
      const encoded = Y.encodeStateAsUpdate(floorDoc);
      const contentJson = contentJsonOf(readBrief(floorDoc));
      const contentHash = contentHashOf(contentJson);
      await floorWriter!.write(contentHash, JSON.stringify(contentJson), encoded);
      const elapsed = performance.now() - started;
      if (contentHash !== hash) throw new Error('floor: the hash differs from the edited brief’s');
      return elapsed;
    };

    const url = `${app.url}/graphql`;
    const freeze = async (expectedHash: string): Promise<number> => {
      const started = performance.now();
      const frozen = (await gql(url, FREEZE, { i: { proposalId, note: 'bench' } }, client!.token)).freezeProposal;
      const elapsed = performance.now() - started;
      if (frozen.contentHash !== expectedHash)
        throw new Error(`ours: freeze ${frozen.number} hashed ${frozen.contentHash}, the reference ${expectedHash}`);
      return elapsed;
    };

    // Nobody connected: the freeze reads the stored brief (one compact row and the edits) itself.
    if (app.collab.loadedDocument(proposalId)) throw new Error('ours: the brief is loaded before anyone opened it');
    const fromStorage: number[] = [];
    for (let run = 0; run <= STORAGE_FREEZES; run++) {
      const { update, hash } = edit();
      await seed.briefUpdates(proposalId, [update]);
      const elapsed = await freeze(hash);
      if (run > 0) fromStorage.push(elapsed);
    }
    // The client's editor is open: the document is live in memory, and the edits go through it.
    const target = collabTarget(app);
    const editor = openPeer(target, proposalId, { token: client!.token });
    const rounds: Round[] = [];
    const oursRuns: number[] = [];
    try {
      await whenSynced(target, [editor], 60_000);
      const live = app.collab.loadedDocument(proposalId);
      if (!live) throw new Error('ours: the brief is not loaded while the editor is connected');
      const liveFreeze = async (): Promise<number> => {
        const { update, hash, text } = edit();
        Y.applyUpdate(editor.doc, update);
        await waitFor(
          () => (live.getMap('communication').get('cadence') as Y.Text | undefined)?.toString() === text,
          'ours: the editor’s edit to reach the server',
        );
        return freeze(hash);
      };
      await liveFreeze();
      await floor();
      for (let round = 0; round < ROUNDS; round++) {
        const ours: number[] = [];
        const reference: number[] = [];
        for (let run = 0; run < FREEZES; run++) ours.push(await liveFreeze());
        for (let run = 0; run < FREEZES; run++) reference.push(await floor());
        oursRuns.push(...ours);
        rounds.push({ ours: median(ours), reference: median(reference) });
      }
    } finally {
      editor.close();
    }
    const round1 = (value: number) => Math.round(value * 10) / 10;
    return [
      roundsResult(
        'P7',
        `freeze of the automerge-paper brief (${paper.text.length.toLocaleString('en')} chars of outcome), median`,
        'ms',
        rounds,
        {
          oursRoundMediansMs: rounds.map((r) => round1(r.ours)).join(' / '),
          floorRoundMediansMs: rounds.map((r) => round1(r.reference)).join(' / '),
          oursP90Ms: round1([...oursRuns].sort((a, b) => a - b)[Math.floor(oursRuns.length * 0.9)]!),
          oursFromStorageMedianMs: round1(median(fromStorage)),
          yjsStateBytes: state.byteLength,
          ours: 'freezeProposal over HTTP as the CLIENT, the editor connected (document in memory)',
          reference:
            'Y.encodeStateAsUpdate + readBrief + contentJsonOf + contentHashOf of the same Y.Doc, then the same rows (version, signers, superseded, 2 audit rows, receipt, notification) through raw pg in one transaction',
        },
      ),
    ];
  } finally {
    await floorWriter?.close();
    await seed.close();
  }
}
