import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CollabMessage } from '@brieflock/schema';
import type { RoomMember } from './room-member.js';
import { SavedState } from './saved-state.js';

function member(wantsSaved = true): RoomMember & { sent: Uint8Array[] } {
  const sent: Uint8Array[] = [];
  return {
    sent,
    peer: {
      user: { id: 'u', name: 'U', color: '#2563eb', role: 'CLIENT' },
      canWrite: true,
      sessionId: 's',
      expiresAt: null,
    },
    wantsSaved,
    controlledIds: new Set(),
    writtenIds: new Set(),
    send: (frame) => sent.push(frame),
    close: () => undefined,
  };
}

/** The durable frame count a SAVED message reports. */
function durableFrames(frame: Uint8Array): number {
  const decoder = decoding.createDecoder(frame);
  expect(decoding.readVarUint(decoder)).toBe(CollabMessage.SAVED);
  decoding.readVarUint8Array(decoder);
  return decoding.readVarUint(decoder);
}

const nextTick = () => new Promise<void>((resolve) => setImmediate(resolve));
const emptyVector = Y.encodeStateVector(new Y.Doc());
const noClocks = new Map<number, number>();

describe('SavedState', () => {
  it("counts a socket's frames durable only once the stores issued before them committed", () => {
    const a = member();
    const b = member();
    const saved = new SavedState(() => [a, b], emptyVector);
    const first = saved.issue();
    saved.framesApplied(a, 1);
    const second = saved.issue();
    saved.framesApplied(a, 2);
    expect(durableFrames(saved.message(a))).toBe(0);

    expect(saved.committed(first, noClocks)).toBe(true);
    expect(durableFrames(saved.message(a))).toBe(1);
    // A late commit of an older store changes nothing.
    expect(saved.committed(first, noClocks)).toBe(false);
    expect(saved.committed(second, noClocks)).toBe(true);
    expect(durableFrames(saved.message(a))).toBe(2);
    expect(durableFrames(saved.message(b))).toBe(0);
    expect(saved.durableSeq).toBe(second);
  });

  it('tells the sockets that asked for SAVED, once per tick however many commits', async () => {
    const asked = member(true);
    const silent = member(false);
    const saved = new SavedState(() => [asked, silent], emptyVector);
    const seqs = [saved.issue(), saved.issue(), saved.issue()];
    for (const seq of seqs) saved.committed(seq, noClocks);
    await nextTick();
    expect(asked.sent).toHaveLength(1);
    expect(silent.sent).toHaveLength(0);
  });

  it('announces frames applied when every store is already committed', async () => {
    const a = member();
    const saved = new SavedState(() => [a], emptyVector);
    saved.committed(saved.issue(), noClocks);
    await nextTick();
    a.sent.length = 0;
    saved.framesApplied(a, 3);
    await nextTick();
    expect(a.sent.map(durableFrames)).toEqual([3]);
  });
});

describe('SavedState messages', () => {
  /** The state vector a SAVED message carries. */
  const clocksIn = (frame: Uint8Array) => {
    const decoder = decoding.createDecoder(frame);
    decoding.readVarUint(decoder);
    return Y.decodeStateVector(decoding.readVarUint8Array(decoder));
  };

  it("names only the recipient's own client ids, however many the document holds", () => {
    const stored = new Map(Array.from({ length: 5_000 }, (_, i) => [i + 1, 3] as [number, number]));
    const vector = (() => {
      const doc = new Y.Doc();
      doc.clientID = 1;
      return Y.encodeStateVector(doc);
    })();
    const a = member();
    const saved = new SavedState(() => [a], vector);
    saved.committed(saved.issue(), stored);
    a.writtenIds.add(42);
    a.controlledIds.add(7);
    a.controlledIds.add(99_999); // presented, nothing stored yet: not named
    const frame = saved.message(a);
    expect(Object.fromEntries(clocksIn(frame))).toEqual({ 42: 3, 7: 3 });
    expect(frame.length).toBeLessThan(16);
  });

  it('keeps the highest clock a commit made durable, whatever order commits report in', () => {
    const a = member();
    const saved = new SavedState(() => [a], emptyVector);
    const first = saved.issue();
    const second = saved.issue();
    a.writtenIds.add(5);
    saved.committed(second, new Map([[5, 9]]));
    saved.committed(first, new Map([[5, 4]]));
    expect(clocksIn(saved.message(a)).get(5)).toBe(9);
  });
});
