import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { ParticipantRole } from '@brieflock/schema';

/**
 * What one instance tells the others about a live document. Every instance that has the
 * document loaded hears every message; `from` names the sender, which ignores its own.
 *
 * - `update`: a document update one of the sender's sockets made. The sender stores it;
 *   `seq` orders its stores, and a later `ack` confirms it.
 * - `ack`: the sender's stores up to `seq` are committed.
 * - `hello`: the sender (re)joined with this state vector. Every other instance answers
 *   with a `diff` of what the sender may lack, its own `state`, and its sockets' presence.
 * - `state`: the answer to a `hello`; the newcomer sends back a `diff`.
 * - `diff`: document content sent to fill a gap (after a load or a Redis outage). Whoever
 *   learns something new from it stores that (storing an update twice changes nothing).
 * - `awareness`: a presence update of the sender's sockets.
 * - `bye`: the sender unloaded the document.
 *
 * An instance publishes updates, presence and acks of a document only while it knows of
 * another instance that has it loaded (one it heard from, and that has not said `bye`):
 * a document open on one instance costs Redis nothing but its `hello`. A newcomer is
 * learnt of by its `hello`, and the `diff` it gets back covers whatever was not published.
 */
export type RelayMessage =
  | { kind: 'update'; from: string; seq: number; data: Uint8Array }
  | { kind: 'ack'; from: string; seq: number }
  | { kind: 'hello'; from: string; stateVector: Uint8Array }
  | { kind: 'state'; from: string; stateVector: Uint8Array }
  | { kind: 'diff'; from: string; data: Uint8Array }
  | { kind: 'awareness'; from: string; data: Uint8Array }
  | { kind: 'bye'; from: string };

/**
 * Cluster-wide orders: close the matching sockets (and subscriptions) on every instance.
 * A role change closes the person's collaboration sockets only, so they reconnect with it.
 */
export type ControlMessage =
  | { kind: 'participant-removed'; from: string; proposalId: string; userId: string }
  | { kind: 'role-changed'; from: string; proposalId: string; userId: string; role: ParticipantRole }
  | { kind: 'proposal-deleted'; from: string; proposalId: string }
  | { kind: 'session-ended'; from: string; sessionId: string };

/**
 * How instances share live documents. Redis pub/sub carries the messages; it never holds
 * the only copy of an update (each is stored in PostgreSQL by the instance that received
 * it from a socket), so losing messages costs only latency: a `hello` after every
 * reconnect fills the gaps.
 */
export interface DocumentRelay {
  /** This instance's id in `from`. */
  readonly instanceId: string;
  /**
   * Starts hearing `name`'s messages. Resolves once subscribed, or after a short wait when
   * Redis is unreachable (the subscription is made, and a resync asked for, on reconnect).
   */
  join(name: string, listener: (message: RelayMessage) => void): Promise<void>;
  /** Stops hearing `name` (only if `listener` is still the one joined). */
  leave(name: string, listener: (message: RelayMessage) => void): void;
  /** Sends to every other instance that has `name` loaded; never throws. */
  publish(name: string, message: RelayMessage): void;
  publishControl(message: ControlMessage): void;
  onControl(handler: (message: ControlMessage) => void): void;
  /** Called after a reconnect to Redis: every loaded document should say `hello` again. */
  onResync(handler: () => void): void;
  /** Rejects when Redis does not answer (for readiness). */
  ping(): Promise<void>;
  /** Messages sent and heard since start-up, and publishes that failed (for metrics). */
  readonly stats: { published: number; received: number; publishFailures: number };
  close(): Promise<void>;
}

const KINDS = ['update', 'ack', 'hello', 'state', 'diff', 'awareness', 'bye'] as const;

/** The binary form on the wire: kind, sender, then the kind's fields. */
export function encodeRelayMessage(message: RelayMessage): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, KINDS.indexOf(message.kind));
  encoding.writeVarString(encoder, message.from);
  switch (message.kind) {
    case 'update':
      encoding.writeVarUint(encoder, message.seq);
      encoding.writeVarUint8Array(encoder, message.data);
      break;
    case 'ack':
      encoding.writeVarUint(encoder, message.seq);
      break;
    case 'hello':
    case 'state':
      encoding.writeVarUint8Array(encoder, message.stateVector);
      break;
    case 'diff':
    case 'awareness':
      encoding.writeVarUint8Array(encoder, message.data);
      break;
    case 'bye':
      break;
  }
  return encoding.toUint8Array(encoder);
}

/** Decodes a message; throws on anything malformed. */
export function decodeRelayMessage(bytes: Uint8Array): RelayMessage {
  const decoder = decoding.createDecoder(bytes);
  const kind = KINDS[decoding.readVarUint(decoder)];
  const from = decoding.readVarString(decoder);
  switch (kind) {
    case 'update':
      return { kind, from, seq: decoding.readVarUint(decoder), data: decoding.readVarUint8Array(decoder) };
    case 'ack':
      return { kind, from, seq: decoding.readVarUint(decoder) };
    case 'hello':
    case 'state':
      return { kind, from, stateVector: decoding.readVarUint8Array(decoder) };
    case 'diff':
    case 'awareness':
      return { kind, from, data: decoding.readVarUint8Array(decoder) };
    case 'bye':
      return { kind, from };
    default:
      throw new Error('unknown relay message kind');
  }
}

/**
 * Updates heard from other instances that their senders have not yet confirmed as
 * stored, oldest first per sender. One still unconfirmed after the timeout (its sender
 * died before committing it, or the `ack` was lost) is stored by this instance instead.
 */
export class UnconfirmedUpdates {
  private readonly bySender = new Map<string, { seq: number; data: Uint8Array; at: number }[]>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  add(from: string, seq: number, data: Uint8Array, now: number): void {
    let list = this.bySender.get(from);
    if (!list) {
      list = [];
      this.bySender.set(from, list);
    }
    list.push({ seq, data, at: now });
    this.count++;
  }

  /** Forgets `from`'s updates up to `seq`. */
  confirm(from: string, seq: number): void {
    const list = this.bySender.get(from);
    if (!list) return;
    let confirmed = 0;
    while (confirmed < list.length && list[confirmed]!.seq <= seq) confirmed++;
    list.splice(0, confirmed);
    this.count -= confirmed;
    if (list.length === 0) this.bySender.delete(from);
  }

  /** Removes and returns the updates heard at or before `cutoff` (all when omitted). */
  takeOverdue(cutoff = Infinity): Uint8Array[] {
    const overdue: Uint8Array[] = [];
    for (const [from, list] of this.bySender) {
      let taken = 0;
      while (taken < list.length && list[taken]!.at <= cutoff) overdue.push(list[taken++]!.data);
      list.splice(0, taken);
      if (list.length === 0) this.bySender.delete(from);
    }
    this.count -= overdue.length;
    return overdue;
  }
}
