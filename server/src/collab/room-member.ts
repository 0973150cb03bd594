import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import type { CollabPeer } from './hooks.js';
import type { DocumentPresenceOwners } from './presence-owners.js';

/**
 * One socket as its room sees it. The room never needs more of a connection than this:
 * who it is, whether it asked for SAVED messages, the presence ids it introduced, and a
 * way to send it a frame or close it.
 */
export interface RoomMember {
  /** Identity and role, as the domain authenticated them. */
  readonly peer: CollabPeer;
  /** True when the client asked for SAVED messages (`?saved=1`). */
  readonly wantsSaved: boolean;
  /** Awareness client ids this socket introduced; only it may publish for them. */
  readonly controlledIds: Set<number>;
  /** Yjs client ids this socket's applied updates carried, the latest few (for SAVED). */
  readonly writtenIds: Set<number>;
  /** Sends one frame; does nothing once the socket is closing. */
  send(frame: Uint8Array): void;
  /** Closes the socket with a `CloseCode`. */
  close(code: number, reason: string): void;
}

/** Bounds on the Yjs client ids of one document. */
export interface ClientIdLimits {
  /** Client ids the document does not know yet that one update may bring. */
  maxNewPerUpdate: number;
  /** Client ids one document may hold in all. */
  maxPerDocument: number;
}

/** What a connection may use of the room it joined. */
export interface MemberRoom {
  readonly name: string;
  readonly clientIdLimits: ClientIdLimits;
  readonly doc: Y.Doc;
  readonly awareness: Awareness;
  /** Who owns each presence id of the document: only its first user may publish for it. */
  readonly presenceOwners: DocumentPresenceOwners;
  /** The sockets on this document on this instance. */
  readonly members: ReadonlySet<RoomMember>;
  /** True when applying `incomingBytes` more would keep the document within its limit. */
  fits(incomingBytes: number): boolean;
  /** True when storage takes `incomingBytes` more of this document now. */
  admits(incomingBytes: number): boolean;
  /** Records that `member` has handed over `frames` document frames, all applied now. */
  framesApplied(member: RoomMember, frames: number): void;
  /** The SAVED message for `member` as of now. */
  savedMessage(member: RoomMember): Uint8Array;
  /**
   * The stored update the document was loaded from, while the document holds exactly
   * that (nothing changed it since); null otherwise. See `LoadedDocument.state`.
   */
  loadedState(): Uint8Array | null;
}
