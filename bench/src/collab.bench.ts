import type { App } from '../../server/src/app.js';
import {
  EditLog,
  openPeer,
  ReaderCursor,
  SavedFrames,
  sleepUntil,
  sorted,
  whenSynced,
  yieldToLoop,
  type CollabTarget,
  type Peer,
} from './collab/peers.js';
import * as Y from 'yjs';
import { applyPatches, isNoop, loadTrace, type Txn } from './collab/trace.js';
import { gql } from './graphql.bench.js';
import { percentile, roundsResult, type Result, type Round } from './harness.js';

/**
 * P1 pace. The traces' timestamps cannot pace a replay: sveltecomponent's have one-second
 * resolution (71 % of gaps are 0, most others exactly 1 s or several seconds) and
 * automerge-paper's whole 259,778 edits span 0.3 s. So P1 types at a fixed pace: one
 * transaction every 5 ms (200/s, a very fast typist, below the server's default
 * throttle of 300 messages/s so the throttle never shapes it), the first 1,000
 * transactions of sveltecomponent (5 s per run), in each of ROUNDS rounds.
 */
export const PACED_TRACE = 'sveltecomponent';
export const PACED_TXNS = 1000;
/** Rounds per collaboration row: each measures ours, the floor and the peer back to back. */
export const ROUNDS = 3;
export const PACE_MS = 5;
/** Unpaced replays yield to the event loop every CHUNK transactions, so the server and the readers (separate processes in real life) run alongside the writer. */
export const CHUNK = 256;
const P2_TRACE = 'automerge-paper';
/** P2 replays this prefix of automerge-paper per round (three servers × three rounds of the whole trace would take minutes). */
const P2_TXNS = 40_000;
export const RAISED_THROTTLE = 'ours: COLLAB_MESSAGES_PER_SECOND=1000000, COLLAB_MAX_SOCKETS_PER_DOCUMENT=16';

export interface Targets {
  /** Absent when only the reference is measured (BENCH_ONLY=reference). */
  ours: CollabTarget | undefined;
  /** The floor. */
  reference: CollabTarget;
  /** Hocuspocus with its database extension (collab/hocuspocus.ts); absent with BENCH_ONLY=reference. */
  peer: CollabTarget | undefined;
}

/** The sides in the order a round measures them. */
export const sides = (targets: Targets): [keyof Targets, CollabTarget | undefined][] => [
  ['ours', targets.ours],
  ['reference', targets.reference],
  ['peer', targets.peer],
];

/** Runs `measure` once per side for ROUNDS rounds; each round's figures, per side. */
export async function inRounds<T>(
  targets: Targets,
  measure: (target: CollabTarget) => Promise<T>,
): Promise<{ ours?: T; reference: T; peer?: T }[]> {
  const rounds: { ours?: T; reference: T; peer?: T }[] = [];
  for (let n = 0; n < ROUNDS; n++) {
    const round: Partial<Record<keyof Targets, T>> = {};
    for (const [side, target] of sides(targets)) if (target) round[side] = await measure(target);
    rounds.push(round as { ours?: T; reference: T; peer?: T });
  }
  return rounds;
}

/** One row's rounds from each round's figures, reading one number from each side. */
export const pick = <T>(rounds: { ours?: T; reference: T; peer?: T }[], read: (value: T) => number): Round[] =>
  rounds.map((round) => ({
    ours: round.ours === undefined ? NaN : read(round.ours),
    reference: read(round.reference),
    peer: round.peer === undefined ? undefined : read(round.peer),
  }));

/** Our `/collab` endpoint: one signed-up owner, a fresh proposal per room. */
export async function oursTarget(app: App): Promise<CollabTarget> {
  const url = `${app.url}/graphql`;
  const signUp = await gql(url, 'mutation($i: SignUpInput!) { signUp(input: $i) { token user { id } } }', {
    i: { email: `collab-bench-${process.pid}@example.test`, password: 'benchmark passphrase', name: 'Collab bench' },
  });
  const token = signUp.signUp.token as string;
  return {
    name: 'ours',
    url: `ws://127.0.0.1:${app.port}/collab`,
    newRoom: async () => {
      const created = await gql(
        url,
        'mutation($input: CreateProposalInput!) { createProposal(input: $input) { id } }',
        { input: { title: 'Collab bench' } },
        token,
      );
      return { room: created.createProposal.id as string, params: { token } };
    },
    reportsSaved: true,
  };
}

