import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { CollabMessage, type PresenceUser, readBrief, SyncStep, type TypedBriefContent } from '@brieflock/schema';
import type { App } from '../../server/src/app.js';
import { connectPeer, frame, rawSocket, synced, type RawSocket, type TestPeer } from './collab.js';
import { makeCast } from './factories.js';
import type { TestDatabase } from './db.js';
import type { Api } from './graphql.js';
import { waitFor } from './wait.js';

/**
 * Every peer and raw socket a test file opens, so `afterEach`/`afterAll` can close them
 * all and the run exits cleanly.
 */
export function peerPool() {
  const peers: TestPeer[] = [];
  const sockets: RawSocket[] = [];
  return {
    peer(...args: Parameters<typeof connectPeer>): TestPeer {
      const peer = connectPeer(...args);
      peers.push(peer);
      return peer;
    },
    raw(...args: Parameters<typeof rawSocket>): RawSocket {
      const raw = rawSocket(...args);
      sockets.push(raw);
      return raw;
    },
    /** A new cast (makeCast) with its CLIENT and FREELANCER synced on its brief. */
    async twoEditors(app: App, api: Api) {
      const cast = await makeCast(api);
      const a = this.peer(app.url, cast.proposal.id, cast.client.token);
      const b = this.peer(app.url, cast.proposal.id, cast.freelancer.token);
      await Promise.all([synced(a), synced(b)]);
      return { cast, a, b };
    },
    destroyAll(): void {
      for (const peer of peers.splice(0)) peer.destroy();
      for (const raw of sockets.splice(0)) raw.socket.terminate();
    },
  };
}

/** How many update rows PostgreSQL holds for a proposal's brief. */
export async function storedRows(db: TestDatabase, proposalId: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'select count(*)::int as n from brief_updates where proposal_id = $1',
    [proposalId],
  );
  return rows[0]!.n;
}

/** The brief as PostgreSQL holds it: every stored row applied, in order, to a fresh doc. */
export async function storedDoc(db: TestDatabase, proposalId: string): Promise<Y.Doc> {
  const { rows } = await db.query<{ data: Buffer }>(
    'select data from brief_updates where proposal_id = $1 order by id',
    [proposalId],
  );
  const doc = new Y.Doc();
  doc.transact(() => {
    for (const row of rows) Y.applyUpdate(doc, new Uint8Array(row.data));
  });
  return doc;
}

/** Resolves once the app committed every update it was handed. */
export function allStored(app: App, timeoutMs = 10_000): Promise<unknown> {
  return waitFor(() => app.updates.pending === 0, { timeoutMs, what: 'every pending update to be stored' });
}

/** The server's live document of a proposal (it must be loaded). */
export function serverDoc(app: App, proposalId: string): Y.Doc {
  const doc = app.collab.loadedDocument(proposalId);
  if (!doc) throw new Error(`the brief of ${proposalId} is not loaded`);
  return doc;
}

/** A doc's state vector as a plain object, for deep equality in assertions. */
export const stateOf = (doc: Y.Doc): Record<number, number> =>
  Object.fromEntries(Y.decodeStateVector(Y.encodeStateVector(doc)));

/** What a reader of the doc sees: the brief as JSON and the rich text's exact XML. */
export const contentOf = (doc: Y.Doc): { brief: TypedBriefContent; outcomeXml: string } => ({
  brief: readBrief(doc),
  outcomeXml: doc.getXmlFragment('outcome').toString(),
});

/** The draft's outcome text over GraphQL, as a participant sees it. */
export async function draftText(api: Api, token: string, proposalId: string): Promise<string> {
  const result = await api.gql<{ proposal: { draft: { outcome: { text: string } } } }>(
    'query($id: ID!) { proposal(id: $id) { draft { outcome { text } } } }',
    { id: proposalId },
    { token },
  );
  if (!result.data?.proposal) throw new Error(`proposal query failed: ${JSON.stringify(result.errors)}`);
  return result.data.proposal.draft.outcome.text;
}

