import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import WebSocket from 'ws';
import { readBrief } from '@brieflock/schema';
import { useTestApp } from '../support/app.js';
import { synced, type TestPeer } from '../support/collab.js';
import {
  allStored,
  appendParagraph,
  draftText,
  peerPool,
  presenceOf,
  rawReady,
  rawRoundTrip,
  roundTrip,
  serverDoc,
  stateOf,
  storedRows,
  syncFrame,
  updateOf,
} from '../support/collab-checks.js';
import type { makeCast } from '../support/factories.js';
import { waitFor } from '../support/wait.js';

const t = useTestApp();
let cast: Awaited<ReturnType<typeof makeCast>>;
let a: TestPeer;
let b: TestPeer;
const pool = peerPool();

beforeEach(async () => {
  ({ cast, a, b } = await pool.twoEditors(t.app, t.api));
  appendParagraph(a.doc, 'Written by the client.');
  await waitFor(() => a.isSaved() && readBrief(b.doc).outcome.text === 'Written by the client.', {
    what: 'the first paragraph to be saved and relayed',
  });
});
afterEach(() => pool.destroyAll());

/** What must not change when a viewer writes: the server's doc, the stored rows, the draft. */
async function snapshot() {
  await allStored(t.app);
  return {
    server: stateOf(serverDoc(t.app, cast.proposal.id)),
    rows: await storedRows(t.db, cast.proposal.id),
    draft: await draftText(t.api, cast.client.token, cast.proposal.id),
  };
}

/**
 * An editor's edit made after the viewer's frames were handled: once it reaches b,
 * anything the server had relayed from the viewer would have reached b before it.
 */
async function editorEditReachesB(marker: string): Promise<void> {
  appendParagraph(a.doc, marker);
  await waitFor(() => readBrief(b.doc).outcome.text.endsWith(marker), { what: "the editor's marker at b" });
}

