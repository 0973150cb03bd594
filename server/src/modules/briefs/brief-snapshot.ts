import type { EntityManager } from '@mikro-orm/postgresql';
import * as Y from 'yjs';
import { readBrief, type TypedBriefContent } from '@brieflock/schema';
import { applyStoredBrief } from './brief-store.js';
import type { LiveBriefs } from './live-briefs.js';

export interface BriefSnapshot {
  brief: TypedBriefContent;
  /** The Yjs state the brief was read from. */
  state: Uint8Array;
}

/**
 * The brief as it is now, and with `{ state: true }` the Yjs state it was read from:
 * from the live document when it is loaded here (read synchronously, so no update slips
 * between the two), else from storage through `em` (the caller's transaction, if any),
 * without keeping anything loaded. The draft query reads the brief alone; a freeze
 * takes both.
 */
export async function briefSnapshot(
  em: EntityManager,
  live: LiveBriefs,
  proposalId: string,
  options: { state: true },
): Promise<BriefSnapshot>;
export async function briefSnapshot(
  em: EntityManager,
  live: LiveBriefs,
  proposalId: string,
  options?: { state?: false },
): Promise<Pick<BriefSnapshot, 'brief'>>;
export async function briefSnapshot(
  em: EntityManager,
  live: LiveBriefs,
  proposalId: string,
  options: { state?: boolean } = {},
): Promise<Pick<BriefSnapshot, 'brief'> & Partial<BriefSnapshot>> {
  const read = (doc: Y.Doc) =>
    options.state ? { brief: readBrief(doc), state: Y.encodeStateAsUpdate(doc) } : { brief: readBrief(doc) };
  return readBriefDoc(em, live, proposalId, read);
}

/**
 * Reads the brief's Yjs document as it is now with `read` (synchronously): the live
 * document when it is loaded here, else one applied from storage through `em` and
 * dropped afterwards. `read` must not keep or change the document.
 */
export async function readBriefDoc<T>(
  em: EntityManager,
  live: LiveBriefs,
  proposalId: string,
  read: (doc: Y.Doc) => T,
): Promise<T> {
  const loaded = live.loadedDocument(proposalId);
  if (loaded) return read(loaded);
  const doc = new Y.Doc();
  try {
    await applyStoredBrief(em, proposalId, doc, null);
    return read(doc);
  } finally {
    doc.destroy();
  }
}
