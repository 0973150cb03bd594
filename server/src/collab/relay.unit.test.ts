import { describe, expect, it } from 'vitest';
import { decodeRelayMessage, encodeRelayMessage, UnconfirmedUpdates, type RelayMessage } from './relay.js';

const bytes = (...values: number[]) => new Uint8Array(values);

describe('relay messages', () => {
  const messages: RelayMessage[] = [
    { kind: 'update', from: 'instance-a', seq: 41, data: bytes(1, 2, 3) },
    { kind: 'ack', from: 'instance-a', seq: 2 ** 40 },
    { kind: 'hello', from: 'b', stateVector: bytes(0) },
    { kind: 'state', from: 'b', stateVector: bytes(1, 200, 1) },
    { kind: 'diff', from: 'ü-ñ', data: new Uint8Array(70_000).fill(7) },
    { kind: 'awareness', from: 'c', data: bytes() },
    { kind: 'bye', from: 'c' },
  ];

  it.each(messages)('round-trips a $kind message', (message) => {
    expect(decodeRelayMessage(encodeRelayMessage(message))).toEqual(message);
  });

  it('refuses an unknown kind and a truncated message', () => {
    expect(() => decodeRelayMessage(bytes(9, 1, 97))).toThrow(/unknown relay message kind/);
    const update = encodeRelayMessage({ kind: 'update', from: 'a', seq: 1, data: bytes(1, 2, 3, 4) });
    expect(() => decodeRelayMessage(update.subarray(0, update.length - 2))).toThrow();
  });
});

describe('unconfirmed updates', () => {
  it('forgets what a sender confirms, per sender and in order', () => {
    const pending = new UnconfirmedUpdates();
    pending.add('a', 1, bytes(1), 0);
    pending.add('a', 2, bytes(2), 0);
    pending.add('a', 5, bytes(5), 0);
    pending.add('b', 1, bytes(9), 0);
    pending.confirm('a', 2);
    expect(pending.size).toBe(2);
    pending.confirm('c', 100);
    expect(pending.size).toBe(2);
    expect(pending.takeOverdue()).toEqual([bytes(5), bytes(9)]);
    expect(pending.size).toBe(0);
  });

  it('hands over only what was heard before the cutoff', () => {
    const pending = new UnconfirmedUpdates();
    pending.add('a', 1, bytes(1), 100);
    pending.add('a', 2, bytes(2), 300);
    pending.add('b', 7, bytes(7), 150);
    expect(pending.takeOverdue(200)).toEqual([bytes(1), bytes(7)]);
    expect(pending.size).toBe(1);
    pending.confirm('a', 2);
    expect(pending.size).toBe(0);
    expect(pending.takeOverdue()).toEqual([]);
  });
});
