import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { COLLAB_LIMITS, CloseCode, CollabMessage, readBrief, SyncStep } from '@brieflock/schema';
import { useTestApp } from '../support/app.js';
import { synced, updateFrame } from '../support/collab.js';
import { allStored, appendParagraph, peerPool, rawReady, storedDoc } from '../support/collab-checks.js';
import { makeCast } from '../support/factories.js';
import { DURATIONS } from '../support/durations.js';
import { waitFor } from '../support/wait.js';

const RATE = 200;
/** The connection's burst allowance: COLLAB_LIMITS.burstSeconds worth of messages. */
const BURST = RATE * COLLAB_LIMITS.burstSeconds;
/** The burst, then DURATIONS.floodSeconds of messages at the sustained rate. */
const FLOOD = BURST + RATE * DURATIONS.floodSeconds;
/** The client's edits are checked for promptness four times over the flood, this many updates apart. */
const PROBE_STEP = Math.floor((FLOOD - BURST) / 5);

const t = useTestApp({ COLLAB_MESSAGES_PER_SECOND: String(RATE) });
const pool = peerPool();

afterAll(async () => {
  pool.destroyAll();
});

describe('a socket that sends faster than its allowance', () => {
  it('is slowed down, not disconnected; every update arrives and other peers stay prompt', {
    timeout: 30_000,
  }, async () => {
    const cast = await makeCast(t.api);
    const b = pool.peer(t.app.url, cast.proposal.id, cast.client.token);
    const c = pool.peer(t.app.url, cast.proposal.id, cast.viewer.token);
    await Promise.all([synced(b), synced(c)]);

    // FLOOD small valid updates: one keystroke each into the milestone titles' list.
    const local = new Y.Doc();
    const updates: Uint8Array[] = [];
    local.on('update', (update: Uint8Array) => updates.push(update));
    const list = local.getArray<Y.Map<unknown>>('milestones');
    for (let i = 0; i < FLOOD; i++) list.push([new Y.Map<unknown>([['id', `m${i}`]])]);
    expect(updates).toHaveLength(FLOOD);

    const flooder = pool.raw(t.app.url, cast.proposal.id, { token: cast.freelancer.token });
    await rawReady(flooder);
    const started = Date.now();
    for (const update of updates) flooder.socket.send(updateFrame(update));
    const count = () => readBrief(b.doc).milestones.length;

    // Meanwhile the client's edits relay promptly, several times over the flood.
    const latencies: number[] = [];
    for (let i = 0; i < 4; i++) {
      await waitFor(() => count() > BURST + i * PROBE_STEP, { timeoutMs: 15_000, what: 'the flood to progress' });
      const marker = `Prompt ${i}`;
      const sent = Date.now();
      appendParagraph(b.doc, marker);
      await waitFor(() => readBrief(c.doc).outcome.text.endsWith(marker), {
        timeoutMs: 5_000,
        what: `${marker} at the viewer`,
      });
      latencies.push(Date.now() - sent);
      // Slowed down: well into the flood, not everything has arrived yet.
      if (i === 0) expect(count()).toBeLessThan(FLOOD);
    }
    expect(Math.max(...latencies)).toBeLessThan(1_000);

    await waitFor(() => count() === FLOOD, { timeoutMs: 25_000, what: 'every flooded update at b' });
    const elapsed = Date.now() - started;
    // What exceeds the burst arrives at the sustained rate (with slack for timing).
    expect(elapsed).toBeGreaterThan(((FLOOD - BURST) / RATE) * 1000 * 0.7);
    expect(readBrief(b.doc).milestones.map((item) => item.id)).toEqual(
      Array.from({ length: FLOOD }, (_, i) => `m${i}`),
    );
    expect(flooder.socket.readyState).toBe(flooder.socket.OPEN);
    expect(b.closeCodes.concat(c.closeCodes)).toEqual([]);

    await allStored(t.app);
    expect(readBrief(await storedDoc(t.db, cast.proposal.id)).milestones).toHaveLength(FLOOD);
  });

  it('keeps every update a socket sent past its allowance when that socket disconnects', async () => {
    const cast = await makeCast(t.api);
    const b = pool.peer(t.app.url, cast.proposal.id, cast.client.token);
    await synced(b);
    const local = new Y.Doc();
    const updates: Uint8Array[] = [];
    local.on('update', (update: Uint8Array) => updates.push(update));
    const list = local.getArray<Y.Map<unknown>>('milestones');
    const sent = BURST + 400;
    for (let i = 0; i < sent; i++) list.push([new Y.Map<unknown>([['id', `m${i}`]])]);
    const flooder = pool.raw(t.app.url, cast.proposal.id, { token: cast.freelancer.token });
    await rawReady(flooder);
    for (const update of updates) flooder.socket.send(updateFrame(update));
    // Gone as soon as everything is written to the wire: nothing waits for the throttle.
    await new Promise<void>((resolve) =>
      flooder.socket.send(new Uint8Array([CollabMessage.QUERY_AWARENESS]), () => resolve()),
    );
    flooder.socket.terminate();
    await waitFor(() => readBrief(b.doc).milestones.length === sent, {
      timeoutMs: 15_000,
      what: 'every update of the departed socket at b',
    });
    await allStored(t.app);
    expect(readBrief(await storedDoc(t.db, cast.proposal.id)).milestones).toHaveLength(sent);
  });

  it('is metered in bytes too: large frames past the byte burst are slowed to the byte rate, none lost', {
    timeout: 30_000,
  }, async () => {
    const cast = await makeCast(t.api);
    const b = pool.peer(t.app.url, cast.proposal.id, cast.client.token);
    await synced(b);
    // One ~900 KB update sent twenty times (the repeats change nothing, so the document
    // stays far below its size limit), then a small marker: about 18 MB of frames
    // against an 8 MiB byte burst.
    const local = new Y.Doc();
    const updates: Uint8Array[] = [];
    local.on('update', (update: Uint8Array) => updates.push(update));
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('x'.repeat(900_000))]);
    local.getXmlFragment('scope').push([paragraph]);
    appendParagraph(local, 'Marker after the large frames.');
    const [large, marker] = updates as [Uint8Array, Uint8Array];
    const repeats = 20;
    expect(large.length * repeats).toBeGreaterThan(COLLAB_LIMITS.byteBurst);

    const flooder = pool.raw(t.app.url, cast.proposal.id, { token: cast.freelancer.token });
    await rawReady(flooder);
    const started = Date.now();
    for (let i = 0; i < repeats; i++) flooder.socket.send(updateFrame(large));
    flooder.socket.send(updateFrame(marker));
    await waitFor(() => readBrief(b.doc).outcome.text === 'Marker after the large frames.', {
      timeoutMs: 20_000,
      what: 'the marker behind the large frames',
    });
    const elapsed = Date.now() - started;

    // What exceeds the burst passes at the sustained byte rate (with slack for timing).
    const excess = large.length * repeats - COLLAB_LIMITS.byteBurst;
    expect(elapsed).toBeGreaterThan((excess / COLLAB_LIMITS.bytesPerSecond) * 1000 * 0.7);
    expect(readBrief(b.doc).scope.text).toHaveLength(900_000);
    expect(flooder.socket.readyState).toBe(flooder.socket.OPEN);
  });

  it('closes a held-back socket as soon as its malformed frame comes up, without waiting on the close handshake', async () => {
    const cast = await makeCast(t.api);
    const local = new Y.Doc();
    const updates: Uint8Array[] = [];
    local.on('update', (update: Uint8Array) => updates.push(update));
    const list = local.getArray<Y.Map<unknown>>('team');
    for (let i = 0; i < BURST + 200; i++) list.push([new Y.Map<unknown>([['id', `t${i}`]])]);

    const flooder = pool.raw(t.app.url, cast.proposal.id, { token: cast.freelancer.token });
    await rawReady(flooder);
    for (const update of updates) flooder.socket.send(updateFrame(update));
    flooder.socket.send(Uint8Array.of(CollabMessage.SYNC, SyncStep.UPDATE, 200, 1)); // a sync update claiming 200 bytes it does not have
    // The frames past the burst take about a second at the sustained rate; the close then
    // comes at once (a paused socket would not read the close reply for 30 seconds).
    const closed = await Promise.race([
      flooder.closed,
      new Promise<null>((resolve) => setTimeout(() => resolve(null), 10_000)),
    ]);
    expect(closed?.code).toBe(CloseCode.PROTOCOL_ERROR);
  });
});
