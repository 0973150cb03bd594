import { afterEach, describe, expect, it } from 'vitest';
import * as decoding from 'lib0/decoding';
import { CloseCode, COLLAB_LIMITS, CollabMessage } from '@brieflock/schema';
import { useTestApp } from '../support/app.js';
import { connectPeer, messageTypes, type RawSocket, synced } from '../support/collab.js';
import { awarenessFrame, peerPool, rawReady, rawRoundTrip } from '../support/collab-checks.js';
import { makeCast, makeProposal } from '../support/factories.js';
import { waitFor } from '../support/wait.js';

// The per-document limit keeps its default; the per-instance one is lowered so a test
// needs only two documents to reach it.
const PER_USER = COLLAB_LIMITS.maxSocketsPerDocument + 2;
const t = useTestApp({ COLLAB_MAX_SOCKETS_PER_USER: String(PER_USER) });
const pool = peerPool();
afterEach(() => pool.destroyAll());

/** Opens `count` raw sockets of `token` on `proposalId`, each attached to its loaded room. */
async function openSockets(proposalId: string, token: string, count: number): Promise<RawSocket[]> {
  const sockets = Array.from({ length: count }, () => pool.raw(t.app.url, proposalId, { token }));
  await Promise.all(sockets.map(rawReady));
  return sockets;
}

describe('collaboration sockets per person', () => {
  it(`refuses a person's socket past the per-document limit (${CloseCode.TOO_MANY_SOCKETS}), nobody else's`, async () => {
    const cast = await makeCast(t.api);
    await openSockets(cast.proposal.id, cast.client.token, COLLAB_LIMITS.maxSocketsPerDocument);
    const extra = pool.raw(t.app.url, cast.proposal.id, { token: cast.client.token });
    expect(await extra.closed).toMatchObject({ code: CloseCode.TOO_MANY_SOCKETS });
    // Refused before it received any document data.
    expect(extra.frames).toHaveLength(0);
    // Another person on the same document is let in, and so is a real provider of theirs.
    const other = connectPeer(t.app.url, cast.proposal.id, cast.freelancer.token);
    try {
      await synced(other);
    } finally {
      other.destroy();
    }
  });

  it('lets the person in again once one of their sockets closed', async () => {
    const cast = await makeCast(t.api);
    const open = await openSockets(cast.proposal.id, cast.client.token, COLLAB_LIMITS.maxSocketsPerDocument);
    const refused = pool.raw(t.app.url, cast.proposal.id, { token: cast.client.token });
    expect((await refused.closed).code).toBe(CloseCode.TOO_MANY_SOCKETS);
    open[0]!.socket.close();
    await open[0]!.closed;
    // A real provider, as the web client is: it syncs once a place is free.
    const peer = pool.peer(t.app.url, cast.proposal.id, cast.client.token);
    await synced(peer);
    expect(peer.closeCodes).not.toContain(CloseCode.TOO_MANY_SOCKETS);
  });

  it(`refuses a person's socket past the per-instance limit across documents (${CloseCode.TOO_MANY_SOCKETS})`, async () => {
    const cast = await makeCast(t.api);
    const second = await makeProposal(t.api, cast.client);
    const third = await makeProposal(t.api, cast.client);
    await openSockets(cast.proposal.id, cast.client.token, COLLAB_LIMITS.maxSocketsPerDocument);
    await openSockets(second.id, cast.client.token, PER_USER - COLLAB_LIMITS.maxSocketsPerDocument);
    const extra = pool.raw(t.app.url, third.id, { token: cast.client.token });
    expect(await extra.closed).toMatchObject({ code: CloseCode.TOO_MANY_SOCKETS });
    // Someone else's sockets are not counted against them.
    await openSockets(cast.proposal.id, cast.freelancer.token, 1);
  });
});

/** Awareness frames among `frames`, decoded to their [clientId, clock] entries. */
function awarenessEntries(frames: Uint8Array[]): [number, number][][] {
  return frames
    .filter((_, i) => messageTypes(frames)[i] === CollabMessage.AWARENESS)
    .map((f) => {
      const outer = decoding.createDecoder(f);
      decoding.readVarUint(outer);
      const inner = decoding.createDecoder(decoding.readVarUint8Array(outer));
      const count = decoding.readVarUint(inner);
      const entries: [number, number][] = [];
      for (let i = 0; i < count; i++) {
        const id = decoding.readVarUint(inner);
        const clock = decoding.readVarUint(inner);
        decoding.readVarString(inner);
        entries.push([id, clock]);
      }
      return entries;
    });
}

describe('presence broadcasts', () => {
  it('merges presence arriving together into a few messages, each socket’s latest state included', async () => {
    const cast = await makeCast(t.api);
    const bystander = pool.raw(t.app.url, cast.proposal.id, { token: cast.viewer.token });
    await rawReady(bystander);
    const senders = [
      ...(await openSockets(cast.proposal.id, cast.client.token, 4)),
      ...(await openSockets(cast.proposal.id, cast.freelancer.token, 4)),
    ];
    const ROUNDS = 20;
    const before = bystander.frames.length;
    // Every sender moves its caret ROUNDS times, as fast as it may.
    for (let round = 1; round <= ROUNDS; round++)
      for (const [i, raw] of senders.entries())
        raw.socket.send(awarenessFrame([[1_000 + i, round, { cursor: { head: round } }]]));
    await Promise.all(senders.map((raw) => rawRoundTrip(raw)));
    const latest = () => {
      const seen = new Map<number, number>();
      for (const entries of awarenessEntries(bystander.frames.slice(before)))
        for (const [id, clock] of entries) seen.set(id, Math.max(seen.get(id) ?? 0, clock));
      return seen;
    };
    await waitFor(() => senders.every((_, i) => latest().get(1_000 + i) === ROUNDS), {
      what: "every sender's latest presence at the bystander",
    });
    const messages = awarenessEntries(bystander.frames.slice(before)).length;
    // One message per change would be senders × rounds (160); merged, a handful.
    expect(messages).toBeLessThanOrEqual((senders.length * ROUNDS) / 8);
  });
});
