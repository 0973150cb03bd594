import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CollabMessage, readBrief } from '@brieflock/schema';
import { useTestApp } from '../support/app.js';
import { messageTypes, synced } from '../support/collab.js';
import {
  appendParagraph,
  peerPool,
  rawReady,
  rawRoundTrip,
  roundTrip,
  serverDoc,
  storedDoc,
  syncFrame,
  updateOf,
} from '../support/collab-checks.js';
import { makeCast } from '../support/factories.js';
import { waitFor } from '../support/wait.js';

const t = useTestApp();
const pool = peerPool();

afterEach(() => pool.destroyAll());

/** The clock PostgreSQL holds for `clientId`, read from the stored rows. */
async function storedClock(proposalId: string, clientId: number): Promise<number> {
  const doc = await storedDoc(t.db, proposalId);
  const clock = Y.decodeStateVector(Y.encodeStateVector(doc)).get(clientId) ?? 0;
  doc.destroy();
  return clock;
}

const localClock = (doc: Y.Doc) => Y.decodeStateVector(Y.encodeStateVector(doc)).get(doc.clientID) ?? 0;

describe('SAVED acknowledgements', () => {
  it('tell a peer that asked for them that its edit is durable, and the rows are there at that moment', async () => {
    const cast = await makeCast(t.api);
    const a = pool.peer(t.app.url, cast.proposal.id, cast.client.token, { saved: true });
    await synced(a);
    appendParagraph(a.doc, 'Durable when acknowledged.');
    expect(a.isSaved()).toBe(false);
    await waitFor(() => a.isSaved(), { timeoutMs: 2_000, what: 'the SAVED ack' });
    expect(await storedClock(cast.proposal.id, a.doc.clientID)).toBeGreaterThanOrEqual(localClock(a.doc));
    expect(readBrief(await storedDoc(t.db, cast.proposal.id)).outcome.text).toBe('Durable when acknowledged.');
  });

  it('cover a deletion only once it is stored, although a deletion moves no clock', async () => {
    const cast = await makeCast(t.api);
    const a = pool.peer(t.app.url, cast.proposal.id, cast.client.token, { saved: true });
    await synced(a);
    const text = appendParagraph(a.doc, 'Keep this. Drop this.');
    await waitFor(() => a.isSaved(), { what: 'the insert to be saved' });

    // Commits block while the table is locked; the server still applies and relays.
    await t.db.query('begin');
    let released = false;
    try {
      await t.db.query('lock table brief_updates in exclusive mode');
      text.delete(10, 11);
      await waitFor(() => readBrief(serverDoc(t.app, cast.proposal.id)).outcome.text === 'Keep this.', {
        what: 'the server to apply the deletion',
      });
      await roundTrip(a);
      expect(a.isSaved()).toBe(false);
      await t.db.query('commit');
      released = true;
    } finally {
      if (!released) await t.db.query('rollback');
    }
    await waitFor(() => a.isSaved(), { what: 'the deletion to be saved' });
    expect(readBrief(await storedDoc(t.db, cast.proposal.id)).outcome.text).toBe('Keep this.');
  });

  it('cover a burst of edits only once all of them are stored', async () => {
    const cast = await makeCast(t.api);
    const a = pool.peer(t.app.url, cast.proposal.id, cast.client.token, { saved: true });
    await synced(a);
    const text = appendParagraph(a.doc, '');
    // Check at every ack: what it announces must already be in PostgreSQL.
    const checks: Promise<void>[] = [];
    const original = a.provider.messageHandlers[CollabMessage.SAVED]!;
    a.provider.messageHandlers[CollabMessage.SAVED] = (encoder, decoder, provider, emitSynced, type) => {
      original(encoder, decoder, provider, emitSynced, type);
      const announced = a.durable().get(a.doc.clientID) ?? 0;
      checks.push(
        storedClock(cast.proposal.id, a.doc.clientID).then((stored) =>
          expect(stored).toBeGreaterThanOrEqual(announced),
        ),
      );
    };
    for (let i = 0; i < 200; i++) text.insert(i, 'k');
    await waitFor(() => a.isSaved(), { timeoutMs: 5_000, what: 'the ack for the whole burst' });
    expect(checks.length).toBeGreaterThan(0);
    await Promise.all(checks);
    expect(await storedClock(cast.proposal.id, a.doc.clientID)).toBeGreaterThanOrEqual(localClock(a.doc));
    expect(readBrief(await storedDoc(t.db, cast.proposal.id)).outcome.text).toBe('k'.repeat(200));
  });

  it('are sent at connect to a peer that asks, and never to a peer that does not', async () => {
    const cast = await makeCast(t.api);
    const asking = pool.raw(t.app.url, cast.proposal.id, { token: cast.client.token, saved: '1' });
    const silent = pool.raw(t.app.url, cast.proposal.id, { token: cast.freelancer.token });
    await Promise.all([rawReady(asking), rawReady(silent)]);
    await waitFor(() => messageTypes(asking.frames).includes(CollabMessage.SAVED), {
      what: 'the SAVED message at connect',
    });
    // The silent socket makes an edit and a round trip; the asking socket sees the ack.
    const local = new Y.Doc();
    const before = messageTypes(asking.frames).filter((type) => type === CollabMessage.SAVED).length;
    silent.socket.send(
      syncFrame(
        2,
        updateOf(local, (doc) => appendParagraph(doc, 'From the silent socket.')),
      ),
    );
    await waitFor(() => messageTypes(asking.frames).filter((type) => type === CollabMessage.SAVED).length > before, {
      what: 'an ack after the edit',
    });
    await rawRoundTrip(silent);
    expect(messageTypes(silent.frames)).not.toContain(CollabMessage.SAVED);

    // A real provider without `saved` gets none either (it would log an unknown message).
    const provider = pool.peer(t.app.url, cast.proposal.id, cast.viewer.token, { saved: false });
    await synced(provider);
    await roundTrip(provider);
    expect(provider.durable().size).toBe(0);
  });
});
