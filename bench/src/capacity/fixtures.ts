import type { ParticipantRole } from '@brieflock/schema';
import * as Y from 'yjs';
import { outcomeText, smallReadyBrief, writeReadySections } from '../brief.js';
import { applyPatches, isNoop, loadTrace } from '../collab/trace.js';
import { mapLimit } from '../harness.js';
import type { Seed, SeededUser } from '../seed.js';
import type { RawPeer } from './peer.js';

/** A brief to load documents with: its encoded Yjs state and what it holds. */
export interface BriefFixture {
  name: string;
  state: Uint8Array;
  /** Characters of outcome text. */
  outcomeChars: number;
  /** Edits in its history (one Yjs transaction each). */
  edits: number;
  /**
   * Bytes of a diff against a replica that already holds everything: what a sync or a
   * resync sends at the least, since every diff carries the whole delete set.
   */
  upToDateDiffBytes: number;
}

const upToDateDiff = (doc: Y.Doc): number => Y.encodeStateAsUpdate(doc, Y.encodeStateVector(doc)).byteLength;

/** The ready brief with a one-paragraph outcome, written in one transaction per section. */
export function smallBrief(): BriefFixture {
  const doc = smallReadyBrief();
  const fixture = {
    name: 'small ready brief',
    state: Y.encodeStateAsUpdate(doc),
    outcomeChars: outcomeText(doc).length,
    edits: 1,
    upToDateDiffBytes: upToDateDiff(doc),
  };
  doc.destroy();
  return fixture;
}

/**
 * A ready brief whose outcome was typed keystroke by keystroke: every transaction of an
 * editing trace from josephg/editing-traces replayed as its own Yjs transaction into the
 * outcome's paragraph (deletions leave their tombstones, as real editing does), then the
 * other sections. Undefined when the trace is not beside the repository.
 */
export async function typedBrief(traceName: string): Promise<BriefFixture | undefined> {
  const trace = await loadTrace(traceName);
  if (!trace) return undefined;
  const doc = new Y.Doc();
  const text = new Y.XmlText(trace.startContent);
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [text]);
  doc.getXmlFragment('outcome').push([paragraph]);
  let edits = 0;
  for (const txn of trace.txns) {
    if (isNoop(txn)) continue;
    doc.transact(() => applyPatches(text, txn.patches));
    edits++;
  }
  writeReadySections(doc);
  if (text.toString() !== trace.endContent)
    throw new Error(`${traceName}: the replayed outcome differs from the trace's endContent`);
  const fixture = {
    name: `${traceName} brief`,
    state: Y.encodeStateAsUpdate(doc),
    outcomeChars: trace.endContent.length,
    edits,
    upToDateDiffBytes: upToDateDiff(doc),
  };
  doc.destroy();
  return fixture;
}

/** A proposal seeded for the collaboration cases, with its people. */
export interface SeededRoom {
  proposalId: string;
  /** Its CLIENT first, then the others in the order given. */
  members: SeededUser[];
}

/**
 * `count` proposals with `perRoom` people each (the first a CLIENT, the others `role`),
 * each proposal's brief stored as `state` (one row, as a compacted log leaves it).
 */
export async function seedRooms(
  seed: Seed,
  label: string,
  count: number,
  perRoom: number,
  state: Uint8Array | null,
  role: ParticipantRole = 'FREELANCER',
): Promise<SeededRoom[]> {
  const users = await seed.users(count * perRoom, label);
  return mapLimit(
    Array.from({ length: count }, (_, n) => n),
    4,
    async (n) => {
      const members = users.slice(n * perRoom, (n + 1) * perRoom);
      const proposalId = await seed.proposal(members[0]!, `${label} ${n}`);
      if (members.length > 1) await seed.participants(proposalId, members.slice(1), role, members[0]!.id);
      if (state) await seed.briefUpdates(proposalId, [state]);
      return { proposalId, members };
    },
  );
}

/**
 * Opens `peers` with at most `concurrency` connections in flight and waits until each is
 * synced; every socket is closed again if any fails.
 */
export async function connectAll(peers: readonly (() => RawPeer)[], concurrency = 50): Promise<RawPeer[]> {
  const opened: RawPeer[] = [];
  try {
    return await mapLimit(peers, concurrency, async (open) => {
      const peer = open();
      opened.push(peer);
      await peer.whenSynced();
      return peer;
    });
  } catch (error) {
    for (const peer of opened) peer.close();
    throw error;
  }
}

/** The outcome paragraph a peer types into: a new one at the end of the outcome. */
export function ownParagraph(peer: RawPeer): Y.XmlText {
  const text = new Y.XmlText('');
  const paragraph = new Y.XmlElement('paragraph');
  peer.edit(() => {
    paragraph.insert(0, [text]);
    peer.doc.getXmlFragment('outcome').push([paragraph]);
  });
  return text;
}

/** A caret at the end of `text`, in the shape the web client's caret extension publishes. */
export function caretAt(text: Y.XmlText): Record<string, unknown> {
  const position = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, text.length));
  return { cursor: { anchor: position, head: position } };
}
