/** Presence ids one document remembers owners for; past it the longest-unused is forgotten. */
const MAX_IDS_PER_DOCUMENT = 4096;
/** Documents whose presence owners are remembered; past it the longest-unused document's go. */
const MAX_DOCUMENTS = 10_000;

/**
 * Who owns each presence (awareness) client id of a document: the first user who used
 * it. Nobody else may publish for it, even after its owner's socket closed, so a viewer
 * cannot take over a departed editor's id and have the editor's presence refused on
 * reconnect. Kept by the server per document name, apart from the room, so ownership
 * outlives a room unloading when its last socket leaves (not a restart of the process).
 * Bounded: least recently used documents and ids are forgotten first.
 */
export class PresenceOwners {
  private readonly documents = new Map<string, Map<number, string>>();

  /** The owners of one document's presence ids, created on first use. */
  of(name: string): DocumentPresenceOwners {
    let owners = this.documents.get(name);
    if (owners) this.documents.delete(name);
    else owners = new Map();
    // Re-inserted: a Map iterates in insertion order, so the first key is the least recently used.
    this.documents.set(name, owners);
    if (this.documents.size > MAX_DOCUMENTS) this.documents.delete(this.documents.keys().next().value!);
    return new DocumentPresenceOwners(owners);
  }
}

/** The presence owners of one document. */
export class DocumentPresenceOwners {
  constructor(private readonly owners: Map<number, string>) {}

  /**
   * True when `userId` may publish for `clientId`: nobody owns it yet (it becomes
   * `userId`'s) or `userId` already does.
   */
  claim(clientId: number, userId: string): boolean {
    const owner = this.owners.get(clientId);
    if (owner !== undefined && owner !== userId) return false;
    this.owners.delete(clientId);
    this.owners.set(clientId, userId);
    if (this.owners.size > MAX_IDS_PER_DOCUMENT) this.owners.delete(this.owners.keys().next().value!);
    return true;
  }

  /** The user who owns `clientId`, if any. */
  ownerOf(clientId: number): string | undefined {
    return this.owners.get(clientId);
  }
}
