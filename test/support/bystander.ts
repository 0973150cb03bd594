import * as Y from 'yjs';
import type { App } from '../../server/src/app.js';
import { appendParagraph, peerPool } from './collab-checks.js';
import type { Api } from './graphql.js';

/** One relayed edit: when it was typed and when the other peer had it, in ms (performance.now). */
export interface RoundTrip {
  start: number;
  end: number;
}

/** Pause between two of the bystander's edits: pacing, so it stays under the per-connection rate limit. */
const PACE_MS = 10;

/**
 * A bystander document: two real y-websocket peers on a proposal of their own. While
 * running, one keeps typing a paragraph and waits for the other to receive it through the
 * server; each such round trip is recorded. A server whose event loop is held by someone
 * else's request stops relaying, and the round trips stop completing.
 */
export async function startBystander(app: App, api: Api, pool: ReturnType<typeof peerPool>) {
  const { a, b } = await pool.twoEditors(app, api);
  const trips: RoundTrip[] = [];
  let running = true;
  const received = (count: number) =>
    new Promise<void>((resolve) => {
      const fragment = b.doc.getXmlFragment('outcome');
      if (fragment.length >= count) return resolve();
      const check = () => {
        if (fragment.length < count) return;
        b.doc.off('update', check);
        resolve();
      };
      b.doc.on('update', check);
    });
  const loop = (async () => {
    let count = b.doc.getXmlFragment('outcome').length;
    while (running) {
      const start = performance.now();
      count += 1;
      const arrived = received(count);
      appendParagraph(a.doc, `ping ${count}`);
      await arrived;
      trips.push({ start, end: performance.now() });
      await new Promise((resolve) => setTimeout(resolve, PACE_MS));
    }
  })();
  return {
    trips,
    /** Round trips that ended inside [from, to]. */
    completedBetween: (from: number, to: number) => trips.filter((trip) => trip.end >= from && trip.end <= to),
    /**
     * The share of [from, to] the relay spent stalled: the time by which round trips
     * overlapping it exceeded `threshold` ms, over the interval's length.
     */
    stalledShare: (from: number, to: number, threshold: number) => {
      let stalled = 0;
      for (const trip of trips) {
        if (trip.end < from || trip.start > to) continue;
        stalled += Math.max(0, trip.end - trip.start - threshold);
      }
      return stalled / Math.max(1, to - from);
    },
    /** Durations of the round trips that ended inside [from, to]. */
    durationsBetween: (from: number, to: number) =>
      trips.filter((trip) => trip.end >= from && trip.end <= to).map((trip) => trip.end - trip.start),
    /** The longest round trip that overlapped [from, to]. */
    longestBetween: (from: number, to: number) =>
      Math.max(0, ...trips.filter((trip) => trip.end >= from && trip.start <= to).map((t) => t.end - t.start)),
    async stop() {
      running = false;
      await loop;
    },
  };
}

/** The percentile `p` (0–100) of `values`. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Paragraphs of `count` pseudo-random words (deterministic per `seed`), 80 words each. */
export function randomParagraphs(seed: number, count: number): string[] {
  let state = seed;
  const words: string[] = [];
  for (let i = 0; i < count; i++) {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    words.push(`w${(state % 50_000).toString(36)}`);
  }
  const paragraphs: string[] = [];
  for (let i = 0; i < words.length; i += 80) paragraphs.push(words.slice(i, i + 80).join(' '));
  return paragraphs;
}

/** Replaces a rich-text section of a live document with plain paragraphs. */
export function replaceParagraphs(doc: Y.Doc, section: string, paragraphs: readonly string[]): void {
  const fragment = doc.getXmlFragment(section);
  fragment.delete(0, fragment.length);
  fragment.insert(
    0,
    paragraphs.map((text) => {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText(text)]);
      return paragraph;
    }),
  );
}
