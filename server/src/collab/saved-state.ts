import type { RoomMember } from './room-member.js';
import { savedMessage } from './messages.js';

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
 * What of one document is durable, for the SAVED message: the state vector of the
 * latest committed store, and per socket how many of its document frames that covers.
 * A frame is durable once every store issued before it was applied is committed.
 */
export class SavedState {
  /** Encoded state vector of what is durable. */
  private stateVector: Uint8Array;
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
    this.stateVector = stateVector;
  }

  /** Sequence of the latest committed store (what an `ack` to other instances confirms). */
  get durableSeq(): number {
    return this.committedSeq;
  }

  /** Everything in storage when the document was loaded is durable. */
  loaded(stateVector: Uint8Array): void {
    this.stateVector = stateVector;
  }

  /** A store is about to be issued: its sequence number. */
  issue(): number {
    this.issuedSeq = ++lastStoreSeq;
    return this.issuedSeq;
  }

  /**
   * The store `seq` committed; `stateVector` is the document's as it was issued (all
   * applied then is in that store or an earlier one). True when this made more durable.
   */
  committed(seq: number, stateVector: Uint8Array): boolean {
    if (seq <= this.committedSeq) return false;
    this.committedSeq = seq;
    this.stateVector = stateVector;
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

  /** The SAVED message for `member`: the durable state vector and its durable frame count. */
  message(member: RoomMember): Uint8Array {
    const frames = this.framesOf(member);
    const { pending } = frames;
    let covered = 0;
    while (covered < pending.length && pending[covered]![0] <= this.committedSeq) covered++;
    if (covered > 0) {
      frames.durable = pending[covered - 1]![1];
      pending.splice(0, covered);
    }
    return savedMessage(this.stateVector, frames.durable);
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
