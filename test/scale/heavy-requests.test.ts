import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { ListItem, TypedBriefContent } from '@brieflock/schema';
import { useTestApp } from '../support/app.js';
import { completeBrief, paragraphs } from '../support/brief.js';
import { percentile, randomParagraphs, replaceParagraphs, startBystander } from '../support/bystander.js';
import { peerPool } from '../support/collab-checks.js';
import { editLiveBrief, freezeOk, readyCast } from '../support/contract.js';
import type { TestUser } from '../support/factories.js';
import { waitFor } from '../support/wait.js';

/**
 * A participant hammering an expensive operation must not stall anyone else: a bystander
 * document (two real y-websocket peers on another proposal) keeps relaying its edits while
 * the heavy requests are in flight. Nothing here is an absolute speed: the relay's round
 * trips during the hammering are measured against its own idle round trips just before,
 * on the same machine under the same load.
 */

/** One worker thread, two tasks waiting: a third concurrent heavy request is already refused. */
// DRAFT_CHANGED goes out soon after the versions are written, not in the middle of a measurement.
const t = useTestApp({ WORKER_THREADS: '1', WORKER_QUEUE: '2' }, { draftChangedDebounceMs: 50 });
const pool = peerPool();
afterAll(() => pool.destroyAll());

/** Idle round trips measured before each hammering. */
const BASELINE_TRIPS = 100;
/**
 * A round trip counts as stalled beyond this many times the idle p90, or beyond twice the
 * longest idle one (a loaded machine preempts the process now and then, heavy work or not).
 */
const STALL_FACTOR = 5;
/**
 * The most of the hammering time the relay may spend stalled. Work on the event loop
 * stalls it nearly all the time (every request holds it for seconds); the pool leaves
 * stalls from the machine's own load and the requests' small main-thread part.
 */
const MAX_STALLED_SHARE = 0.4;
/** Round trips that must complete while the heavy requests are in flight. */
const MIN_TRIPS_DURING = 10;

const COMPARE = `query($from: ID!, $to: ID!) { compareVersions(fromId: $from, toId: $to) { changed sections { key changed } } }`;
const COMPARE_COARSE = `query($from: ID!, $to: ID!) { compareVersions(fromId: $from, toId: $to) { coarse sections { key coarse } } }`;

/** Runs `total` calls of `op`, `concurrency` at a time; when the first started and the last ended. */
async function hammer<T>(op: () => Promise<T>, total: number, concurrency: number) {
  const results: T[] = [];
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        next += 1;
        results.push(await op());
      }
    }),
  );
  return { start, end: performance.now(), results };
}

/**
 * Starts a bystander, measures its idle round trips, runs `heavy`, and checks that the
 * relay kept going meanwhile.
 */
async function expectBystanderUnharmed(heavy: () => Promise<{ start: number; end: number }>) {
  const bystander = await startBystander(t.app, t.api, pool);
  try {
    await waitFor(() => bystander.trips.length >= BASELINE_TRIPS, { what: 'idle bystander round trips' });
    const idle = bystander.trips.map((trip) => trip.end - trip.start);
    const threshold = Math.max(STALL_FACTOR * percentile(idle, 90), 2 * Math.max(...idle));
    const { start, end } = await heavy();
    const during = bystander.completedBetween(start, end).length;
    const stalled = bystander.stalledShare(start, end, threshold);
    if (process.env.HEAVY_DEBUG)
      console.log(
        bystander.trips
          .filter((trip) => trip.end >= start && trip.start <= end && trip.end - trip.start > threshold)
          .map((trip) => `${(trip.start - start).toFixed(0)}+${(trip.end - trip.start).toFixed(0)}`)
          .join(' '),
      );
    const report = `idle p90 ${percentile(idle, 90).toFixed(1)} ms, ${during} round trips in ${(end - start).toFixed(0)} ms, longest ${bystander.longestBetween(start, end).toFixed(0)} ms, stalled ${(stalled * 100).toFixed(0)}%`;
    if (process.env.HEAVY_DEBUG) console.log(report);
    expect(during, report).toBeGreaterThanOrEqual(MIN_TRIPS_DURING);
    expect(stalled, report).toBeLessThan(MAX_STALLED_SHARE);
  } finally {
    await bystander.stop();
  }
}

/** Two frozen versions of one proposal, the second made by `change` on the first's brief. */
async function twoVersions(first: TypedBriefContent, change: (brief: TypedBriefContent) => TypedBriefContent) {
  const cast = await readyCast(t, first);
  const v1 = await freezeOk(t, cast.client, cast.proposal.id);
  const second = change(first);
  await editLiveBrief(t, cast.client, cast.proposal.id, (doc) => {
    replaceParagraphs(doc, 'outcome', second.outcome.text.split('\n'));
    const metrics = doc.getArray('successMetrics');
    metrics.delete(0, metrics.length);
    writeItems(metrics, second.successMetrics);
  });
  const v2 = await freezeOk(t, cast.client, cast.proposal.id);
  return { cast, v1, v2 };
}

