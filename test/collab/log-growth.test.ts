import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CloseCode, readBrief } from '@brieflock/schema';
import { startTestApp, useTestApp } from '../support/app.js';
import { synced, updateFrame } from '../support/collab.js';
import {
  allStored,
  appendParagraph,
  peerPool,
  rawReady,
  rawRoundTrip,
  serverDoc,
  stateOf,
  storedDoc,
  storedRows,
} from '../support/collab-checks.js';
import type { TestDatabase } from '../support/db.js';
import { makeCast } from '../support/factories.js';
import { waitFor } from '../support/wait.js';

const COMPACT_ABOVE = 256 * 1024;
const t = useTestApp({ COLLAB_COMPACT_ABOVE_BYTES: String(COMPACT_ABOVE) });
const pool = peerPool();
afterEach(() => pool.destroyAll());

/** Updates of ~`bytes` each that leave the document as small as it was (insert, then delete). */
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

/** Bytes PostgreSQL holds for a brief's log. */
async function storedBytes(db: TestDatabase, proposalId: string): Promise<number> {
  const { rows } = await db.query<{ bytes: string }>(
    'select coalesce(sum(length(data)), 0)::bigint as bytes from brief_updates where proposal_id = $1',
    [proposalId],
  );
  return Number(rows[0]!.bytes);
}

describe("a brief's stored log", () => {
  it('is compacted while the brief is open once it passes the bound, losing no concurrent edit', async () => {
    const cast = await makeCast(t.api);
    const typist = pool.peer(t.app.url, cast.proposal.id, cast.freelancer.token);
    await synced(typist);
    const flooder = pool.raw(t.app.url, cast.proposal.id, { token: cast.client.token });
    await rawReady(flooder);
    const updates = churn(32 * 1024, 100); // 200 updates, 3.2 MiB
    const sentBytes = updates.reduce((sum, update) => sum + update.length, 0);
    let peak = 0;
    // The flood goes in steps; between steps the other participant types a line, so
    // compactions run while edits are being committed.
    for (let i = 0; i < updates.length; i += 8) {
      for (const update of updates.slice(i, i + 8)) flooder.socket.send(updateFrame(update));
      appendParagraph(typist.doc, `line ${i}`);
      await rawRoundTrip(flooder);
      await allStored(t.app);
      peak = Math.max(peak, await storedBytes(t.db, cast.proposal.id));
    }
    await waitFor(() => typist.isSaved(), { what: "the typist's lines to be saved" });
    await allStored(t.app);
    await waitFor(async () => (await storedBytes(t.db, cast.proposal.id)) <= COMPACT_ABOVE + 64 * 1024, {
      what: 'the log to be compacted',
    });
    // Never much more than the bound plus a step of the flood, where 3 MiB were sent.
    expect(sentBytes).toBeGreaterThan(3 * 1024 * 1024);
    expect(peak).toBeLessThan(COMPACT_ABOVE + 8 * 33 * 1024 + 64 * 1024);
    // Nothing was lost: storage holds exactly what the live brief holds, every line included.
    const stored = await storedDoc(t.db, cast.proposal.id);
    expect(stateOf(stored)).toEqual(stateOf(serverDoc(t.app, cast.proposal.id)));
    const text = readBrief(stored).outcome.text;
    for (let i = 0; i < updates.length; i += 8) expect(text).toContain(`line ${i}`);
    expect(flooder.socket.readyState).toBe(flooder.socket.OPEN);
  });

  it(`refuses updates past the brief's byte rate (${CloseCode.STORAGE_LIMIT}); the brief stays readable and nothing refused is stored`, async () => {
    const RATE = 64 * 1024;
    const slow = await startTestApp({ COLLAB_DOCUMENT_BYTES_PER_SECOND: String(RATE) });
    try {
      const cast = await makeCast(slow.api);
      const flooder = pool.raw(slow.app.url, cast.proposal.id, { token: cast.client.token });
      await rawReady(flooder);
      // 1 MiB at once, where the burst is 4 s × 64 KiB.
      for (const update of churn(32 * 1024, 16)) flooder.socket.send(updateFrame(update));
      expect((await flooder.closed).code).toBe(CloseCode.STORAGE_LIMIT);
      const reader = pool.peer(slow.app.url, cast.proposal.id, cast.viewer.token);
      await synced(reader);
      expect(stateOf(reader.doc)).toEqual(stateOf(serverDoc(slow.app, cast.proposal.id)));
      await allStored(slow.app);
      expect(stateOf(await storedDoc(slow.db, cast.proposal.id))).toEqual(
        stateOf(serverDoc(slow.app, cast.proposal.id)),
      );
      expect(await storedBytes(slow.db, cast.proposal.id)).toBeLessThanOrEqual(RATE * 4 + 33 * 1024);
    } finally {
      pool.destroyAll();
      await slow.close();
    }
  });
  it('is compacted on load when it grew past the bound in fewer rows than the row bound', async () => {
    const cast = await makeCast(t.api);
    const first = pool.peer(t.app.url, cast.proposal.id, cast.client.token);
    await synced(first);
    appendParagraph(first.doc, 'Kept through the compaction.');
    await waitFor(() => first.isSaved(), { what: 'the line to be saved' });
    first.destroy();
    await waitFor(() => !t.app.collab.loadedDocument(cast.proposal.id), { what: 'the brief to unload' });
    // A few large rows, written while the brief was not open: far fewer than the row
    // bound, but more bytes than COMPACT_ABOVE beyond the first row.
    const large = churn(64 * 1024, 5);
    for (const update of large)
      await t.db.query('insert into brief_updates (proposal_id, data) values ($1, $2)', [
        cast.proposal.id,
        Buffer.from(update),
      ]);
    expect(large.reduce((sum, update) => sum + update.length, 0)).toBeGreaterThan(COMPACT_ABOVE);
    const before = await storedDoc(t.db, cast.proposal.id);

    const reader = pool.peer(t.app.url, cast.proposal.id, cast.freelancer.token);
    await synced(reader);

    await waitFor(async () => (await storedRows(t.db, cast.proposal.id)) === 1, { what: 'the log to be compacted' });
    const after = await storedDoc(t.db, cast.proposal.id);
    expect(stateOf(after)).toEqual(stateOf(before));
    expect(readBrief(after).outcome.text).toContain('Kept through the compaction.');
    expect(readBrief(reader.doc).outcome.text).toContain('Kept through the compaction.');
  });
});
