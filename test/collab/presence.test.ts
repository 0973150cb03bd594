import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useTestApp } from '../support/app.js';
import { synced, type TestPeer } from '../support/collab.js';
import { awarenessFrame, peerPool, presenceOf, rawReady, rawRoundTrip } from '../support/collab-checks.js';
import type { makeCast } from '../support/factories.js';
import { waitFor } from '../support/wait.js';

const t = useTestApp();
let cast: Awaited<ReturnType<typeof makeCast>>;
let a: TestPeer;
let b: TestPeer;
const pool = peerPool();

beforeEach(async () => {
  ({ cast, a, b } = await pool.twoEditors(t.app, t.api));
  a.provider.awareness.setLocalStateField('cursor', { anchor: 5, head: 5 });
  await waitFor(() => presenceOf(b, a.doc.clientID)?.cursor, { what: "a's presence at b" });
});
afterEach(() => pool.destroyAll());

describe('presence', () => {
  it("labels an editor with its own name and role even when it claims another user's", async () => {
    b.provider.awareness.setLocalState({
      user: { id: cast.client.id, name: 'Cora Client', role: 'CLIENT' },
      cursor: { anchor: 2, head: 4 },
    });
    await waitFor(() => presenceOf(a, b.doc.clientID)?.cursor, { what: "b's presence at a" });
    expect(presenceOf(a, b.doc.clientID)).toMatchObject({
      cursor: { anchor: 2, head: 4 },
      user: { id: cast.freelancer.id, name: 'Finn Freelancer', role: 'FREELANCER' },
    });
    expect(presenceOf(b, a.doc.clientID)?.user).toMatchObject({
      id: cast.client.id,
      name: 'Cora Client',
      role: 'CLIENT',
    });
  });

  it("cannot be overwritten or removed by another socket through the owner's client id", async () => {
    const original = presenceOf(b, a.doc.clientID)!;
    const clock = b.provider.awareness.meta.get(a.doc.clientID)!.clock;
    const hijacker = pool.raw(t.app.url, cast.proposal.id, { token: cast.freelancer.token });
    await rawReady(hijacker);
    hijacker.socket.send(
      awarenessFrame([
        [a.doc.clientID, clock + 10, { user: { name: 'Cora Client' }, cursor: { anchor: 0, head: 99 } }],
      ]),
    );
    hijacker.socket.send(awarenessFrame([[a.doc.clientID, clock + 20, null]]));
    // Its own id in the same socket is accepted: the refusal is about ownership.
    const own = 987_654_321;
    hijacker.socket.send(awarenessFrame([[own, 1, { cursor: { anchor: 7, head: 7 } }]]));
    await rawRoundTrip(hijacker);
    await waitFor(() => presenceOf(b, own), { what: "the hijacker's own presence at b" });
    expect(presenceOf(b, own)).toMatchObject({
      cursor: { anchor: 7, head: 7 },
      user: { id: cast.freelancer.id, role: 'FREELANCER' },
    });
    expect(presenceOf(b, a.doc.clientID)).toEqual(original);
    expect(b.provider.awareness.meta.get(a.doc.clientID)!.clock).toBe(clock);
    expect(hijacker.socket.readyState).toBe(hijacker.socket.OPEN);

    // The owner's presence still updates, and leaves with its socket, not before.
    a.provider.awareness.setLocalStateField('cursor', { anchor: 6, head: 6 });
    await waitFor(() => presenceOf(b, a.doc.clientID)?.cursor?.anchor === 6, { what: "a's next presence at b" });
    a.destroy();
    await waitFor(() => presenceOf(b, a.doc.clientID) === undefined, { what: "a's presence to leave with its socket" });
  });

  it("of a socket that closes is removed for everyone, and nobody else's with it", async () => {
    b.provider.awareness.setLocalStateField('cursor', { anchor: 8, head: 8 });
    const c = pool.peer(t.app.url, cast.proposal.id, cast.viewer.token);
    await synced(c);
    await waitFor(() => presenceOf(c, a.doc.clientID) && presenceOf(c, b.doc.clientID), {
      what: 'both presences at c',
    });
    b.destroy();
    await waitFor(() => presenceOf(c, b.doc.clientID) === undefined, { what: "b's presence to leave" });
    expect(presenceOf(c, a.doc.clientID)?.cursor).toEqual({ anchor: 5, head: 5 });
  });
});
