import { afterEach, describe, expect, it } from 'vitest';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { CollabMessage, SyncStep } from '@brieflock/schema';
import { useTestApp } from '../support/app.js';
import { rawSocket, synced, type RawSocket } from '../support/collab.js';
import {
  allStored,
  appendParagraph,
  contentOf,
  peerPool,
  rawReady,
  rawRoundTrip,
  storedDoc,
} from '../support/collab-checks.js';
import { makeCast } from '../support/factories.js';
import { waitFor } from '../support/wait.js';

const t = useTestApp();
const pool = peerPool();
const sockets: RawSocket[] = [];

afterEach(() => {
  pool.destroyAll();
  for (const raw of sockets.splice(0)) raw.socket.terminate();
});

/**
 * A proposal whose brief was edited, then left: its stored log replaced by one row (what
 * compaction leaves), and the document unloaded. Answers that row's bytes.
 */
async function compactedBrief() {
  const cast = await makeCast(t.api);
  const writer = pool.peer(t.app.url, cast.proposal.id, cast.client.token);
  await synced(writer);
  appendParagraph(writer.doc, 'Predict churn a month ahead.');
  appendParagraph(writer.doc, 'Deleted again.');
  writer.doc.getXmlFragment('outcome').delete(1, 1);
  writer.doc.getMap('ownership').set('ipOwner', 'CLIENT');
  await waitFor(() => writer.isSaved(), { what: 'the edits to be stored' });
  writer.destroy();
  await waitFor(() => !t.app.collab.loadedDocument(cast.proposal.id), { what: 'the brief to unload' });
  // Encoded by a document that keeps deleted content, which the server's document would
  // collect on load: a re-encoding there would not be these bytes.
  const { rows } = await t.db.query<{ data: Buffer }>(
    'select data from brief_updates where proposal_id = $1 order by id',
    [cast.proposal.id],
  );
  const kept = new Y.Doc({ gc: false });
  for (const row of rows) Y.applyUpdate(kept, new Uint8Array(row.data));
  const state = Y.encodeStateAsUpdate(kept);
  await t.db.query('delete from brief_updates where proposal_id = $1', [cast.proposal.id]);
  await t.db.query('insert into brief_updates (proposal_id, data) values ($1, $2)', [
    cast.proposal.id,
    Buffer.from(state),
  ]);
  return { cast, state };
}

/** The update carried by the last sync step 2 a raw socket received. */
function lastStep2(raw: RawSocket): Uint8Array {
  for (const message of [...raw.frames].reverse()) {
    const decoder = decoding.createDecoder(message);
    if (decoding.readVarUint(decoder) !== CollabMessage.SYNC) continue;
    if (decoding.readVarUint(decoder) !== SyncStep.STEP_2) continue;
    return decoding.readVarUint8Array(decoder);
  }
  throw new Error('no sync step 2 received');
}

async function openRaw(proposalId: string, token: string, stateVector?: Uint8Array): Promise<Uint8Array> {
  const raw = rawSocket(t.app.url, proposalId, { token });
  sockets.push(raw);
  await rawReady(raw);
  await rawRoundTrip(raw, stateVector);
  return lastStep2(raw);
}

const contentAfter = (...updates: Uint8Array[]) => {
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, update);
  return contentOf(doc);
};

describe('a brief loaded from one stored row', () => {
  it('is sent to a client with nothing yet as the stored bytes themselves', async () => {
    const { cast, state } = await compactedBrief();

    const sent = await openRaw(cast.proposal.id, cast.client.token);

    expect(Buffer.from(sent).equals(Buffer.from(state))).toBe(true);
    expect(contentAfter(sent)).toEqual(contentOf(await storedDoc(t.db, cast.proposal.id)));
  });

  it('a client that already holds it gets what its state vector lacks, not the stored bytes', async () => {
    const { cast, state } = await compactedBrief();
    const partial = new Y.Doc();
    Y.applyUpdate(partial, state);
    const stale = Y.encodeStateVector(partial);
    const diff = await openRaw(cast.proposal.id, cast.client.token, stale);

    expect(diff.length).toBeLessThan(state.length);
    Y.applyUpdate(partial, diff);
    expect(contentOf(partial)).toEqual(contentAfter(state));
  });

  it('once an edit changed the document, a new client is sent that edit too', async () => {
    const { cast, state } = await compactedBrief();
    const editor = pool.peer(t.app.url, cast.proposal.id, cast.freelancer.token);
    await synced(editor);
    appendParagraph(editor.doc, 'Added after the load.');
    await waitFor(
      () => contentOf(t.app.collab.loadedDocument(cast.proposal.id)!).outcomeXml.includes('after the load'),
      {
        what: 'the edit at the server',
      },
    );

    const sent = await openRaw(cast.proposal.id, cast.client.token);

    expect(Buffer.from(sent).equals(Buffer.from(state))).toBe(false);
    expect(contentAfter(sent)).toEqual(contentOf(editor.doc));
    expect(contentAfter(sent).outcomeXml).toContain('Added after the load.');
    await allStored(t.app);
  });
});