describe('a viewer', () => {
  it('receives the document and the presence of the others', async () => {
    a.provider.awareness.setLocalStateField('cursor', { anchor: 3, head: 9 });
    const v = pool.peer(t.app.url, cast.proposal.id, cast.viewer.token);
    await synced(v);
    expect(readBrief(v.doc).outcome.text).toBe('Written by the client.');
    expect(stateOf(v.doc)).toEqual(stateOf(a.doc));
    await waitFor(() => presenceOf(v, a.doc.clientID)?.cursor, { what: "the client's presence at the viewer" });
    expect(presenceOf(v, a.doc.clientID)).toMatchObject({
      cursor: { anchor: 3, head: 9 },
      user: { id: cast.client.id, name: 'Cora Client', role: 'CLIENT' },
    });
    // Edits made while it watches reach it too.
    appendParagraph(b.doc, 'Written by the freelancer.');
    await waitFor(() => readBrief(v.doc).outcome.text === 'Written by the client.\nWritten by the freelancer.', {
      what: 'a live edit at the viewer',
    });
  });

  it('never has its typed updates applied, stored or relayed, and stays connected', async () => {
    const v = pool.peer(t.app.url, cast.proposal.id, cast.viewer.token);
    await synced(v);
    const before = await snapshot();
    appendParagraph(v.doc, 'Typed by the viewer.');
    v.doc.getMap('ownership').set('ipOwner', 'FREELANCER');
    await roundTrip(v);
    await editorEditReachesB('Marker after the viewer typed.');
    expect(readBrief(b.doc).outcome.text).toBe('Written by the client.\nMarker after the viewer typed.');
    expect(readBrief(b.doc).ownership.ipOwner).toBeNull();
    expect(Y.decodeStateVector(Y.encodeStateVector(b.doc)).has(v.doc.clientID)).toBe(false);
    const server = serverDoc(t.app, cast.proposal.id);
    expect(Y.decodeStateVector(Y.encodeStateVector(server)).has(v.doc.clientID)).toBe(false);
    expect(readBrief(server).outcome.text).not.toContain('Typed by the viewer');
    await allStored(t.app);
    expect(await storedRows(t.db, cast.proposal.id)).toBe(before.rows + 1);
    expect(await draftText(t.api, cast.client.token, cast.proposal.id)).toBe(
      'Written by the client.\nMarker after the viewer typed.',
    );
    expect(v.closeCodes).toEqual([]);
    expect(v.provider.wsconnected).toBe(true);
  });

  it('that connects with content of its own does not push it into the brief through sync step 2', async () => {
    const offline = new Y.Doc();
    appendParagraph(offline, 'Stale offline copy.');
    offline
      .getArray<Y.Map<unknown>>('milestones')
      .push([new Y.Map<unknown>(Object.entries({ id: 'rogue', title: 'Rogue' }))]);
    const before = await snapshot();
    const v = pool.peer(t.app.url, cast.proposal.id, cast.viewer.token, { doc: offline });
    await synced(v);
    await roundTrip(v);
    // The viewer got the brief, the brief did not get the viewer's copy.
    expect(readBrief(v.doc).outcome.text).toContain('Written by the client.');
    expect(await snapshot()).toEqual(before);
    await editorEditReachesB('Marker after the viewer synced.');
    expect(readBrief(b.doc).milestones).toEqual([]);
    expect(readBrief(b.doc).outcome.text).not.toContain('Stale');
  });

  it('sending raw sync updates and sync step 2 frames changes nothing and is not disconnected', async () => {
    const before = await snapshot();
    const raw = pool.raw(t.app.url, cast.proposal.id, { token: cast.viewer.token });
    await rawReady(raw);
    const local = new Y.Doc();
    Y.applyUpdate(local, Y.encodeStateAsUpdate(a.doc));
    const asUpdate = updateOf(local, (doc) => appendParagraph(doc, 'Viewer update.'));
    const asStep2 = updateOf(local, (doc) => doc.getMap('ownership').set('ipOwner', 'FREELANCER'));
    raw.socket.send(syncFrame(2, asUpdate));
    raw.socket.send(syncFrame(1, asStep2));
    await rawRoundTrip(raw);
    expect(raw.socket.readyState).toBe(WebSocket.OPEN);
    expect(await snapshot()).toEqual(before);
    await editorEditReachesB('Marker after the raw viewer frames.');
    expect(readBrief(b.doc).ownership.ipOwner).toBeNull();
    expect(readBrief(b.doc).outcome.text).toBe('Written by the client.\nMarker after the raw viewer frames.');

    // The same frames from an editor's socket are applied: the drop is about the role.
    const editor = pool.raw(t.app.url, cast.proposal.id, { token: cast.freelancer.token });
    await rawReady(editor);
    editor.socket.send(syncFrame(2, asUpdate));
    editor.socket.send(syncFrame(1, asStep2));
    await waitFor(
      () =>
        readBrief(b.doc).ownership.ipOwner === 'FREELANCER' && readBrief(b.doc).outcome.text.includes('Viewer update.'),
      { what: "the editor's frames at b" },
    );
  });

  it('publishes presence that others see with its real name and the VIEWER role, whatever it claims', async () => {
    const v = pool.peer(t.app.url, cast.proposal.id, cast.viewer.token);
    await synced(v);
    v.provider.awareness.setLocalState({
      user: { id: cast.client.id, name: 'Cora Client', role: 'CLIENT', color: '#000000' },
      cursor: { anchor: 1, head: 1 },
    });
    await waitFor(() => presenceOf(a, v.doc.clientID)?.cursor, { what: "the viewer's presence at a" });
    const seen = presenceOf(a, v.doc.clientID)!;
    expect(seen.cursor).toEqual({ anchor: 1, head: 1 });
    expect(seen.user).toMatchObject({ id: cast.viewer.id, name: 'Vera Viewer', role: 'VIEWER' });
    expect(seen.user.color).not.toBe('#000000');
    expect(presenceOf(b, v.doc.clientID)?.user).toEqual(seen.user);
  });
});
