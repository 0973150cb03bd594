import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { mapLimit, median, postJson, sleep, waitFor } from '../harness.js';
import type { CaseContext } from './editors.js';
import { smallBrief } from './fixtures.js';
import { printRows, round, snapshot, spread, usageBetween } from './measure.js';
import { startServer } from './processes.js';

/** Measured freezes per level, after one unmeasured. */
const EVENTS = 5;
/** Quiet time between one event's last delivery and the next freeze. */
const GAP_MS = 300;
const OPEN_CONCURRENCY = 50;

/** What the web client selects of each event (client/src/contract/types.ts EVENT_FIELDS). */
const SUBSCRIPTION = `subscription($proposalId: ID!) { proposalEvents(proposalId: $proposalId) {
  kind proposalId sections at version { id number status } actor { id email name } } }`;
const FREEZE = 'mutation($i: FreezeProposalInput!) { freezeProposal(input: $i) { id number } }';

export interface SubscribersRow {
  subscribers: number;
  /** Time to open the connections and subscriptions added at this level, s. */
  openSeconds: number;
  events: number;
  /** The event published (its `at`, ms resolution) → its `next` handled at a subscriber. */
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** freezeProposal request sent → the event handled at a subscriber. */
  fromRequestP50Ms: number;
  fromRequestP99Ms: number;
  /** The freezeProposal request's own time (the event goes out after its commit), median ms. */
  freezeMs: number;
  /** Server CPU per event (the freeze and its fan-out), ms, and per delivery, µs. */
  serverCpuMsPerEvent: number;
  serverCpuUsPerDelivery: number;
  /** Server CPU over the measured events, gaps between them included, % of one core. */
  serverCpuPct: number;
  generatorCpuPct: number;
  /** Busy CPU of the whole machine over the measured events, % of one core. */
  machineCpuPct: number;
  serverRssMiB: number;
}

export interface SubscribersResult {
  rows: SubscribersRow[];
  /** Why the levels stopped early, if they did. */
  stopped?: string;
}

interface EventView {
  kind: string;
  /** When the server published the event (its clock is this machine's). */
  at: string;
  version: { number: number } | null;
}

/**
 * e. Event fan-out: 1,000, 2,000 and 5,000 participants of one proposal subscribed over
 * graphql-ws (one connection each, their own session), and real events: freezeProposal of
 * the proposal's ready brief by its CLIENT, whose VERSION_FROZEN goes to every subscriber
 * through the resolver the web client's selection runs. Connections are added level by
 * level; a level that cannot be served stops the run there.
 */