export interface Replay {
  log: EditLog;
  cursors: ReaderCursor[];
  /** performance.now() of the first edit and of the moment the last reader applied the last one. */
  firstEditAt: number;
  lastAppliedAt: number;
  /** The writer's final text, which every reader was checked to hold. */
  content: string;
}

/**
 * One writer replays `txns` (each its own Yjs transaction, so one WebSocket message) into
 * `getText('bench')` while `readerCount` readers follow; resolves when every reader holds the
 * writer's content. `paceMs` 0 means unpaced.
 */
export async function replay(
  target: CollabTarget,
  txns: Txn[],
  readerCount: number,
  paceMs: number,
  timeoutMs: number,
): Promise<Replay> {
  const { room, params } = await target.newRoom();
  // Ours: the writer asks for SAVED, as Brieflock's editor does, and counts its document frames.
  const writer = openPeer(target, room, target.reportsSaved ? { ...params, saved: '1' } : params);
  const saved = target.reportsSaved ? new SavedFrames(writer) : undefined;
  const readers = Array.from({ length: readerCount }, () => openPeer(target, room, params));
  const peers: Peer[] = [writer, ...readers];
  try {
    await whenSynced(target, peers);
    const log = new EditLog(writer);
    const cursors = readers.map((reader) => new ReaderCursor(log, reader));
    const firstEditAt = performance.now();
    for (let i = 0; i < txns.length; i++) {
      if (paceMs > 0) await sleepUntil(firstEditAt + i * paceMs);
      else if (i % CHUNK === 0) await yieldToLoop();
      const startedAt = performance.now();
      writer.doc.transact(() => applyPatches(writer.text, txns[i]!.patches));
      log.record(startedAt);
    }
    await Promise.all(
      cursors.map((cursor, n) =>
        cursor.caughtUp(
          `${target.name}: reader ${n + 1} of ${readerCount} to apply ${log.count} transactions`,
          timeoutMs,
        ),
      ),
    );
    const last = log.count - 1;
    const lastAppliedAt = log.started[last]! + Math.max(...cursors.map((cursor) => cursor.latencies[last]!));
    for (const cursor of cursors) cursor.detach();
    const content = writer.text.toString();
    readers.forEach((reader, n) => {
      if (reader.text.toString() !== content)
        throw new Error(`${target.name}: reader ${n + 1} converged to different content than the writer`);
    });
    // Unmeasured: ours stores the replay in the background; wait until the server reports
    // every document frame the writer sent durable (trailing deletions included), so that
    // work does not run into the next measurement.
    await saved?.allDurable(`${target.name}: SAVED covering all the writer's document frames`, 120_000);
    return { log, cursors, firstEditAt, lastAppliedAt, content };
  } finally {
    for (const peer of peers) peer.close();
  }
}

const relayLatencies = (run: Replay | undefined): number[] =>
  sorted(run ? run.cursors.flatMap((cursor) => cursor.latencies) : []);
const ms = (value: number) => Math.round(value * 1000) / 1000;

