import type * as Y from 'yjs';
import type { ParticipantRole } from '@brieflock/schema';

/** What the domain may ask of the live collaboration layer (implemented by the app). */
export interface LiveBriefs {
  /** The brief's live Y.Doc when it is loaded in this process. */
  loadedDocument(proposalId: string): Y.Doc | undefined;
  /**
   * Changes the brief's live document on the server, loading it here if no one has it
   * open: `change` runs in one Yjs transaction (throwing before it writes leaves the
   * document as it was), every connected editor receives the update at once, and the
   * promise resolves with `change`'s result once the update is stored.
   */
  edit<T>(proposalId: string, change: (doc: Y.Doc) => T): Promise<T>;
  /** Closes the removed participant's collaboration sockets on this proposal. */
  participantRemoved(proposalId: string, userId: string): void;
  /** Closes the person's collaboration sockets on this proposal so they reconnect with their new role,
   * and records the role on their event subscriptions. */
  roleChanged(proposalId: string, userId: string, role: ParticipantRole): void;
  /** Closes every socket and subscription on a deleted proposal. */
  proposalDeleted(proposalId: string): void;
  /** Closes every collaboration socket opened with a session that was signed out. */
  sessionEnded(sessionId: string): void;
}
