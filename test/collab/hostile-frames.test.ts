import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as authProtocol from 'y-protocols/auth';
import { COLLAB_LIMITS, CloseCode, CollabMessage, readBrief, SyncStep } from '@brieflock/schema';
import { useTestApp } from '../support/app.js';
import { frame, synced, updateFrame, type TestPeer } from '../support/collab.js';
import {
  allStored,
  appendParagraph,
  awarenessFrame,
  draftText,
  peerPool,
  rawReady,
  serverDoc,
  stateOf,
  storedRows,
  syncFrame,
  updateOf,
} from '../support/collab-checks.js';
import { makeCast } from '../support/factories.js';
import { waitFor } from '../support/wait.js';

const { PROTOCOL_ERROR, UNSUPPORTED_DATA, MESSAGE_TOO_BIG } = CloseCode;
/** A step and a message type no one defines. */
const UNKNOWN_STEP = 9;
const UNKNOWN_TYPE = 7;

const t = useTestApp();
let cast: Awaited<ReturnType<typeof makeCast>>;
let other: Awaited<ReturnType<typeof makeCast>>;
let a: TestPeer;
let b: TestPeer;
let c: TestPeer;
let d: TestPeer;
const pool = peerPool();

beforeAll(async () => {
  cast = await makeCast(t.api);
  other = await makeCast(t.api);
  a = pool.peer(t.app.url, cast.proposal.id, cast.client.token);
  b = pool.peer(t.app.url, cast.proposal.id, cast.freelancer.token);
  c = pool.peer(t.app.url, other.proposal.id, other.client.token);
  d = pool.peer(t.app.url, other.proposal.id, other.freelancer.token);
  await Promise.all([a, b, c, d].map((peer) => synced(peer)));
  appendParagraph(a.doc, 'Stored before any hostile frame.');
  await waitFor(() => a.isSaved() && readBrief(b.doc).outcome.text === 'Stored before any hostile frame.', {
    what: 'the first paragraph',
  });
});
afterAll(async () => {
  pool.destroyAll();
});

/** Deterministic pseudo-random bytes (mulberry32), so a failure can be replayed. */
function pseudoRandomBytes(seed: number, length: number): Uint8Array {
  let state = seed >>> 0;
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    out[i] = (x ^ (x >>> 14)) & 0xff;
  }
  return out;
}

/** A real next edit of the brief, as an editor that is in sync would send it. */
function realUpdate(): Uint8Array {
  const local = new Y.Doc();
  Y.applyUpdate(local, Y.encodeStateAsUpdate(serverDoc(t.app, cast.proposal.id)));
  return updateOf(local, (doc) => {
    appendParagraph(doc, 'Smuggled in by a cut update.');
    doc.getMap('ownership').set('ipOwner', 'FREELANCER');
  });
}

const bytes = (write: (encoder: encoding.Encoder) => void) => frame(write);

interface HostileCase {
  name: string;
  code: number;
  /** The frame to send; a string is sent as a text frame. */
  payload(): Uint8Array | string;
}