/** Appends a paragraph of plain text to a rich-text section, as the editor would. */
export function appendParagraph(doc: Y.Doc, text: string, section = 'outcome'): Y.XmlText {
  const paragraph = new Y.XmlElement('paragraph');
  const xmlText = new Y.XmlText(text);
  paragraph.insert(0, [xmlText]);
  const fragment = doc.getXmlFragment(section);
  fragment.insert(fragment.length, [paragraph]);
  return xmlText;
}

/** The update that `change` produces on `doc` (one transaction). */
export function updateOf(doc: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
  let captured: Uint8Array | undefined;
  const listener = (update: Uint8Array) => {
    captured = captured ? Y.mergeUpdates([captured, update]) : update;
  };
  doc.on('update', listener);
  try {
    doc.transact(() => change(doc));
  } finally {
    doc.off('update', listener);
  }
  if (!captured) throw new Error('the change produced no update');
  return captured;
}

/** A sync frame of the given step (a `SyncStep`, or any number for a hostile frame). */
export const syncFrame = (step: number, payload: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, CollabMessage.SYNC);
    encoding.writeVarUint(e, step);
    encoding.writeVarUint8Array(e, payload);
  });

/** An awareness frame publishing `entries` as [clientID, clock, state] (null removes). */
export const awarenessFrame = (entries: [clientId: number, clock: number, state: unknown][]) => {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, entries.length);
  for (const [clientId, clock, state] of entries) {
    encoding.writeVarUint(inner, clientId);
    encoding.writeVarUint(inner, clock);
    encoding.writeVarString(inner, JSON.stringify(state));
  }
  return frame((e) => {
    encoding.writeVarUint(e, CollabMessage.AWARENESS);
    encoding.writeVarUint8Array(e, encoding.toUint8Array(inner));
  });
};

const isStep2 = (message: Uint8Array) => {
  const decoder = decoding.createDecoder(message);
  return decoding.readVarUint(decoder) === CollabMessage.SYNC && decoding.readVarUint(decoder) === SyncStep.STEP_2;
};

/** Waits until a raw socket is attached to its loaded room (the server's sync step 1 arrived). */
export async function rawReady(raw: RawSocket): Promise<void> {
  if (!(await raw.opened)) throw new Error(`the socket was refused: ${JSON.stringify(await raw.closed)}`);
  await waitFor(() => raw.frames.length > 0, { what: "the server's first frame" });
}

/**
 * A round trip on a raw socket: sends sync step 1 and waits for the server's step 2.
 * The server handles a socket's frames in order, so every frame sent before has been
 * handled (applied, dropped or refused) when this resolves.
 */
export async function rawRoundTrip(
  raw: RawSocket,
  stateVector: Uint8Array = Y.encodeStateVector(new Y.Doc()),
): Promise<void> {
  const before = raw.frames.filter(isStep2).length;
  raw.socket.send(syncFrame(SyncStep.STEP_1, stateVector));
  await waitFor(() => raw.frames.filter(isStep2).length > before, { what: 'the reply to sync step 1' });
}

/** The same round trip through a provider's socket: everything it sent before is handled. */
export async function roundTrip(peer: TestPeer): Promise<void> {
  const ws = peer.provider.ws;
  if (!ws) throw new Error('the provider is not connected');
  const handlers = peer.provider.messageHandlers;
  const original = handlers[CollabMessage.SYNC]!;
  let replied = false;
  handlers[CollabMessage.SYNC] = (encoder, decoder, provider, emitSynced, messageType) => {
    if (decoding.readVarUint(decoding.clone(decoder)) === SyncStep.STEP_2) replied = true;
    original(encoder, decoder, provider, emitSynced, messageType);
  };
  try {
    ws.send(syncFrame(SyncStep.STEP_1, Y.encodeStateVector(peer.doc)));
    await waitFor(() => replied, { what: 'the reply to sync step 1' });
  } finally {
    handlers[CollabMessage.SYNC] = original;
  }
}

/** An awareness state as a client sees it: the server-set `user`, the editor's caret, anything else. */
export interface PresenceState {
  user: PresenceUser;
  cursor?: { anchor?: unknown; head?: unknown } | null;
  [field: string]: unknown;
}

/** The awareness state `observer` holds for `subject`'s client id. */
export const presenceOf = (observer: TestPeer, clientId: number) =>
  observer.provider.awareness.getStates().get(clientId) as PresenceState | undefined;
