import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { mapLimit, waitFor } from '../harness.js';
import type { Failures } from './api.js';
import type { SoakProposal } from './fleet.js';

/** What the web client selects of each event, and the ids the soak matches deliveries by. */
const SUBSCRIPTION = `subscription($proposalId: ID!) { proposalEvents(proposalId: $proposalId) {
  kind proposalId sections at version { id number status } actor { id name } thread { id status } } }`;

/** The event kinds the soak's own requests cause, whose every delivery is accounted for. */
export const TRACKED_KINDS = new Set([
  'THREAD_STARTED',
  'COMMENT_ADDED',
  'VERSION_FROZEN',
  'VERSION_SIGNED',
  'VERSION_EXECUTED',
  'MILESTONE_STARTED',
  'MILESTONE_SUBMITTED',
  'MILESTONE_ACCEPTED',
]);

interface EventView {
  kind: string;
  proposalId: string;
  at: string;
}

/**
 * Three graphql-ws subscribers of `proposalEvents` per proposal (its CLIENT, a FREELANCER
 * and its VIEWER, one connection each). Each delivery is timed from the event's `at` (the
 * server's publish, same clock) to its arrival, and counted per proposal and kind, so that
 * every event the soak caused can be checked at every subscriber.
 */
export class SubscriberFleet {
  /** Each delivery's arrival (performance clock) and its latency from publish, ms. */
  readonly arrivedAt: number[] = [];
  readonly latencyMs: number[] = [];
  /** Per proposal id, per kind: events the soak's requests caused (each goes to every subscriber). */
  readonly expected = new Map<string, Map<string, number>>();
  /** Per subscription (proposal id + user), per kind: deliveries. */
  private readonly received = new Map<string, Map<string, number>>();
  private readonly clients: Client[] = [];
  private closing = false;

  constructor(
    private readonly url: string,
    private readonly proposals: SoakProposal[],
    private readonly failures: Failures,
  ) {}

  get connections(): number {
    return this.clients.length;
  }

  /** Opens every connection and subscription; resolves once every one is acknowledged. */
  async connect(): Promise<void> {
    const all = this.proposals.flatMap((proposal) => proposal.subscribers.map((user) => ({ proposal, user })));
    await mapLimit(all, 50, async ({ proposal, user }) => {
      const key = `${proposal.proposalId}/${user.id}`;
      const counts = new Map<string, number>();
      this.received.set(key, counts);
      let acknowledged = false;
      const client = createClient({
        url: `${this.url.replace(/^http/, 'ws')}/graphql`,
        webSocketImpl: WebSocket,
        connectionParams: { token: user.token },
        lazy: false,
        retryAttempts: 0,
        // The web client pings every 12 s, as graphql-ws advises behind proxies.
        keepAlive: 12_000,
        onNonLazyError: (error) => this.failures.add('subscription socket', `${key}: ${describe(error)}`),
        on: {
          connected: () => (acknowledged = true),
          closed: (event) => {
            if (!this.closing) this.failures.add('subscription socket', `${key} closed: ${describe(event)}`);
          },
          error: (error) => this.failures.add('subscription socket', `${key}: ${describe(error)}`),
        },
      });
      this.clients.push(client);
      client.subscribe<{ proposalEvents: EventView }>(
        { query: SUBSCRIPTION, variables: { proposalId: proposal.proposalId } },
        {
          next: (message) => {
            const now = performance.now();
            const wallNow = Date.now();
            const event = message.data?.proposalEvents;
            if (!event) {
              this.failures.add('subscription', `${key}: ${JSON.stringify(message).slice(0, 200)}`);
              return;
            }
            this.arrivedAt.push(now);
            this.latencyMs.push(wallNow - Date.parse(event.at));
            counts.set(event.kind, (counts.get(event.kind) ?? 0) + 1);
          },
          error: (error) => this.failures.add('subscription', `${key}: ${describe(error)}`),
          complete: () => {
            if (!this.closing) this.failures.add('subscription', `${key} completed by the server`);
          },
        },
      );
      await waitFor(() => acknowledged, `connection_ack of ${key}`, 60_000, 5);
    });
  }

  /** The soak caused one event of `kind` on `proposalId` (call after the request's answer). */
  expect(proposalId: string, kind: string): void {
    const kinds = this.expected.get(proposalId) ?? new Map<string, number>();
    this.expected.set(proposalId, kinds);
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  }

  /** Deliveries still missing: per subscription and tracked kind, expected minus received (never below 0). */
  missing(): { total: number; byKind: Record<string, number> } {
    const byKind: Record<string, number> = {};
    let total = 0;
    for (const proposal of this.proposals) {
      const kinds = this.expected.get(proposal.proposalId) ?? new Map<string, number>();
      for (const user of proposal.subscribers) {
        const counts = this.received.get(`${proposal.proposalId}/${user.id}`)!;
        for (const [kind, count] of kinds) {
          const short = Math.max(0, count - (counts.get(kind) ?? 0));
          if (short > 0) {
            byKind[kind] = (byKind[kind] ?? 0) + short;
            total += short;
          }
        }
      }
    }
    return { total, byKind };
  }

  /** Deliveries of tracked kinds beyond what the soak caused (an event sent twice), per kind. */
  extra(): Record<string, number> {
    const byKind: Record<string, number> = {};
    for (const proposal of this.proposals) {
      const kinds = this.expected.get(proposal.proposalId) ?? new Map<string, number>();
      for (const user of proposal.subscribers) {
        const counts = this.received.get(`${proposal.proposalId}/${user.id}`)!;
        for (const [kind, count] of counts) {
          if (!TRACKED_KINDS.has(kind)) continue;
          const over = count - (kinds.get(kind) ?? 0);
          if (over > 0) byKind[kind] = (byKind[kind] ?? 0) + over;
        }
      }
    }
    return byKind;
  }

  /** Sorted latencies of deliveries that arrived within [from, to). */
  window(from: number, to: number): number[] {
    const selected: number[] = [];
    for (let i = 0; i < this.arrivedAt.length; i++)
      if (this.arrivedAt[i]! >= from && this.arrivedAt[i]! < to) selected.push(this.latencyMs[i]!);
    return selected.sort((a, b) => a - b);
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.clients.map((client) => client.dispose()));
  }
}

const describe = (value: unknown): string => {
  if (value instanceof Error) return value.message;
  const { code, reason } = (value ?? {}) as { code?: number; reason?: string };
  if (code !== undefined) return `${code} ${reason ?? ''}`.trim();
  return JSON.stringify(value)?.slice(0, 200) ?? String(value);
};
