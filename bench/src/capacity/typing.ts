import * as Y from 'yjs';
import { sleep, waitFor } from '../harness.js';
import { caretAt, ownParagraph } from './fixtures.js';
import { type Probes, type Snapshot, snapshot, spread, usageBetween, type Usage } from './measure.js';
import { EditLog, RelayLatencies, type RawPeer } from './peer.js';

/** People on one live document: who types, and everyone who should see it (writers too). */
export interface TypingRoom {
  writers: RawPeer[];
  peers: RawPeer[];
}

export interface TypingOptions {
  /** One edit per writer every `intervalMs`, each writer at its own random phase. */
  intervalMs: number;
  warmupMs: number;
  windowMs: number;
  /** After each edit, publish the caret (the web client's caret extension does on every keystroke). */
  caret: boolean;
  /** Readings around the window. */
  probes: Probes;
  /** Before typing starts, the servers' CPU is read this long with every socket open and nobody typing (0: not read). */
  idleMs: number;
}

export interface TypingResult {
  /** Edits sent during the window, per second. */
  editsPerSecond: number;
  /** Relay latency of the window's edits: sent → received by each other peer of its document. */
  latency: ReturnType<typeof spread>;
  /** Deliveries expected for the window's edits (each edit × the other peers of its document). */
  expectedSamples: number;
  usage: Usage;
  /** Each server's CPU with every socket open and nobody typing, % of one core. */
  idleCpuPct: number[];
  /** Resident memory of each server at the end of the window, bytes. */
  rssBytes: number[];
  /** Every peer received every edit after typing stopped (within the wait). */
  allDelivered: boolean;
  /** Every writer's frames reported durable by SAVED (within the wait). */
  allDurable: boolean;
  /** Document updates the writers sent in all (paragraphs included). */
  updatesSent: number;
  /** Sockets that closed without being asked to. */
  unexpectedCloses: number;
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz ';

/**
 * Every writer adds a paragraph of its own to the outcome, then types one character into
 * it every `intervalMs` (and moves its caret), while every peer of each document follows
 * the others' edits. Measures the window after the warm-up; then waits until every edit
 * reached every peer and every writer's edits are durable.
 */
export async function typeInRooms(rooms: TypingRoom[], options: TypingOptions): Promise<TypingResult> {
  const latencies = new RelayLatencies();
  const writers = rooms.flatMap((room) =>
    room.writers.map((writer) => ({ writer, room, log: new EditLog(writer), text: ownParagraph(writer) })),
  );
  for (const { log } of writers) latencies.addWriter(log);
  for (const room of rooms) for (const peer of room.peers) latencies.follow(peer);
  // Every paragraph reached every peer of its document before typing starts.
  const current = (writer: RawPeer) => Y.getState(writer.doc.store, writer.doc.clientID);
  await waitFor(
    () =>
      rooms.every((room) =>
        room.peers.every((peer) =>
          room.writers.every(
            (writer) => writer === peer || (peer.known.get(writer.doc.clientID) ?? 0) >= current(writer),
          ),
        ),
      ),
    'every new paragraph at every peer',
    60_000,
    20,
  );

  let idleCpuPct = options.probes.servers.map(() => NaN);
  if (options.idleMs > 0) {
    const idleBefore = await snapshot(options.probes);
    await sleep(options.idleMs);
    idleCpuPct = usageBetween(idleBefore, await snapshot(options.probes)).serverCpuPct;
  }

  let typing = true;
  const started = performance.now();
  const timers = new Set<NodeJS.Timeout>();
  for (const [n, entry] of writers.entries()) {
    const phase = Math.random() * options.intervalMs;
    let k = 0;
    const tick = () => {
      if (!typing) return;
      const { writer, log, text } = entry;
      const sentAt = performance.now();
      writer.edit(() => text.insert(text.length, LETTERS[(n + k) % LETTERS.length]!));
      log.record(sentAt);
      if (options.caret) writer.setPresence(caretAt(text));
      k++;
      const timer = setTimeout(tick, Math.max(0, started + phase + k * options.intervalMs - performance.now()));
      timers.add(timer);
    };
    timers.add(setTimeout(tick, phase));
  }
  let before: Snapshot;
  let after: Snapshot;
  let rssBytes: number[];
  try {
    await sleep(options.warmupMs);
    before = await snapshot(options.probes);
    await sleep(options.windowMs);
    after = await snapshot(options.probes);
    rssBytes = options.probes.servers.map((server) => server.rssBytes());
  } finally {
    typing = false;
    for (const timer of timers) clearTimeout(timer);
  }

  const logs = writers.map((entry) => entry.log);
  const roomLogs = rooms.map((room) => logs.filter((log) => room.writers.includes(log.writer)));
  const allDelivered = await waitFor(
    () => rooms.every((room, r) => room.peers.every((peer) => latencies.caughtUp(peer, roomLogs[r]!))),
    'every edit at every peer',
    60_000,
    20,
  ).then(
    () => true,
    () => false,
  );
  const allDurable = await waitFor(
    () => writers.every(({ writer }) => writer.allDurable),
    'every edit durable',
    60_000,
    20,
  ).then(
    () => true,
    () => false,
  );

  let windowEdits = 0;
  let expectedSamples = 0;
  for (const [r, room] of rooms.entries()) {
    for (const log of roomLogs[r]!) {
      const writer = log.writer;
      const edits = log.sentAt.filter((at) => at >= before.at && at < after.at).length;
      windowEdits += edits;
      expectedSamples += edits * room.peers.filter((peer) => peer !== writer).length;
    }
  }
  const allPeers = rooms.flatMap((room) => room.peers);
  return {
    editsPerSecond: windowEdits / ((after.at - before.at) / 1000),
    latency: spread(latencies.window(before.at, after.at)),
    expectedSamples,
    usage: usageBetween(before, after),
    idleCpuPct,
    rssBytes,
    allDelivered,
    allDurable,
    updatesSent: writers.reduce((sum, { writer }) => sum + writer.updatesSent, 0),
    unexpectedCloses: allPeers.filter((peer) => peer.closedUnexpectedly).length,
  };
}
