import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { COLLAB_LIMITS, CloseCode, readBrief } from '@brieflock/schema';
import { useTestApp } from '../support/app.js';
import { synced, updateFrame } from '../support/collab.js';
import {
  allStored,
  appendParagraph,
  peerPool,
  rawReady,
  serverDoc,
  stateOf,
  storedDoc,
  storedRows,
} from '../support/collab-checks.js';
import { makeCast } from '../support/factories.js';
import { waitFor } from '../support/wait.js';

/** Each update adds one milestone carrying this many bytes: under the frame limit. */
const CHUNK = 900_000;

// The byte rate a brief's log may grow at is not what this file tests: it is set out of the way.
const t = useTestApp({ COLLAB_DOCUMENT_BYTES_PER_SECOND: String(1 << 30) });
const pool = peerPool();

afterAll(async () => {
  pool.destroyAll();
});

const milestoneIds = (doc: Y.Doc) => readBrief(doc).milestones.map((item) => item.id);

describe('a brief at its size limit', () => {
  it(`closes the editor whose update would pass it with ${CloseCode.DOCUMENT_TOO_LARGE} and keeps the state from before that update`, {
    timeout: 30_000,
  }, async () => {
    const cast = await makeCast(t.api);
    const watcher = pool.peer(t.app.url, cast.proposal.id, cast.client.token, { saved: false });
    await synced(watcher);
    const local = new Y.Doc();
    const updates: Uint8Array[] = [];
    local.on('update', (update: Uint8Array) => updates.push(update));
    const list = local.getArray<Y.Map<unknown>>('milestones');
    const fitting = Math.floor(COLLAB_LIMITS.maxDocumentBytes / CHUNK);
    for (let i = 1; i <= fitting + 1; i++)
      list.push([
        new Y.Map<unknown>(Object.entries({ id: `m${i}`, acceptanceCriteria: String(i % 10).repeat(CHUNK) })),
      ]);
    expect(updates.every((update) => update.length < COLLAB_LIMITS.maxFrameBytes - 16)).toBe(true);

    const editor = pool.raw(t.app.url, cast.proposal.id, { token: cast.freelancer.token });
    await rawReady(editor);
    // The server stores the text fields it gives the brief when it loads.
    await allStored(t.app);
    const opened = await storedRows(t.db, cast.proposal.id);
    // Everything up to the limit is accepted, one update at a time.
    for (const [index, update] of updates.slice(0, fitting).entries()) {
      editor.socket.send(updateFrame(update));
      await waitFor(() => milestoneIds(serverDoc(t.app, cast.proposal.id)).length === index + 1, {
        what: `update ${index + 1} to be applied`,
      });
    }
    await allStored(t.app, 20_000);
    const before = {
      state: stateOf(serverDoc(t.app, cast.proposal.id)),
      rows: await storedRows(t.db, cast.proposal.id),
    };
    // Updates that queue while a write is in flight are stored together: one row or several each.
    expect(before.rows).toBeGreaterThan(opened);
    expect(before.rows - opened).toBeLessThanOrEqual(fitting);
    expect(Y.encodeStateAsUpdate(serverDoc(t.app, cast.proposal.id)).length).toBeGreaterThan(
      COLLAB_LIMITS.maxDocumentBytes - CHUNK,
    );

    // The one that would pass the limit is refused and closes only that socket.
    editor.socket.send(updateFrame(updates[fitting]!));
    expect((await editor.closed).code).toBe(CloseCode.DOCUMENT_TOO_LARGE);
    await allStored(t.app);
    expect(stateOf(serverDoc(t.app, cast.proposal.id))).toEqual(before.state);
    // (Rows may merge meanwhile: the brief is compacted while open. What they hold may not change.)
    const stored = await storedDoc(t.db, cast.proposal.id);
    expect(milestoneIds(stored)).toEqual(Array.from({ length: fitting }, (_, i) => `m${i + 1}`));
    expect(stateOf(stored)).toEqual(before.state);
    stored.destroy();
    const draft = await t.api.gql<{ proposal: { draft: { milestones: { id: string }[] } } }>(
      'query($id: ID!) { proposal(id: $id) { draft { milestones { id } } } }',
      { id: cast.proposal.id },
      { token: cast.client.token },
    );
    expect(draft.data?.proposal.draft.milestones.map((item) => item.id)).toEqual(
      Array.from({ length: fitting }, (_, i) => `m${i + 1}`),
    );

    // A small edit that still fits is accepted, from the other editor.
    await waitFor(() => milestoneIds(watcher.doc).length === fitting, {
      timeoutMs: 20_000,
      what: 'the watcher to have the accepted updates',
    });
    appendParagraph(watcher.doc, 'Small edits still fit.');
    await waitFor(() => readBrief(serverDoc(t.app, cast.proposal.id)).outcome.text === 'Small edits still fit.', {
      what: 'the small edit on the server',
    });
    expect(watcher.closeCodes).toEqual([]);
  });
});
