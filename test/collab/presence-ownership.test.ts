import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { useTestApp } from '../support/app.js';
import { synced } from '../support/collab.js';
import { peerPool, presenceOf, roundTrip } from '../support/collab-checks.js';
import { makeCast } from '../support/factories.js';
import { waitFor } from '../support/wait.js';

const t = useTestApp();
const pool = peerPool();

afterEach(() => pool.destroyAll());

/** A doc whose Yjs (and so awareness) client id is `clientId`, as a hostile client chooses it. */
function docWithClientId(clientId: number): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  return doc;
}

describe('a presence id belongs to the user who first used it in the document', () => {
  it("a viewer cannot take over a departed editor's presence id: the editor reconnects and is seen", async () => {
    const cast = await makeCast(t.api);
    const id = cast.proposal.id;
    const observer = pool.peer(t.app.url, id, cast.client.token);
    const editor = pool.peer(t.app.url, id, cast.freelancer.token);
    await Promise.all([synced(observer), synced(editor)]);
    const editorId = editor.doc.clientID;
    editor.provider.awareness.setLocalStateField('cursor', { anchor: 1, head: 1 });
    await waitFor(() => presenceOf(observer, editorId), { what: "the editor's presence" });

    editor.provider.disconnect();
    await waitFor(() => presenceOf(observer, editorId) === undefined, { what: "the editor's presence to leave" });

    // The viewer comes in under the editor's id and tries to show itself there, with a
    // clock far ahead of the editor's, so that the editor's next states look stale.
    const viewer = pool.peer(t.app.url, id, cast.viewer.token, { doc: docWithClientId(editorId) });
    await synced(viewer);
    viewer.provider.awareness.meta.get(editorId)!.clock = 1_000;
    viewer.provider.awareness.setLocalStateField('cursor', { anchor: 9, head: 9 });
    await roundTrip(viewer);
    expect(presenceOf(observer, editorId)).toBeUndefined();

    // The editor comes back with the same doc, and so the same id: its presence is shown as its own.
    editor.provider.connect();
    await synced(editor);
    editor.provider.awareness.setLocalStateField('cursor', { anchor: 2, head: 2 });
    const seen = await waitFor(
      () => {
        const state = presenceOf(observer, editorId);
        return state?.cursor?.anchor === 2 ? state : undefined;
      },
      {
        what: "the reconnected editor's presence",
      },
    );
    expect(seen.user).toMatchObject({ id: cast.freelancer.id, role: 'FREELANCER' });
    expect(viewer.provider.wsconnected).toBe(true);
  });

  it('ownership outlives the room unloading when everyone left', async () => {
    const cast = await makeCast(t.api);
    const id = cast.proposal.id;
    const editor = pool.peer(t.app.url, id, cast.freelancer.token);
    await synced(editor);
    const editorId = editor.doc.clientID;
    editor.provider.awareness.setLocalStateField('cursor', { anchor: 1, head: 1 });
    await roundTrip(editor);
    editor.provider.disconnect();
    await waitFor(() => t.app.collab.loadedDocument(id) === undefined, { what: 'the document to unload' });

    // Alone in the reloaded room, the viewer tries the departed editor's id.
    const viewer = pool.peer(t.app.url, id, cast.viewer.token, { doc: docWithClientId(editorId) });
    await synced(viewer);
    viewer.provider.awareness.setLocalStateField('cursor', { anchor: 9, head: 9 });
    await roundTrip(viewer);

    const observer = pool.peer(t.app.url, id, cast.client.token);
    await synced(observer);
    await roundTrip(observer);
    expect(presenceOf(observer, editorId)).toBeUndefined();

    editor.provider.connect();
    await synced(editor);
    editor.provider.awareness.setLocalStateField('cursor', { anchor: 3, head: 3 });
    const seen = await waitFor(
      () => {
        const state = presenceOf(observer, editorId);
        return state?.cursor?.anchor === 3 ? state : undefined;
      },
      {
        what: "the reconnected editor's presence",
      },
    );
    expect(seen.user).toMatchObject({ id: cast.freelancer.id });
  });
});
