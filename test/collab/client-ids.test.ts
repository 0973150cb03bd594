import { afterEach, describe, expect, it } from 'vitest';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { CloseCode, COLLAB_LIMITS, CollabMessage } from '@brieflock/schema';
import { useTestApp } from '../support/app.js';
import { messageTypes, synced, updateFrame } from '../support/collab.js';
import {
  allStored,
  appendParagraph,
  peerPool,
  rawReady,
  rawRoundTrip,
  serverDoc,
  stateOf,
  storedDoc,
  storedRows,
} from '../support/collab-checks.js';
import { makeCast } from '../support/factories.js';
import { waitFor } from '../support/wait.js';

// A low document limit, so filling a document takes a few updates; the per-update limit
// keeps its default.
const PER_DOCUMENT = 300;
const t = useTestApp({ COLLAB_MAX_CLIENT_IDS_PER_DOCUMENT: String(PER_DOCUMENT) });
const pool = peerPool();
afterEach(() => pool.destroyAll());

let nextClientId = 1_000_000 + Math.floor(Math.random() * 1_000_000);

/** One update in which `count` new client ids each insert a character. */
function manyClients(count: number): Uint8Array {
  const doc = new Y.Doc();
  for (let i = 0; i < count; i++) {
    doc.clientID = nextClientId++;
    doc.getText('scratch').insert(0, 'x');
  }
  return Y.encodeStateAsUpdate(doc);
}

/** The SAVED messages among a raw socket's frames. */
const savedFrames = (frames: Uint8Array[]) => frames.filter((_, i) => messageTypes(frames)[i] === CollabMessage.SAVED);

describe('Yjs client ids', () => {
  it(`refuses an update that brings more new client ids than one update may (${CloseCode.TOO_MANY_CLIENT_IDS}), and stores nothing of it`, async () => {
    const cast = await makeCast(t.api);
    const raw = pool.raw(t.app.url, cast.proposal.id, { token: cast.client.token });
    await rawReady(raw);
    const rows = await storedRows(t.db, cast.proposal.id);
    // The server's own writer: the text fields it gave the brief when it loaded.
    const known = serverDoc(t.app, cast.proposal.id).store.clients.size;
    raw.socket.send(updateFrame(manyClients(COLLAB_LIMITS.maxNewClientIdsPerUpdate + 1)));
    expect((await raw.closed).code).toBe(CloseCode.TOO_MANY_CLIENT_IDS);
    expect(serverDoc(t.app, cast.proposal.id).store.clients.size).toBe(known);
    await allStored(t.app);
    expect(await storedRows(t.db, cast.proposal.id)).toBe(rows);
  });

  it(`refuses new client ids past the document's limit (${CloseCode.TOO_MANY_CLIENT_IDS}); the brief stays readable and known writers keep writing`, async () => {
    const cast = await makeCast(t.api);
    const writer = pool.peer(t.app.url, cast.proposal.id, cast.freelancer.token);
    await synced(writer);
    appendParagraph(writer.doc, 'Before the flood.');
    await waitFor(() => writer.isSaved(), { what: "the writer's first edit to be saved" });
    // The writer and the server's own (the text fields it gave the brief when it loaded).
    const known = serverDoc(t.app, cast.proposal.id).store.clients.size;
    expect(known).toBe(2);
    const flooder = pool.raw(t.app.url, cast.proposal.id, { token: cast.client.token });
    await rawReady(flooder);
    const step = COLLAB_LIMITS.maxNewClientIdsPerUpdate;
    const fitting = Math.floor((PER_DOCUMENT - known) / step);
    for (let i = 0; i < fitting; i++) flooder.socket.send(updateFrame(manyClients(step)));
    await rawRoundTrip(flooder);
    const held = serverDoc(t.app, cast.proposal.id).store.clients.size;
    expect(held).toBe(known + fitting * step);
    flooder.socket.send(updateFrame(manyClients(step)));
    expect((await flooder.closed).code).toBe(CloseCode.TOO_MANY_CLIENT_IDS);
    expect(serverDoc(t.app, cast.proposal.id).store.clients.size).toBe(held);
    // A writer the document knows goes on; a reader syncs all of it.
    appendParagraph(writer.doc, 'After the flood.');
    await waitFor(() => writer.isSaved(), { what: "the writer's edit after the flood to be saved" });
    const reader = pool.peer(t.app.url, cast.proposal.id, cast.viewer.token);
    await synced(reader);
    expect(stateOf(reader.doc)).toEqual(stateOf(serverDoc(t.app, cast.proposal.id)));
    await allStored(t.app);
    const stored = await storedDoc(t.db, cast.proposal.id);
    expect(stored.store.clients.size).toBe(held);
  });

  it("keeps SAVED to the recipient's own client ids however many the document holds", async () => {
    const cast = await makeCast(t.api);
    const flooder = pool.raw(t.app.url, cast.proposal.id, { token: cast.client.token });
    await rawReady(flooder);
    const known = serverDoc(t.app, cast.proposal.id).store.clients.size;
    for (let i = 0; i < 4; i++) flooder.socket.send(updateFrame(manyClients(COLLAB_LIMITS.maxNewClientIdsPerUpdate)));
    await rawRoundTrip(flooder);
    expect(serverDoc(t.app, cast.proposal.id).store.clients.size).toBe(
      known + 4 * COLLAB_LIMITS.maxNewClientIdsPerUpdate,
    );
    const writer = pool.peer(t.app.url, cast.proposal.id, cast.freelancer.token);
    await synced(writer);
    const watcher = pool.raw(t.app.url, cast.proposal.id, { token: cast.freelancer.token, saved: '1' });
    await rawReady(watcher);
    const before = savedFrames(watcher.frames).length;
    // Every keystroke of the writer commits, and every saved=1 socket hears of it.
    for (let i = 0; i < 10; i++) appendParagraph(writer.doc, `keystroke ${i}`);
    await waitFor(() => writer.isSaved(), { what: 'the keystrokes to be saved' });
    await waitFor(() => savedFrames(watcher.frames).length > before, { what: 'SAVED at the watcher' });
    // Type, a state vector of the socket's own few ids (none here), a frame count: a few
    // bytes, where the document's whole state vector is thousands.
    for (const frame of savedFrames(watcher.frames)) expect(frame.length).toBeLessThan(64);
    // The writer's own clock is still announced exactly.
    const announced = writer.durable();
    expect(announced.get(writer.doc.clientID)).toBe(stateOf(writer.doc)[writer.doc.clientID]);
    expect(announced.size).toBeLessThanOrEqual(2);
    const last = savedFrames(watcher.frames).at(-1)!;
    const decoder = decoding.createDecoder(last);
    decoding.readVarUint(decoder);
    expect(Y.decodeStateVector(decoding.readVarUint8Array(decoder)).size).toBe(0);
  });
});