export async function benchSubscribers(ctx: CaseContext, levels: number[]): Promise<SubscribersResult> {
  const max = Math.max(...levels);
  const users = await ctx.seed.users(max, 'subscriber');
  const owner = users[0]!;
  const proposalId = await ctx.seed.proposal(owner, 'Event fan-out');
  await ctx.seed.participants(proposalId, users.slice(1, 10), 'FREELANCER', owner.id);
  await ctx.seed.participants(proposalId, users.slice(10), 'VIEWER', owner.id);
  await ctx.seed.briefUpdates(proposalId, [smallBrief().state]);

  const server = await startServer(ctx.root, 'subscribers', { DATABASE_URL: ctx.databaseUrl });
  const clients: Client[] = [];
  const failures: string[] = [];
  /** Per version number: index of the event, when its freeze was sent, and each delivery's latency. */
  const eventOf = new Map<number, number>();
  const sentAt: number[] = [];
  const latencies: number[][] = [];
  const fromPublish: number[][] = [];
  let delivered = 0;
  let freezes = 0;
  const result: SubscribersResult = { rows: [] };

  const open = async (n: number) => {
    let acknowledged = false;
    const client = createClient({
      url: `${server.url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { token: users[n]!.token },
      lazy: false,
      retryAttempts: 0,
      keepAlive: 0,
      onNonLazyError: (error) =>
        failures.push(`subscriber ${n}: ${String((error as { code?: number })?.code ?? error)}`),
      on: {
        connected: () => (acknowledged = true),
        closed: (event) => failures.push(`subscriber ${n} closed: ${(event as { code?: number })?.code}`),
      },
    });
    clients.push(client);
    await waitFor(() => acknowledged || failures.length > 0, `connection_ack of subscriber ${n}`, 60_000, 5);
    if (!acknowledged) throw new Error(failures[0]);
    client.subscribe<{ proposalEvents: EventView }>(
      { query: SUBSCRIPTION, variables: { proposalId } },
      {
        next: (message) => {
          const now = performance.now();
          const wallNow = Date.now();
          const event = message.data?.proposalEvents;
          const index = eventOf.get(event?.version?.number ?? -1);
          if (index === undefined) return;
          latencies[index]!.push(now - sentAt[index]!);
          fromPublish[index]!.push(wallNow - Date.parse(event!.at));
          delivered++;
        },
        error: (error) => failures.push(`subscriber ${n}: ${JSON.stringify(error).slice(0, 200)}`),
        complete: () => undefined,
      },
    );
  };

  const subscriptionsActive = async () => (await server.metrics()).get('brieflock_subscriptions_active') ?? NaN;

  /** One freeze; resolves once every subscriber has its event, with the request's own time. */
  const freeze = async (subscribers: number): Promise<number> => {
    const number = ++freezes;
    const index = latencies.length;
    latencies.push([]);
    fromPublish.push([]);
    eventOf.set(number, index);
    delivered = 0;
    sentAt.push(performance.now());
    const response = await postJson(
      `${server.url}/graphql`,
      { query: FREEZE, variables: { i: { proposalId, note: `fan-out ${number}` } } },
      { authorization: `Bearer ${owner.token}` },
    );
    const requestMs = performance.now() - sentAt[index]!;
    const body = JSON.parse(response.body) as { data?: { freezeProposal?: { number: number } } };
    if (body.data?.freezeProposal?.number !== number)
      throw new Error(`freeze ${number} answered ${response.status} ${response.body.slice(0, 300)}`);
    await waitFor(
      () => delivered >= subscribers || failures.length > 0,
      `event ${number} at ${subscribers} subscribers (${delivered} so far)`,
      120_000,
      1,
    );
    if (failures.length > 0) throw new Error(failures[0]);
    return requestMs;
  };

  try {
    for (const level of levels) {
      const opening = performance.now();
      try {
        await mapLimit(
          Array.from({ length: level - clients.length }, (_, k) => clients.length + k),
          OPEN_CONCURRENCY,
          open,
        );
        const deadline = performance.now() + 120_000;
        while ((await subscriptionsActive()) < level) {
          if (failures.length > 0) throw new Error(failures[0]);
          if (performance.now() > deadline) throw new Error(`${level} subscriptions not active within 120 s`);
          await sleep(50);
        }
      } catch (error) {
        result.stopped = `stopped before ${level} subscribers: ${(error as Error).message}`;
        break;
      }
      const openSeconds = (performance.now() - opening) / 1000;
      try {
        await freeze(level);
        await sleep(GAP_MS);
        const probes = { servers: [server] };
        const before = await snapshot(probes);
        const first = latencies.length;
        const freezeMs: number[] = [];
        for (let event = 0; event < EVENTS; event++) {
          freezeMs.push(await freeze(level));
          if (event < EVENTS - 1) await sleep(GAP_MS);
        }
        const after = await snapshot(probes);
        const usage = usageBetween(before, after);
        const fromRequest = spread(
          latencies
            .slice(first)
            .flat()
            .sort((x, y) => x - y),
        );
        const {
          p50,
          p99,
          max: maxMs,
        } = spread(
          fromPublish
            .slice(first)
            .flat()
            .sort((x, y) => x - y),
        );
        result.rows.push({
          subscribers: level,
          openSeconds: round(openSeconds),
          events: EVENTS,
          p50Ms: round(p50, 1),
          p99Ms: round(p99, 1),
          maxMs: round(maxMs, 1),
          fromRequestP50Ms: round(fromRequest.p50, 1),
          fromRequestP99Ms: round(fromRequest.p99, 1),
          freezeMs: round(median(freezeMs), 1),
          serverCpuMsPerEvent: round((usage.serverCpuSeconds[0]! * 1000) / EVENTS, 1),
          serverCpuUsPerDelivery: round((usage.serverCpuSeconds[0]! * 1e6) / (EVENTS * level), 1),
          serverCpuPct: round(usage.serverCpuPct[0]!),
          generatorCpuPct: round(usage.generatorCpuPct),
          machineCpuPct: round(usage.machineCpuPct),
          serverRssMiB: round(server.rssBytes() / 2 ** 20),
        });
        console.log(
          `  e. ${level} subscribers: p99 ${round(p99, 1)} ms from publish (${round(fromRequest.p99, 1)} ms from the freeze request), ${round((usage.serverCpuSeconds[0]! * 1000) / EVENTS)} ms server CPU per event`,
        );
      } catch (error) {
        result.stopped = `stopped at ${level} subscribers: ${(error as Error).message}`;
        break;
      }
    }
  } finally {
    await Promise.all(clients.map((client) => client.dispose()));
    await server.stop();
  }
  return result;
}

export function printSubscribers(result: SubscribersResult): void {
  printRows(
    `e. Event fan-out on one instance: graphql-ws subscribers of one proposal, VERSION_FROZEN from freezeProposal (${EVENTS} events per level, ${GAP_MS} ms apart; latency from the event's publish, and from the freeze request; CPU % over the events, gaps included)`,
    [
      'subscribers',
      'open s',
      'p50 ms',
      'p99 ms',
      'max ms',
      'from request p50',
      'from request p99',
      'freeze ms',
      'server CPU ms/event',
      'CPU µs/delivery',
      'server CPU %',
      'load gen CPU %',
      'machine CPU %',
      'server RSS MiB',
    ],
    result.rows.map((r) => [
      String(r.subscribers),
      r.openSeconds,
      r.p50Ms,
      r.p99Ms,
      r.maxMs,
      r.fromRequestP50Ms,
      r.fromRequestP99Ms,
      r.freezeMs,
      r.serverCpuMsPerEvent,
      r.serverCpuUsPerDelivery,
      r.serverCpuPct,
      r.generatorCpuPct,
      r.machineCpuPct,
      r.serverRssMiB,
    ]),
  );
  if (result.stopped) console.log(result.stopped);
}
