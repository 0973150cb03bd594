import { afterEach, describe, expect, it } from 'vitest';
import { CloseCode, CollabMessage, readBrief, SyncStep } from '@brieflock/schema';
import { useTestApp } from '../support/app.js';
import { synced } from '../support/collab.js';
import { allStored, appendParagraph, peerPool, storedRows } from '../support/collab-checks.js';
import { makeCast } from '../support/factories.js';
import { waitFor } from '../support/wait.js';

const t = useTestApp();
const pool = peerPool();

afterEach(() => pool.destroyAll());

/** A proposal whose brief has real content and then one row that does not decode. */
async function corruptBrief() {
  const cast = await makeCast(t.api);
  const writer = pool.peer(t.app.url, cast.proposal.id, cast.client.token);
  await synced(writer);
  appendParagraph(writer.doc, 'Content stored before the corruption.');
  await waitFor(() => writer.isSaved(), { what: 'the content to be saved' });
  writer.destroy();
  await waitFor(() => t.app.collab.loadedDocument(cast.proposal.id) === undefined, { what: 'the brief to unload' });
  const { rows } = await t.db.query<{ id: string }>(
    "insert into brief_updates (proposal_id, data) values ($1, '\\x0102ff') returning id",
    [cast.proposal.id],
  );
  return { cast, corruptId: rows[0]!.id };
}

describe('a brief whose stored updates cannot be loaded', () => {
  it(`refuses sockets with ${CloseCode.LOAD_FAILED} before any sync data and writes nothing`, async () => {
    const { cast } = await corruptBrief();
    const rowsBefore = await storedRows(t.db, cast.proposal.id);
    // Two sockets arriving together share the one failed load.
    const first = pool.raw(t.app.url, cast.proposal.id, { token: cast.client.token });
    const second = pool.raw(t.app.url, cast.proposal.id, { token: cast.freelancer.token });
    // An editor that sends its own state right away must not have it stored over the log.
    await first.opened;
    first.socket.send(new Uint8Array([CollabMessage.SYNC, SyncStep.STEP_1, 1, 0])); // an empty state vector
    for (const raw of [first, second]) {
      expect((await raw.closed).code).toBe(CloseCode.LOAD_FAILED);
      expect(raw.frames).toHaveLength(0);
    }
    // A real provider is refused the same way and its doc stays empty.
    const peer = pool.peer(t.app.url, cast.proposal.id, cast.freelancer.token);
    appendParagraph(peer.doc, 'Offline edit that must not land on a broken log.');
    await waitFor(() => peer.closeCodes.includes(CloseCode.LOAD_FAILED), { what: 'the provider to be refused' });
    expect(peer.provider.synced).toBe(false);
    peer.destroy();
    await allStored(t.app);
    expect(await storedRows(t.db, cast.proposal.id)).toBe(rowsBefore);
    expect(t.app.collab.loadedDocument(cast.proposal.id)).toBeUndefined();
  });

  it('makes the draft over GraphQL an error, not an empty brief', async () => {
    const { cast } = await corruptBrief();
    const result = await t.api.gql(
      'query($id: ID!) { proposal(id: $id) { title draft { outcome { text } } } }',
      { id: cast.proposal.id },
      { token: cast.client.token },
    );
    expect(result.errors?.length).toBeGreaterThan(0);
    expect(result.data?.proposal?.draft?.outcome?.text ?? null).toBeNull();
    // Without a stack trace or SQL.
    expect(JSON.stringify(result.errors)).not.toMatch(/brief_updates|at .*\.ts/);
  });

  it('loads again, with its content, once the bad row is gone', async () => {
    const { cast, corruptId } = await corruptBrief();
    const refused = pool.raw(t.app.url, cast.proposal.id, { token: cast.client.token });
    expect((await refused.closed).code).toBe(CloseCode.LOAD_FAILED);
    await t.db.query('delete from brief_updates where id = $1', [corruptId]);
    const peer = pool.peer(t.app.url, cast.proposal.id, cast.client.token);
    await synced(peer);
    expect(readBrief(peer.doc).outcome.text).toBe('Content stored before the corruption.');
  });

  it('does not affect the briefs of other proposals', async () => {
    await corruptBrief();
    const healthy = await makeCast(t.api);
    const a = pool.peer(t.app.url, healthy.proposal.id, healthy.client.token);
    const b = pool.peer(t.app.url, healthy.proposal.id, healthy.freelancer.token);
    await Promise.all([synced(a), synced(b)]);
    appendParagraph(a.doc, 'Healthy brief.');
    await waitFor(() => readBrief(b.doc).outcome.text === 'Healthy brief.', { what: 'the edit at b' });
  });
});
