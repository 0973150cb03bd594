import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSchema } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import WebSocket, { WebSocketServer } from 'ws';
import * as Y from 'yjs';
import type { App } from '../../server/src/app.js';
import { smallReadyBrief } from './brief.js';
import { gql } from './graphql.bench.js';
import { mapLimit, median, percentile, roundsResult, sleep, waitFor, type Result } from './harness.js';
import { Seed } from './seed.js';

/** Subscribers of the one proposal, each on its own graphql-ws connection. */
const SUBSCRIBERS = 1000;
/** Measured events per side, after WARMUP_EVENTS unmeasured ones. */
const EVENTS = 100;
const WARMUP_EVENTS = 5;
/** Quiet time between one event's last delivery and the next publish. */
const GAP_MS = 50;
/** Connections opened at once while setting up. */
const OPEN_CONCURRENCY = 50;

/**
 * What the web client selects of each event (ProposalEvents in client/src/operations/proposals.ts),
 * less its `participant`, which is null on the version events measured here.
 */
const SUBSCRIPTION = `subscription($proposalId: ID!) { proposalEvents(proposalId: $proposalId) {
  kind proposalId sections at version { id number status } actor { id email name } } }`;

interface EventView {
  kind: string;
  at: string;
  version: { id: string; number: number; status: string } | null;
  actor: { id: string; email: string; name: string } | null;
}

interface FanOutTarget {
  name: 'ours' | 'reference';
  url: string;
  connectionParams: (index: number) => Record<string, unknown> | undefined;
  proposalId: string;
  /** Subscriptions the server holds right now. */
  subscriberCount(): number;
  /** Publishes one event; its `at` names it, so each delivery is matched to its publish. */
  publish(at: string): void;
  /** What every delivery must carry (checked, so a wrong payload is not timed). */
  expect: { kind: string; versionId: string; actorId: string };
}

interface Subscriber {
  client: Client;
  failure?: unknown;
}

/**
 * Bare graphql-ws (`useServer` from `graphql-ws/use/ws`) with a graphql-js schema of the
 * same event shape; its subscription yields events from an in-process pubsub, already
 * resolved (no database, no authentication).
 */
