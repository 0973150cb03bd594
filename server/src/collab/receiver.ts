import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import { COLLAB_LIMITS, CloseCode, CollabMessage, SyncStep } from '@brieflock/schema';
import { awarenessStatesMessage, syncStep2Message, syncStep2Reply } from './messages.js';
import type { SocketOrigin } from './origins.js';
import type { MemberRoom, RoomMember } from './room-member.js';
import { plausibleUpdate, type UpdateClients, updateClients } from './update-guard.js';

/** Presence states one socket may publish (a tab has one; a few for reconnect overlap). */
export const MAX_CONTROLLED_IDS = 8;

/** Client ids of a socket's own updates remembered for its SAVED messages (a tab writes with one). */
export const MAX_WRITTEN_IDS = 8;

/** A frame this server does not accept; closes only its own socket. */
export class ProtocolViolation extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** The encoding of a state vector with no client in it (what an empty Y.Doc sends). */
const isEmptyStateVector = (stateVector: Uint8Array): boolean => stateVector.length === 1 && stateVector[0] === 0;

const malformedUpdate = () => new ProtocolViolation(CloseCode.PROTOCOL_ERROR, 'malformed update');

/**
 * Reads the frames of one socket. Every check runs before anything is applied: a viewer's
 * document content is dropped, an update must pass the structural checks and fit the
 * document's limit, and presence is labelled with the sender's real identity and limited
 * to the client ids it introduced.
 */
export class MessageReceiver {
  constructor(
    private readonly room: MemberRoom,
    private readonly member: RoomMember,
    private readonly origin: SocketOrigin,
  ) {}