/** List items as the public layout writes them: one Y.Map each, empty fields left out. */
function writeItems(array: Y.Array<unknown>, items: readonly ListItem[]) {
  array.push(
    items.map((item) => {
      const map = new Y.Map<unknown>();
      for (const [key, field] of Object.entries(item)) if (field !== null && field !== '') map.set(key, field);
      return map;
    }),
  );
}

/** `count` success metrics without ids, each unlike any other. */
const idlessMetrics = (prefix: string, count: number): ListItem[] =>
  Array.from({ length: count }, (_, i) => ({
    id: null,
    name: `${prefix} metric ${i}`,
    baseline: `${i}%`,
    target: `${i + 1}%`,
    measurement: `${prefix} dashboard ${i}`,
  }));

/** GET of a version's PDF as `user`. */
const pdf = (user: TestUser, versionId: string) =>
  fetch(`${t.app.url}/export/versions/${versionId}.pdf`, { headers: { authorization: `Bearer ${user.token}` } }).then(
    async (response) => ({
      status: response.status,
      retryAfter: response.headers.get('retry-after'),
      type: response.headers.get('content-type'),
      body: Buffer.from(await response.arrayBuffer()),
    }),
  );

const compare = (user: TestUser, from: string, to: string) => t.api.gql(COMPARE, { from, to }, { token: user.token });

describe('expensive requests and a bystander document', () => {
  it('comparing two unrelated 8,000-word outcomes: the bystander keeps relaying, the answer says it is coarse', async () => {
    const brief = { ...completeBrief(), outcome: paragraphs(...randomParagraphs(1, 8000)) };
    const { cast, v1, v2 } = await twoVersions(brief, (b) => ({
      ...b,
      outcome: paragraphs(...randomParagraphs(2, 8000)),
    }));

    await expectBystanderUnharmed(async () => {
      const run = await hammer(() => compare(cast.viewer, v1.id, v2.id), 12, 2);
      for (const result of run.results)
        expect(result.data?.compareVersions?.changed, JSON.stringify(result.errors)).toBe(true);
      return run;
    });

    const answer = await t.api.gql(COMPARE_COARSE, { from: v1.id, to: v2.id }, { token: cast.viewer.token });
    expect(answer.data?.compareVersions.coarse).toBe(true);
    expect(answer.data?.compareVersions.sections.find((s: { key: string }) => s.key === 'outcome').coarse).toBe(true);
  }, 180_000);

  it('comparing 1,500 against 1,500 list rows without ids: the bystander keeps relaying', async () => {
    const brief = { ...completeBrief(), successMetrics: idlessMetrics('old', 1500) };
    const { cast, v1, v2 } = await twoVersions(brief, (b) => ({ ...b, successMetrics: idlessMetrics('new', 1500) }));

    await expectBystanderUnharmed(async () => {
      const run = await hammer(() => compare(cast.viewer, v1.id, v2.id), 12, 2);
      for (const result of run.results)
        expect(result.data?.compareVersions?.changed, JSON.stringify(result.errors)).toBe(true);
      return run;
    });
  }, 180_000);

  describe('a PDF of a 60,000-word outcome', () => {
    let viewer: TestUser;
    let versionId: string;

    it('renders while the bystander keeps relaying', async () => {
      const cast = await readyCast(t, { ...completeBrief(), outcome: paragraphs(...randomParagraphs(3, 60_000)) });
      viewer = cast.viewer;
      versionId = (await freezeOk(t, cast.client, cast.proposal.id)).id;

      await expectBystanderUnharmed(async () => {
        const run = await hammer(() => pdf(viewer, versionId), 2, 2);
        for (const result of run.results) {
          expect(result.status).toBe(200);
          expect(result.body.subarray(0, 5).toString()).toBe('%PDF-');
        }
        return run;
      });
    }, 180_000);

    it('beyond the queue, gets 429 with Retry-After and a RATE_LIMITED body, and the rest are rendered', async () => {
      expect(versionId).toBeDefined();
      const results = await Promise.all(Array.from({ length: 6 }, () => pdf(viewer, versionId)));
      const refused = results.filter((result) => result.status === 429);
      expect(refused.length).toBeGreaterThanOrEqual(1);
      for (const result of refused) {
        expect(Number(result.retryAfter)).toBeGreaterThan(0);
        expect(JSON.parse(result.body.toString()).errors[0].extensions.code).toBe('RATE_LIMITED');
      }
      const rendered = results.filter((result) => result.status === 200);
      expect(rendered.length).toBeGreaterThanOrEqual(1);
      expect(rendered.length + refused.length).toBe(results.length);
    }, 180_000);
  });
});
