import type { EntityManager } from '@mikro-orm/postgresql';
import * as Y from 'yjs';
import { readBrief, type TypedBriefContent } from '@brieflock/schema';
import { applyStoredBrief } from '../briefs/brief-store.js';
import type { LiveBriefs } from '../briefs/live-briefs.js';

export interface BriefSnapshot {
  brief: TypedBriefContent;
  /** The Yjs state the brief was read from. */
  state: Uint8Array;
}

/**
 * The brief and its Yjs state at one instant: from the live document when it is loaded
 * here (read synchronously, so no update slips between the two), else from storage
 * through `em` (the caller's transaction).
 */
export async function briefSnapshot(em: EntityManager, live: LiveBriefs, proposalId: string): Promise<BriefSnapshot> {
  const loaded = live.loadedDocument(proposalId);
  if (loaded) return { brief: readBrief(loaded), state: Y.encodeStateAsUpdate(loaded) };
  const doc = new Y.Doc();
  try {
    await applyStoredBrief(em, proposalId, doc, null);
    return { brief: readBrief(doc), state: Y.encodeStateAsUpdate(doc) };
  } finally {
    doc.destroy();
  }
}