  /**
   * Handles one binary frame. Returns true when it was document content that was applied
   * (the frames SAVED counts); throws a `ProtocolViolation` (or a decoding error) for a
   * frame that is refused.
   */
  receive(frame: Uint8Array): boolean {
    const decoder = decoding.createDecoder(frame);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case CollabMessage.SYNC:
        return this.onSync(decoder);
      case CollabMessage.AWARENESS:
        this.onAwareness(decoding.readVarUint8Array(decoder));
        return false;
      case CollabMessage.QUERY_AWARENESS:
        this.member.send(awarenessStatesMessage(this.room.awareness, [...this.room.awareness.getStates().keys()]));
        return false;
      default:
        throw new ProtocolViolation(CloseCode.PROTOCOL_ERROR, 'unknown message type');
    }
  }

  private onSync(decoder: decoding.Decoder): boolean {
    const step = decoding.readVarUint(decoder);
    if (step === SyncStep.STEP_1) {
      let reply: Uint8Array;
      try {
        // A client with nothing yet (a new editor) lacks all of it: the stored bytes the
        // document was loaded from are that, as long as the document holds just them.
        const loaded = isEmptyStateVector(decoding.readVarUint8Array(decoding.clone(decoder)))
          ? this.room.loadedState()
          : null;
        reply = loaded ? syncStep2Message(loaded) : syncStep2Reply(decoder, this.room.doc);
      } catch {
        throw new ProtocolViolation(CloseCode.PROTOCOL_ERROR, 'malformed state vector');
      }
      this.member.send(reply);
      return false;
    }
    if (step !== SyncStep.STEP_2 && step !== SyncStep.UPDATE)
      throw new ProtocolViolation(CloseCode.PROTOCOL_ERROR, 'unknown sync message');
    // y-protocols' reader applies as it reads: the update is looked at on a copy of the
    // decoder first, and handed to the reader only once every check passed.
    const update = decoding.readVarUint8Array(decoding.clone(decoder));
    // A viewer's content is never applied, stored or relayed. Its socket stays open: a
    // read-only client replying to sync step 1 with its (empty or stale) state is normal.
    if (!this.member.peer.canWrite) return false;
    if (!plausibleUpdate(update)) throw malformedUpdate();
    const clients = updateClients(update);
    if (!clients) throw malformedUpdate();
    this.checkClientIds(clients);
    if (!this.room.fits(update.length)) throw new ProtocolViolation(CloseCode.DOCUMENT_TOO_LARGE, 'document too large');
    if (!this.room.admits(update.length))
      throw new ProtocolViolation(CloseCode.STORAGE_LIMIT, "the brief's stored log is full or growing too fast");
    // Step 2 and an update are applied alike (`readUpdate` is `readSyncStep2`).
    syncProtocol.readUpdate(decoder, this.room.doc, this.origin, () => {
      throw malformedUpdate();
    });
    const written = this.member.writtenIds;
    for (const id of clients.structs) {
      written.delete(id);
      written.add(id);
    }
    for (const id of written) {
      if (written.size <= MAX_WRITTEN_IDS) break;
      written.delete(id);
    }
    return true;
  }

  /**
   * Every Yjs client id stays in the document for good, in its state vector and in every
   * join's download: an update may bring only a few the document does not know yet, and
   * the document only so many in all.
   */
  private checkClientIds(clients: UpdateClients): void {
    const known = this.room.doc.store.clients;
    let unknown = 0;
    for (const id of new Set([...clients.structs, ...clients.deletes])) if (!known.has(id)) unknown++;
    if (unknown === 0) return;
    const limits = this.room.clientIdLimits;
    if (unknown > limits.maxNewPerUpdate)
      throw new ProtocolViolation(CloseCode.TOO_MANY_CLIENT_IDS, 'update brings too many new client ids');
    if (known.size + unknown > limits.maxPerDocument)
      throw new ProtocolViolation(CloseCode.TOO_MANY_CLIENT_IDS, 'document holds too many client ids');
  }

  private onAwareness(update: Uint8Array): void {
    if (update.length > COLLAB_LIMITS.maxAwarenessBytes)
      throw new ProtocolViolation(CloseCode.MESSAGE_TOO_BIG, 'presence too large');
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    if (count > MAX_CONTROLLED_IDS) throw new ProtocolViolation(CloseCode.PROTOCOL_ERROR, 'too many presence states');
    const entries: [number, number, string][] = [];
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const raw = decoding.readVarString(decoder);
      const state: unknown = JSON.parse(raw);
      if (!this.mayPublishFor(clientId)) continue;
      entries.push([clientId, clock, JSON.stringify(this.labelled(state))]);
    }
    if (entries.length === 0) return;
    const out = encoding.createEncoder();
    encoding.writeVarUint(out, entries.length);
    for (const [clientId, clock, state] of entries) {
      encoding.writeVarUint(out, clientId);
      encoding.writeVarUint(out, clock);
      encoding.writeVarString(out, state);
    }
    awarenessProtocol.applyAwarenessUpdate(this.room.awareness, encoding.toUint8Array(out), this.origin);
  }

  /** A socket speaks only for the presence ids it introduced, never for another socket's. */
  private mayPublishFor(clientId: number): boolean {
    const { member, room } = this;
    if (member.controlledIds.has(clientId)) return room.presenceOwners.claim(clientId, member.peer.user.id);
    for (const other of room.members) if (other !== member && other.controlledIds.has(clientId)) return false;
    // A state heard from another instance: only its own user takes it over (a client that
    // reconnected here after its instance went away).
    const existing = room.awareness.states.get(clientId) as { user?: { id?: unknown } } | undefined;
    if (existing && existing.user?.id !== member.peer.user.id) return false;
    if (member.controlledIds.size >= MAX_CONTROLLED_IDS) return false;
    // The id's first user owns it for good: another user's socket never takes over a
    // departed socket's id (its owner could not show its presence on reconnect).
    return room.presenceOwners.claim(clientId, member.peer.user.id);
  }

  /** The state as others see it: `user` is always the authenticated identity and role. */
  private labelled(state: unknown): unknown {
    if (state === null) return null;
    if (typeof state !== 'object' || Array.isArray(state))
      throw new ProtocolViolation(CloseCode.PROTOCOL_ERROR, 'malformed presence');
    return { ...(state as Record<string, unknown>), user: this.member.peer.user };
  }
}
