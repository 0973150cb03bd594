import type { MikroORM } from '@mikro-orm/postgresql';
import * as Y from 'yjs';
import { readBrief, type TypedBriefContent } from '@brieflock/schema';
import { applyStoredBrief } from './brief-store.js';

/** What the domain may ask of the live collaboration layer (implemented by the app). */
export interface LiveBriefs {
  /** The brief's live Y.Doc when it is loaded in this process. */
  loadedDocument(proposalId: string): Y.Doc | undefined;
  /** Closes the removed participant's collaboration sockets on this proposal. */
  participantRemoved(proposalId: string, userId: string): void;
  /** Closes every collaboration socket opened with a session that was signed out. */
  sessionEnded(sessionId: string): void;
}

/**
 * The brief as it is now: from memory when someone is editing it here, else from
 * storage (read without keeping anything loaded).
 */
export async function readDraft(orm: MikroORM, live: LiveBriefs, proposalId: string): Promise<TypedBriefContent> {
  const loaded = live.loadedDocument(proposalId);
  if (loaded) return readBrief(loaded);
  const doc = new Y.Doc();
  try {
    await applyStoredBrief(orm.em.fork(), proposalId, doc, null);
    return readBrief(doc);
  } finally {
    doc.destroy();
  }
}