async function startReferenceEvents(expect: FanOutTarget['expect']) {
  const schema = buildSchema(`
    type User { id: ID! email: String! name: String! }
    type ContractVersion { id: ID! number: Int! status: String! }
    type ProposalEvent { kind: String! proposalId: ID! sections: [String!]! at: String! version: ContractVersion actor: User }
    type Query { ok: Boolean }
    type Subscription { proposalEvents(proposalId: ID!): ProposalEvent! }
  `);
  type Payload = { proposalEvents: Record<string, unknown> };
  const listeners = new Set<(value: Payload) => void>();
  /** One subscriber's queue as an async iterator; `return` unsubscribes. */
  const subscribe = (): AsyncIterableIterator<Payload> => {
    const queue: Payload[] = [];
    let wake: ((result: IteratorResult<Payload>) => void) | undefined;
    let done = false;
    const push = (value: Payload) => {
      if (wake) {
        const resolve = wake;
        wake = undefined;
        resolve({ value, done: false });
      } else queue.push(value);
    };
    listeners.add(push);
    const finish = (): Promise<IteratorResult<Payload>> => {
      done = true;
      listeners.delete(push);
      wake?.({ value: undefined, done: true });
      return Promise.resolve({ value: undefined, done: true });
    };
    const iterator: AsyncIterableIterator<Payload> = {
      next: () =>
        queue.length > 0
          ? Promise.resolve({ value: queue.shift()!, done: false })
          : done
            ? Promise.resolve({ value: undefined, done: true })
            : new Promise((resolve) => (wake = resolve)),
      return: finish,
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  };
  const wss = new WebSocketServer({ noServer: true });
  useServer({ schema, roots: { subscription: { proposalEvents: subscribe } } }, wss);
  const server = http.createServer((_request, response) => response.writeHead(404).end());
  server.on('upgrade', (request, socket, head) =>
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request)),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const version = { id: expect.versionId, number: 1, status: 'AWAITING_SIGNATURES' };
  const actor = { id: expect.actorId, email: 'client@example.test', name: 'Cora Client' };
  return {
    url: `ws://127.0.0.1:${port}/graphql`,
    subscriberCount: () => listeners.size,
    publish: (proposalId: string, at: string) => {
      const payload = { proposalEvents: { kind: expect.kind, proposalId, sections: [], at, version, actor } };
      for (const listener of listeners) listener(payload);
    },
    close: async () => {
      for (const ws of wss.clients) ws.terminate();
      await new Promise((resolve) => wss.close(resolve));
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/**
 * Opens SUBSCRIBERS graphql-ws connections with one subscription each, publishes
 * WARMUP_EVENTS + EVENTS events one at a time (the next once every subscriber got the
 * previous one and GAP_MS passed), and returns every subscriber's latency of every measured
 * event: publish → its `next` message handled by the client.
 */
async function fanOut(target: FanOutTarget): Promise<{ latencies: number[]; setupMs: number }> {
  const setupStarted = performance.now();
  const subscribers: Subscriber[] = [];
  /** Event index by its `at`; each event's publish time and its deliveries' latencies. */
  const indexOf = new Map<string, number>();
  const publishedAt: number[] = [];
  const latencies: number[][] = [];
  let wrong: string | undefined;
  const base = Date.UTC(2030, 0, 1);
  try {
    await mapLimit(
      Array.from({ length: SUBSCRIBERS }, (_, n) => n),
      OPEN_CONCURRENCY,
      async (n) => {
        const subscriber: Subscriber = { client: undefined as unknown as Client };
        let acknowledged = false;
        subscriber.client = createClient({
          url: target.url,
          webSocketImpl: WebSocket,
          connectionParams: target.connectionParams(n),
          lazy: false,
          retryAttempts: 0,
          onNonLazyError: (error) => (subscriber.failure ??= error),
          on: { connected: () => (acknowledged = true), closed: (event) => (subscriber.failure ??= event) },
        });
        subscribers.push(subscriber);
        await waitFor(
          () => acknowledged || subscriber.failure !== undefined,
          `${target.name}: connection_ack of subscriber ${n}`,
        );
        if (subscriber.failure !== undefined)
          throw new Error(`${target.name}: subscriber ${n} could not connect: ${describe(subscriber.failure)}`);
        subscriber.client.subscribe<{ proposalEvents: EventView }>(
          { query: SUBSCRIPTION, variables: { proposalId: target.proposalId } },
          {
            next: (message) => {
              const now = performance.now();
              const event = message.data?.proposalEvents;
              const index = event ? indexOf.get(event.at) : undefined;
              if (!event || index === undefined || message.errors) {
                wrong ??= `${target.name}: subscriber ${n} got ${JSON.stringify(message).slice(0, 300)}`;
                return;
              }
              const { expect } = target;
              if (
                event.kind !== expect.kind ||
                event.version?.id !== expect.versionId ||
                event.actor?.id !== expect.actorId
              ) {
                wrong ??= `${target.name}: subscriber ${n} got an event that is not the one published: ${JSON.stringify(event).slice(0, 300)}`;
              }
              latencies[index]!.push(now - publishedAt[index]!);
            },
            error: (error) => (subscriber.failure ??= error),
            complete: () => undefined,
          },
        );
      },
    );
    const failed = () => subscribers.find((s) => s.failure !== undefined);
    await waitFor(
      () => target.subscriberCount() >= SUBSCRIBERS || failed(),
      `${target.name}: ${SUBSCRIBERS} subscriptions live on the server`,
      60_000,
    );
    if (failed()) throw new Error(`${target.name}: a subscription failed: ${describe(failed()!.failure)}`);
    const setupMs = performance.now() - setupStarted;

    for (let index = 0; index < WARMUP_EVENTS + EVENTS; index++) {
      const at = new Date(base + index).toISOString();
      indexOf.set(at, index);
      latencies.push([]);
      publishedAt.push(performance.now());
      target.publish(at);
      await waitFor(
        () => latencies[index]!.length >= SUBSCRIBERS || wrong !== undefined || failed(),
        `${target.name}: event ${index + 1} at all ${SUBSCRIBERS} subscribers (${latencies[index]!.length} so far)`,
        120_000,
        1,
      );
      if (wrong !== undefined) throw new Error(wrong);
      if (failed()) throw new Error(`${target.name}: a subscription failed: ${describe(failed()!.failure)}`);
      await sleep(GAP_MS);
    }
    return { latencies: latencies.slice(WARMUP_EVENTS).flat(), setupMs };
  } finally {
    await Promise.all(subscribers.map((s) => s.client.dispose()));
  }
}

const describe = (failure: unknown): string => {
  if (failure && typeof failure === 'object' && 'code' in failure)
    return `close ${(failure as { code: number }).code} ${String((failure as { reason?: unknown }).reason ?? '')}`;
  return failure instanceof Error ? failure.message : JSON.stringify(failure);
};

/**
 * Ours: one proposal with a frozen version and SUBSCRIBERS participants (one CLIENT who froze
 * it, 9 FREELANCERs, the rest VIEWERs), each subscribed with their own session. Events are
 * VERSION_SIGNED of that version by the client, published as the signVersion mutation
 * publishes them, so every subscriber's resolver reads the version and the actor.
 */
async function oursTarget(app: App, seed: Seed): Promise<FanOutTarget> {
  const users = await seed.users(SUBSCRIBERS, 'subscriber');
  const owner = users[0]!;
  const proposalId = await seed.proposal(owner, 'Event fan-out');
  await seed.participants(proposalId, users.slice(1, 10), 'FREELANCER', owner.id);
  await seed.participants(proposalId, users.slice(10), 'VIEWER', owner.id);
  await seed.briefUpdates(proposalId, [Y.encodeStateAsUpdate(smallReadyBrief())]);
  const frozen = await gql(
    `${app.url}/graphql`,
    'mutation($i: FreezeProposalInput!) { freezeProposal(input: $i) { id } }',
    { i: { proposalId, note: 'fan-out' } },
    owner.token,
  );
  const versionId = frozen.freezeProposal.id as string;
  const expect = { kind: 'VERSION_SIGNED', versionId, actorId: owner.id };
  return {
    name: 'ours',
    url: `${app.url.replace(/^http/, 'ws')}/graphql`,
    connectionParams: (n) => ({ token: users[n]!.token }),
    proposalId,
    subscriberCount: () => app.events.subscriberCount,
    publish: (at) => app.events.publish({ kind: 'VERSION_SIGNED', proposalId, versionId, actorId: owner.id, at }),
    expect,
  };
}

/** Rounds of P6; each measures ours and the floor back to back, alternating which goes first. */
const ROUNDS = 3;

/** P6: one event to 1,000 subscribers of one proposal, publish → receipt at each subscriber. */
export async function benchEventFanOut(app: App, databaseUrl: string): Promise<Result[]> {
  const seed = new Seed(databaseUrl);
  try {
    const oursSide = await oursTarget(app, seed);
    const reference = await startReferenceEvents(oursSide.expect);
    const referenceSide: FanOutTarget = {
      name: 'reference',
      url: reference.url,
      connectionParams: () => undefined,
      proposalId: oursSide.proposalId,
      subscriberCount: reference.subscriberCount,
      publish: (at) => reference.publish(oursSide.proposalId, at),
      expect: oursSide.expect,
    };
    const rounds: { ours: Measured; reference: Measured }[] = [];
    try {
      for (let round = 0; round < ROUNDS; round++) {
        const measure = async (side: FanOutTarget) => {
          const measured = summarise(await fanOut(side));
          await waitFor(() => side.subscriberCount() === 0, `${side.name}: every subscription to end`, 30_000);
          return measured;
        };
        if (round % 2 === 0) {
          const ours = await measure(oursSide);
          rounds.push({ ours, reference: await measure(referenceSide) });
        } else {
          const ref = await measure(referenceSide);
          rounds.push({ ours: await measure(oursSide), reference: ref });
        }
      }
    } finally {
      await reference.close();
    }
    const ms = (value: number) => Math.round(value * 1000) / 1000;
    const each = (pick: (round: { ours: Measured; reference: Measured }) => number) =>
      rounds.map((round) => ms(pick(round))).join(', ');
    return [
      roundsResult(
        'P6',
        `event fan-out to ${SUBSCRIBERS} subscribers, publish → received, p99`,
        'ms',
        rounds.map((round) => ({ ours: round.ours.p99, reference: round.reference.p99 })),
        {
          oursP50Ms: ms(median(rounds.map((round) => round.ours.p50))),
          referenceP50Ms: ms(median(rounds.map((round) => round.reference.p50))),
          p50Ratio: ms(median(rounds.map((round) => round.ours.p50 / round.reference.p50))),
          oursP99ByRoundMs: each((round) => round.ours.p99),
          referenceP99ByRoundMs: each((round) => round.reference.p99),
          oursMaxByRoundMs: each((round) => round.ours.max),
          referenceMaxByRoundMs: each((round) => round.reference.max),
          samples: `${ROUNDS} rounds, each ${EVENTS} events × ${SUBSCRIBERS} subscribers per side (after ${WARMUP_EVENTS} unmeasured); ours and the floor alternate which goes first`,
          event:
            'VERSION_SIGNED; selection: kind proposalId sections at version { id number status } actor { id email name }',
          setupSeconds: `ours ${each((round) => round.ours.setupMs / 1000)}, reference ${each((round) => round.reference.setupMs / 1000)}`,
        },
      ),
    ];
  } finally {
    await seed.close();
  }
}

interface Measured {
  p50: number;
  p99: number;
  max: number;
  setupMs: number;
}

const summarise = ({ latencies, setupMs }: Awaited<ReturnType<typeof fanOut>>): Measured => {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? NaN, setupMs };
};
