import * as Y from 'yjs';
import { readBrief } from '@brieflock/schema';
import { writeParagraphs } from './brief.js';
import type { TestPeer } from './collab.js';

/** How often each typist adds a line: well under the per-connection message allowance. */
const TYPING_INTERVAL_MS = 8;

/**
 * Adds one numbered line to the outcome of its peer's document every few milliseconds,
 * connected or not, and remembers the document's own clock after each line, so a line
 * can be matched with the state vector the server acknowledged.
 */
export class Typist {
  readonly lines: { text: string; clock: number }[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    readonly peer: TestPeer,
    private readonly name: string,
    private readonly intervalMs = TYPING_INTERVAL_MS,
  ) {}

  type(): void {
    const text = `${this.name} line ${this.lines.length + 1}`;
    writeParagraphs(this.peer.doc.getXmlFragment('outcome'), [text]);
    this.lines.push({ text, clock: ownClock(this.peer.doc) });
  }

  start(): void {
    this.timer ??= setInterval(() => this.type(), this.intervalMs);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Lines whose every update is covered by `stateVector`. */
  linesCoveredBy(stateVector: Map<number, number>): string[] {
    const durable = stateVector.get(this.peer.doc.clientID) ?? 0;
    return this.lines.filter((line) => line.clock <= durable).map((line) => line.text);
  }
}

/** How many operations of its own client `doc` holds. */
export const ownClock = (doc: Y.Doc) => Y.decodeStateVector(Y.encodeStateVector(doc)).get(doc.clientID) ?? 0;
export const linesOf = (doc: Y.Doc) => new Set(readBrief(doc).outcome.text.split('\n'));
export const missing = (doc: Y.Doc, lines: string[]) => {
  const present = linesOf(doc);
  return lines.filter((line) => !present.has(line));
};

/** The highest clock per client over several acknowledged state vectors. */
export function union(...vectors: Map<number, number>[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const vector of vectors)
    for (const [client, clock] of vector) out.set(client, Math.max(out.get(client) ?? 0, clock));
  return out;
}
