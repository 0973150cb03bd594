import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode, COLLAB_LIMITS } from '@brieflock/schema';
import { useTestApp } from '../support/app.js';
import { synced, updateFrame } from '../support/collab.js';
import { peerPool, rawReady, rawRoundTrip, serverDoc, stateOf } from '../support/collab-checks.js';
import { makeCast } from '../support/factories.js';
import { waitFor } from '../support/wait.js';

const MAX_BUFFERED = 256 * 1024;
// The byte rate a brief's log may grow at is not what this file tests: it is set out of the way.
const t = useTestApp({
  COLLAB_MAX_BUFFERED_BYTES: String(MAX_BUFFERED),
  COLLAB_DOCUMENT_BYTES_PER_SECOND: String(1 << 30),
});
const pool = peerPool();
afterEach(() => pool.destroyAll());

/**
 * Updates of ~`bytes` each that leave the document as small as it was: a paragraph is
 * inserted and then deleted, so every peer must receive the bytes, but the document never
 * nears its size limit.
 */
function churn(bytes: number, count: number): Uint8Array[] {
  const doc = new Y.Doc();
  const text = doc.getText('scratch');
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  for (let i = 0; i < count; i++) {
    text.insert(0, String.fromCharCode(97 + (i % 26)).repeat(bytes));
    text.delete(0, bytes);
  }
  return updates;
}

describe('a socket that stops reading', () => {
  it(`is closed (${CloseCode.SLOW_READER}) before its send buffer grows past the bound; the others carry on`, {
    // Filling a send buffer takes far longer on a loaded machine (3 s idle, over 30 s in CI).
    timeout: 120_000,
  }, async () => {
    const cast = await makeCast(t.api);
    const slow = pool.raw(t.app.url, cast.proposal.id, { token: cast.viewer.token });
    await rawReady(slow);
    const reader = pool.peer(t.app.url, cast.proposal.id, cast.freelancer.token);
    await synced(reader);
    // The slow socket stops reading: TCP backpressure fills the kernel's buffers, then the
    // server's.
    slow.socket.pause();
    const writer = pool.raw(t.app.url, cast.proposal.id, { token: cast.client.token });
    await rawReady(writer);
    const updates = churn(64 * 1024, 400);
    let peak = 0;
    let sent = 0;
    await waitFor(
      async () => {
        // Sends in steps, each followed by a round trip, so the writer is never far ahead.
        for (let i = 0; i < 16 && sent < updates.length; i++) writer.socket.send(updateFrame(updates[sent++]!));
        await rawRoundTrip(writer);
        peak = Math.max(peak, t.app.collab.stats().bufferedBytes);
        return t.app.collab.stats().slowReadersClosed > 0 || sent >= updates.length;
      },
      { timeoutMs: 60_000, intervalMs: 1, what: 'the slow socket to be closed' },
    );
    expect(t.app.collab.stats().slowReadersClosed).toBe(1);
    // What waited for it never grew far past the bound: one frame at most beyond it.
    expect(peak).toBeLessThanOrEqual(MAX_BUFFERED + COLLAB_LIMITS.maxFrameBytes);
    // Reading again, it receives what was queued, then the close frame with its code.
    slow.socket.resume();
    expect((await slow.closed).code).toBe(CloseCode.SLOW_READER);
    // The socket that kept reading received every update and is still connected.
    await waitFor(
      () =>
        JSON.stringify(stateOf(reader.doc)) === JSON.stringify(stateOf(serverDoc(t.app, cast.proposal.id))) &&
        reader.provider.wsconnected,
      { what: 'the reader to receive every update' },
    );
    expect(reader.closeCodes).toHaveLength(0);
    expect(writer.socket.readyState).toBe(writer.socket.OPEN);
  });
});
