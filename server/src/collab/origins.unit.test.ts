import { describe, expect, it } from 'vitest';
import { asUpdateOrigin, LOAD_ORIGIN, memberOf, socketOrigin } from './origins.js';
import type { RoomMember } from './room-member.js';

const member: RoomMember = {
  peer: {
    user: { id: 'u1', name: 'Ann', color: '#2563eb', role: 'CLIENT' },
    canWrite: true,
    sessionId: 's1',
    expiresAt: null,
  },
  wantsSaved: false,
  controlledIds: new Set(),
  writtenIds: new Set(),
  send: () => undefined,
  close: () => undefined,
};

describe('transaction origins', () => {
  it('name the socket a change came from', () => {
    const origin = socketOrigin(member);
    expect(asUpdateOrigin(origin)).toEqual({ kind: 'socket', member });
    expect(memberOf(origin)).toBe(member);
  });

  it('tell load, relay and resync apart from sockets', () => {
    for (const origin of [LOAD_ORIGIN, { kind: 'relay', instance: 'b' }, { kind: 'resync', instance: 'b' }]) {
      expect(asUpdateOrigin(origin)).toBe(origin);
      expect(memberOf(origin)).toBeNull();
    }
  });

  it("are none of Yjs' or y-protocols' own origins, nor arbitrary objects", () => {
    for (const origin of [null, undefined, 'timeout', 'local', Symbol('x'), {}, { kind: 'other' }]) {
      expect(asUpdateOrigin(origin)).toBeNull();
      expect(memberOf(origin)).toBeNull();
    }
  });
});
