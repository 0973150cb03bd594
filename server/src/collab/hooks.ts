import type { IncomingMessage } from 'node:http';
import type * as Y from 'yjs';
import type { PresenceUser } from '@brieflock/schema';

/** Who is on the other end of a collaboration socket, as the domain decided. */
export interface CollabPeer {
  user: PresenceUser;
  /** False for a viewer: its document updates are dropped, never applied, stored or relayed. */
  canWrite: boolean;
  /** Session the socket was opened with; closing a session closes its sockets. */
  sessionId: string;
  /** When the session expires; its sockets are closed (`CloseCode.UNAUTHENTICATED`) then. */
  expiresAt: Date | null;
}

/** Why a socket is refused: an HTTP status before the upgrade or a close code right after. */
export type CollabRefusal = { refused: 'unauthenticated' | 'forbidden' | 'not-found'; reason: string };

/**
 * What the collaboration transport needs from the domain. The transport knows sockets
 * and y-protocols only; every decision about people and storage is made here, with the
 * same policies GraphQL uses.
 */
export interface CollabHooks {
  /**
   * The one name of the document a requested name spells (e.g. any letter case of an
   * id): rooms, relay channels and disconnects are keyed by it, so every spelling reaches
   * the same room. Absent: names are taken as they are.
   */
  documentName?(requested: string): string;
  /** Decides who may open `documentName`; called before any document byte is sent. */
  authenticate(request: IncomingMessage, url: URL, documentName: string): Promise<CollabPeer | CollabRefusal>;
  /**
   * Applies the stored state of `documentName` into `doc` (origin: the `loadOrigin`
   * given). Rejects when storage cannot be read: the transport then refuses the socket
   * rather than serve an empty document over existing data.
   */
  load(documentName: string, doc: Y.Doc, loadOrigin: unknown): Promise<LoadedDocument | undefined>;
  /** Makes one update durable; resolves once it is committed. Retries internally. */
  store(documentName: string, update: Uint8Array): Promise<void>;
  /**
   * True when storage takes `bytes` more of `documentName` now (its log's size and rate of
   * growth within bounds). Asked before an update from a client is applied; a refused
   * update is not applied and closes only its socket (`CloseCode.STORAGE_LIMIT`).
   * Absent: every update is taken.
   */
  admits?(documentName: string, bytes: number): boolean;
  /** Called after an update from a client was applied (after relaying it). */
  changed?(documentName: string, change: DocumentChange): void;
}

/** What `load` may tell the transport about the document it loaded. */
export interface LoadedDocument {
  /**
   * A Yjs update (v1) holding exactly what `load` left in the document, such as the one
   * compacted row it was read from. Until the document changes, a client that has
   * nothing of it yet is sent these bytes as they are, rather than a new encoding of what
   * was just decoded from them. Absent when the document holds more (e.g. several rows,
   * or a conversion made while loading).
   */
  state?: Uint8Array;
}

/** What `changed` is told about an applied update. */
export interface DocumentChange {
  doc: Y.Doc;
  /** The Yjs transaction that applied it: `transaction.changed` names the types it touched. */
  transaction: Y.Transaction;
  /** Who sent it; null when it did not come from a socket. */
  peer: CollabPeer | null;
}

export const isRefusal = (value: CollabPeer | CollabRefusal): value is CollabRefusal => 'refused' in value;