const cases: HostileCase[] = [
  { name: 'random bytes', code: PROTOCOL_ERROR, payload: () => pseudoRandomBytes(687, 256) },
  {
    name: 'a sync message cut after its message type',
    code: PROTOCOL_ERROR,
    payload: () => new Uint8Array([CollabMessage.SYNC]),
  },
  {
    name: 'a sync update whose length claims more bytes than the frame holds',
    code: PROTOCOL_ERROR,
    payload: () =>
      bytes((e) => {
        encoding.writeVarUint(e, CollabMessage.SYNC);
        encoding.writeVarUint(e, SyncStep.UPDATE);
        encoding.writeVarUint(e, 5000);
        encoding.writeUint8Array(e, realUpdate().slice(0, 10));
      }),
  },
  {
    name: 'a sync step 1 whose state vector does not decode',
    code: PROTOCOL_ERROR,
    payload: () => syncFrame(SyncStep.STEP_1, new Uint8Array([5, 1])),
  },
  {
    name: `an unknown sync step (${UNKNOWN_STEP})`,
    code: PROTOCOL_ERROR,
    payload: () => syncFrame(UNKNOWN_STEP, new Uint8Array([0, 0])),
  },
  {
    name: `an unknown message type (${UNKNOWN_TYPE})`,
    code: PROTOCOL_ERROR,
    payload: () => new Uint8Array([UNKNOWN_TYPE, 1, 2, 3]),
  },
  {
    name: `an auth message (type ${CollabMessage.AUTH}), which only a server sends`,
    code: PROTOCOL_ERROR,
    payload: () =>
      bytes((e) => {
        encoding.writeVarUint(e, CollabMessage.AUTH);
        authProtocol.writePermissionDenied(e, 'permission granted');
      }),
  },
  {
    name: `a SAVED message (type ${CollabMessage.SAVED}), which only a server sends`,
    code: PROTOCOL_ERROR,
    payload: () =>
      bytes((e) => {
        encoding.writeVarUint(e, CollabMessage.SAVED);
        encoding.writeVarUint8Array(e, Y.encodeStateVector(a.doc));
      }),
  },
  {
    name: 'a frame larger than the frame limit',
    code: MESSAGE_TOO_BIG,
    payload: () => updateFrame(new Uint8Array(COLLAB_LIMITS.maxFrameBytes)),
  },
  {
    name: 'an awareness message larger than the presence limit',
    code: MESSAGE_TOO_BIG,
    payload: () => awarenessFrame([[424242, 1, { cursor: 'x'.repeat(COLLAB_LIMITS.maxAwarenessBytes) }]]),
  },
  { name: 'a text frame', code: UNSUPPORTED_DATA, payload: () => JSON.stringify({ type: 'sync', update: 'AAE=' }) },
  {
    name: 'an update that claims 2^32-1 structs in a few bytes (yjs issue 687)',
    code: PROTOCOL_ERROR,
    payload: () =>
      updateFrame(
        bytes((e) => {
          encoding.writeVarUint(e, 1);
          encoding.writeVarUint(e, 2 ** 32 - 1);
          encoding.writeVarUint(e, 123456);
          encoding.writeVarUint(e, 0);
          encoding.writeUint8Array(e, new Uint8Array([4, 1, 2, 3]));
        }),
      ),
  },
  {
    name: 'an update whose second client claims 2^32-1 structs',
    code: PROTOCOL_ERROR,
    payload: () => {
      const real = realUpdate();
      // Clients count 2, then the real client's structs, then a hostile second client.
      const tail = bytes((e) => {
        encoding.writeVarUint(e, 2 ** 32 - 1);
        encoding.writeVarUint(e, 654321);
        encoding.writeVarUint(e, 0);
        encoding.writeUint8Array(e, new Uint8Array([4, 1, 2, 3]));
      });
      const body = real.slice(1, real.length - 1); // without the client count and the empty delete set
      return updateFrame(new Uint8Array([2, ...body, ...tail]));
    },
  },
  {
    name: 'a real update cut short in its structs',
    code: PROTOCOL_ERROR,
    payload: () => updateFrame(realUpdate().slice(0, 20)),
  },
  {
    name: 'a real update cut short at its end (the delete set)',
    code: PROTOCOL_ERROR,
    payload: () => updateFrame(realUpdate().slice(0, -1)),
  },
  {
    name: 'a real update sent as sync step 2 and cut short at its end',
    code: PROTOCOL_ERROR,
    payload: () => syncFrame(SyncStep.STEP_2, realUpdate().slice(0, -1)),
  },
  {
    name: 'awareness whose state is not JSON',
    code: PROTOCOL_ERROR,
    payload: () => {
      const inner = bytes((e) => {
        encoding.writeVarUint(e, 1);
        encoding.writeVarUint(e, 424242);
        encoding.writeVarUint(e, 1);
        encoding.writeVarString(e, '{"user": {"name": ');
      });
      return bytes((e) => {
        encoding.writeVarUint(e, CollabMessage.AWARENESS);
        encoding.writeVarUint8Array(e, inner);
      });
    },
  },
  {
    name: 'awareness whose state is not an object',
    code: PROTOCOL_ERROR,
    payload: () => awarenessFrame([[424242, 1, ['not', 'an', 'object']]]),
  },
  {
    name: 'awareness that claims more states than a socket may publish',
    code: PROTOCOL_ERROR,
    payload: () => awarenessFrame(Array.from({ length: 20 }, (_, i) => [500 + i, 1, {}])),
  },
];

describe('a malformed or hostile frame closes only its own socket', () => {
  it.each(cases)('$name (close $code), and everything else keeps working', async ({ payload, code }) => {
    await allStored(t.app);
    const before = {
      server: stateOf(serverDoc(t.app, cast.proposal.id)),
      brief: readBrief(serverDoc(t.app, cast.proposal.id)),
      rows: await storedRows(t.db, cast.proposal.id),
      draft: await draftText(t.api, cast.client.token, cast.proposal.id),
    };
    const raw = pool.raw(t.app.url, cast.proposal.id, { token: cast.freelancer.token });
    await rawReady(raw);
    raw.socket.send(payload());
    expect((await raw.closed).code).toBe(code);

    // (c) nothing of it was applied or stored.
    await allStored(t.app);
    expect(stateOf(serverDoc(t.app, cast.proposal.id))).toEqual(before.server);
    expect(readBrief(serverDoc(t.app, cast.proposal.id))).toEqual(before.brief);
    expect(await storedRows(t.db, cast.proposal.id)).toBe(before.rows);
    expect(await draftText(t.api, cast.client.token, cast.proposal.id)).toBe(before.draft);

    // (a) the other peers on the same brief keep editing, (b) so do peers on another brief.
    const marker = `Still live after ${code} ${Math.random().toString(36).slice(2)}`;
    appendParagraph(a.doc, marker);
    appendParagraph(c.doc, marker);
    await waitFor(
      () => readBrief(b.doc).outcome.text.endsWith(marker) && readBrief(d.doc).outcome.text.endsWith(marker),
      { what: 'fresh edits to relay' },
    );
    expect(readBrief(b.doc)).toEqual(readBrief(a.doc));
    expect(a.closeCodes.concat(b.closeCodes, c.closeCodes, d.closeCodes)).toEqual([]);

    // The process still answers.
    const me = await t.api.gql<{ me: { id: string } }>('{ me { id } }', {}, { token: cast.client.token });
    expect(me.data?.me.id).toBe(cast.client.id);
  });

  it('the same real update, whole, is accepted from the same kind of socket', async () => {
    const raw = pool.raw(t.app.url, cast.proposal.id, { token: cast.freelancer.token });
    await rawReady(raw);
    raw.socket.send(updateFrame(realUpdate()));
    await waitFor(
      () =>
        readBrief(b.doc).ownership.ipOwner === 'FREELANCER' &&
        readBrief(b.doc).outcome.text.endsWith('Smuggled in by a cut update.'),
      {
        what: 'the whole update at b',
      },
    );
    expect(raw.socket.readyState).toBe(raw.socket.OPEN);
  });
});
