import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import type { RoomMember } from './room-member.js';
import { savedMessage } from './messages.js';

/** Encodes a state vector as `Y.encodeStateVector` does (Yjs encodes only a document's). */
function encodeStateVector(clocks: ReadonlyMap<number, number>): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, clocks.size);
  for (const [id, clock] of clocks) {
    encoding.writeVarUint(encoder, id);
    encoding.writeVarUint(encoder, clock);
  }
  return encoding.toUint8Array(encoder);
}

/**
 * Store sequence numbers, increasing across every room of the process: a document
 * unloaded and loaded again never reuses one, so other instances waiting for an `ack`
 * can tell its stores apart.
 */
let lastStoreSeq = 0;

/** A member's document frames: [store sequence, frames] pairs not yet durable, and the count announced. */
interface MemberFrames {
  pending: [seq: number, frames: number][];
  durable: number;
}

/**
 * What of one document is durable, for the SAVED message: per client id, the clock up to
 * which its content is committed, and per socket how many of its document frames that
 * covers. A frame is durable once every store issued before it was applied is committed.
 *
 * A SAVED message names only the client ids its recipient wrote or presents (see
 * `RoomMember.writtenIds`), never the whole state vector: a document with many client
 * ids would otherwise make every commit cost each socket that many bytes.
 */
export class SavedState {
  /** Durable clock per client id: what was stored when the document loaded, then every commit. */
  private readonly clocks: Map<number, number>;
  /** Sequence of the latest store issued for this document, and of the latest committed. */
  private issuedSeq = 0;
  private committedSeq = 0;
  private readonly frames = new WeakMap<RoomMember, MemberFrames>();
  private scheduled = false;

  /** `members`: the sockets to tell, when something more is durable. */
  constructor(
    private readonly members: () => Iterable<RoomMember>,
    stateVector: Uint8Array,
  ) {
    this.clocks = Y.decodeStateVector(stateVector);
  }

  /** Sequence of the latest committed store (what an `ack` to other instances confirms). */
  get durableSeq(): number {
    return this.committedSeq;
  }

  /** Everything in storage when the document was loaded is durable. */
  loaded(stateVector: Uint8Array): void {
    this.merge(Y.decodeStateVector(stateVector));
  }

  /** A store is about to be issued: its sequence number. */
  issue(): number {
    this.issuedSeq = ++lastStoreSeq;
    return this.issuedSeq;
  }

  /**
   * The store `seq` committed; `clocks` are the end clocks per client id of the update it
   * held (Yjs applies a client's structs in clock order, so everything of that client
   * below them was applied, and stored, before). True when this made more durable.
   */
  committed(seq: number, clocks: ReadonlyMap<number, number>): boolean {
    this.merge(clocks);
    if (seq <= this.committedSeq) return false;
    this.committedSeq = seq;
    this.schedule();
    return true;
  }

  /**
   * Records that `member` has handed over `frames` document frames, all applied now:
   * they are durable once every store issued so far is.
   */
  framesApplied(member: RoomMember, frames: number): void {
    this.framesOf(member).pending.push([this.issuedSeq, frames]);
    if (this.issuedSeq <= this.committedSeq) this.schedule();
  }

  /**
   * The SAVED message for `member`: the durable clocks of the client ids it wrote or
   * presents, and its durable frame count.
   */
  message(member: RoomMember): Uint8Array {
    const frames = this.framesOf(member);
    const { pending } = frames;
    let covered = 0;
    while (covered < pending.length && pending[covered]![0] <= this.committedSeq) covered++;
    if (covered > 0) {
      frames.durable = pending[covered - 1]![1];
      pending.splice(0, covered);
    }
    const own = new Map<number, number>();
    for (const ids of [member.writtenIds, member.controlledIds])
      for (const id of ids) {
        const clock = this.clocks.get(id);
        if (clock !== undefined) own.set(id, clock);
      }
    return savedMessage(encodeStateVector(own), frames.durable);
  }

  private merge(clocks: ReadonlyMap<number, number>): void {
    for (const [id, clock] of clocks) if (clock > (this.clocks.get(id) ?? 0)) this.clocks.set(id, clock);
  }

  private framesOf(member: RoomMember): MemberFrames {
    let frames = this.frames.get(member);
    if (!frames) {
      frames = { pending: [], durable: 0 };
      this.frames.set(member, frames);
    }
    return frames;
  }

  /** Tells every socket that asked for SAVED, once per tick at most. */
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      for (const member of this.members()) if (member.wantsSaved) member.send(this.message(member));
    });
  }
}