/** P1: how long a paced edit takes to reach 1 and 10 readers: ours, the floor and the peer, in rounds. */
export async function benchRelayLatency(targets: Targets): Promise<Result[]> {
  const trace = await loadTrace(PACED_TRACE);
  if (!trace) return [];
  const txns = trace.txns.filter((txn) => !isNoop(txn)).slice(0, PACED_TXNS);
  // Warm-up (JIT, sockets, first room) so no side pays it in the measured runs.
  for (const [, target] of sides(targets)) if (target) await replay(target, txns.slice(0, 500), 1, 0, 30_000);
  const rows: Result[] = [];
  for (const readerCount of [1, 10]) {
    const rounds = await inRounds(targets, async (target) =>
      relayLatencies(await replay(target, txns, readerCount, PACE_MS, 30_000)),
    );
    const label = `${readerCount} reader${readerCount === 1 ? '' : 's'}`;
    const notes = {
      trace: `${PACED_TRACE}, first ${txns.length} txns, 1 txn / ${PACE_MS} ms, ${ROUNDS} rounds`,
      samplesPerRound: txns.length * readerCount,
      oursP90Ms: roundsMs(
        rounds.map((r) => r.ours),
        90,
      ),
      referenceP90Ms: roundsMs(
        rounds.map((r) => r.reference),
        90,
      ),
      peerP90Ms: roundsMs(
        rounds.map((r) => r.peer),
        90,
      ),
      peer: PEER_NOTE,
      config: RAISED_THROTTLE,
    };
    rows.push(
      roundsResult(
        'P1',
        `relay p50, ${label}`,
        'ms',
        pick(rounds, (l) => percentile(l, 50)),
        notes,
      ),
    );
    rows.push(
      roundsResult(
        'P1',
        `relay p99, ${label}`,
        'ms',
        pick(rounds, (l) => percentile(l, 99)),
      ),
    );
  }
  return rows;
}

export const PEER_NOTE = 'Hocuspocus 4.7.0 + extension-database on PostgreSQL, HocuspocusProvider clients, defaults';
/** Each round's percentile, e.g. `0.31 / 0.29 / 0.35`. */
const roundsMs = (rounds: (number[] | undefined)[], p: number) =>
  rounds.map((l) => (l ? ms(percentile(l, p)).toFixed(2) : '-')).join(' / ');

/** P2: a long prefix of automerge-paper unpaced, from the first edit until a reader holds the writer's text. */
export async function benchUnpacedReplay(targets: Targets): Promise<Result[]> {
  const trace = await loadTrace(P2_TRACE);
  if (!trace) return [];
  if (trace.startContent !== '') throw new Error(`${P2_TRACE}: a non-empty startContent is not supported`);
  const all = trace.txns.filter((txn) => !isNoop(txn));
  const txns = all.slice(0, P2_TXNS);
  // The text the prefix leaves, replayed locally: a wrong replay must not be reported as a time.
  const expected = new Y.Doc();
  for (const txn of txns) expected.transact(() => applyPatches(expected.getText('bench'), txn.patches));
  const expectedText = expected.getText('bench').toString();
  expected.destroy();
  const rounds = await inRounds(targets, async (target) => {
    const replayed = await replay(target, txns, 1, 0, 180_000);
    if (replayed.content !== expectedText)
      throw new Error(`${target.name}: replaying ${P2_TRACE} did not produce the prefix's text`);
    const elapsedMs = replayed.lastAppliedAt - replayed.firstEditAt;
    return {
      elapsedMs,
      updatesPerSecond: replayed.log.count / (elapsedMs / 1000),
      latencies: relayLatencies(replayed),
    };
  });
  const perRound = (read: (r: { elapsedMs: number; updatesPerSecond: number; latencies: number[] }) => number) =>
    (['ours', 'reference', 'peer'] as const)
      .map((side) => `${side} ${rounds.map((r) => (r[side] ? Math.round(read(r[side]!)) : '-')).join(' / ')}`)
      .join('; ');
  return [
    roundsResult(
      'P2',
      `${P2_TRACE} unpaced, first ${txns.length.toLocaleString('en')} of ${all.length.toLocaleString('en')} txns, first edit → reader holds the writer's text`,
      'ms',
      pick(rounds, (r) => r.elapsedMs),
      {
        roundsUpdatesPerSec: perRound((r) => r.updatesPerSecond),
        roundsRelayP99Ms: perRound((r) => percentile(r.latencies, 99)),
        writer: `yields to the event loop every ${CHUNK} txns`,
        // @y/websocket-server relays each update to every socket of the room, its sender too.
        referenceEchoes: 'the reference also sends every update back to the writer; ours and the peer do not',
        peer: PEER_NOTE,
        config: RAISED_THROTTLE,
      },
    ),
  ];
}
