import { useEffect, useRef, useState } from 'react';
import { createClient } from 'graphql-ws';
import { CloseCode } from '@brieflock/schema';
import { EVENT_FIELDS, type ProposalEvent } from './types';

/**
 * Live proposal events over graphql-ws, on the same origin and path as the HTTP API.
 * The browser sends the session cookie with the WebSocket upgrade, which is all the
 * server needs: no token travels in `connectionParams`.
 */

const SUBSCRIPTION = `subscription ProposalEvents($proposalId: ID!) {
  proposalEvents(proposalId: $proposalId) { ${EVENT_FIELDS} }
}`;

export type EventsConnection = 'connecting' | 'connected' | 'reconnecting' | 'ended' | 'failed';

export interface ProposalEventHandlers {
  onEvent: (event: ProposalEvent) => void;
  /** After a reconnect: events may have been missed, so what they update is stale. */
  onResync: () => void;
  onConnection: (state: EventsConnection) => void;
}

export function eventsUrl(): string {
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${window.location.host}/graphql`;
}

/** Refusals that another attempt cannot fix: signed out, no access, removed, no such proposal. */
const REFUSED: ReadonlySet<number> = new Set<number>([
  CloseCode.UNAUTHENTICATED,
  CloseCode.FORBIDDEN,
  CloseCode.NOT_FOUND,
  CloseCode.PARTICIPANT_REMOVED,
]);

const closeCodeOf = (value: unknown): number | null =>
  value && typeof value === 'object' && 'code' in value && typeof (value as { code: unknown }).code === 'number'
    ? (value as { code: number }).code
    : null;

/** Randomised exponential backoff, capped so a long outage is noticed within half a minute. */
function retryWait(retries: number): Promise<void> {
  const ms = Math.min(30_000, 1000 * 2 ** retries) + Math.random() * 1000;
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Opens one graphql-ws client and subscribes to one proposal's events; reconnects (and
 * resubscribes) until the returned function is called or the server refuses for good.
 */
export function subscribeToProposalEvents(proposalId: string, handlers: ProposalEventHandlers): () => void {
  // Stopped by the caller, or the stream ended (a lazy client then closes its socket: no news).
  let stopped = false;
  let finished = false;
  const quiet = () => stopped || finished;
  const client = createClient({
    url: eventsUrl(),
    // Connect with the subscription, not before; close with it.
    lazy: true,
    retryAttempts: Number.POSITIVE_INFINITY,
    retryWait,
    // graphql-ws only retries close events by default; a network error deserves another try too.
    shouldRetry: (errorOrClose) => !REFUSED.has(closeCodeOf(errorOrClose) ?? 0),
    // Pings keep idle proxies from dropping the socket and bring a dead one to light sooner.
    keepAlive: 20_000,
    on: {
      connecting: (isRetry) => {
        if (!quiet()) handlers.onConnection(isRetry ? 'reconnecting' : 'connecting');
      },
      connected: (_socket, _payload, wasRetry) => {
        if (quiet()) return;
        handlers.onConnection('connected');
        if (wasRetry) handlers.onResync();
      },
      closed: () => {
        if (!quiet()) handlers.onConnection('reconnecting');
      },
    },
  });

  const unsubscribe = client.subscribe<{ proposalEvents: ProposalEvent }>(
    { query: SUBSCRIPTION, variables: { proposalId } },
    {
      next: (result) => {
        const event = result.data?.proposalEvents;
        if (!stopped && event) handlers.onEvent(event);
      },
      // Refused for good, or a GraphQL error (e.g. no longer a participant).
      error: () => {
        if (quiet()) return;
        finished = true;
        handlers.onConnection('failed');
      },
      // The server ended the stream, e.g. this person was removed from the proposal.
      complete: () => {
        if (quiet()) return;
        finished = true;
        handlers.onConnection('ended');
      },
    },
  );

  return () => {
    stopped = true;
    unsubscribe();
    void client.dispose();
  };
}

export interface DraftActivity {
  sections: string[];
  actor: ProposalEvent['actor'];
  at: string;
}

export interface ProposalEventsState {
  connection: EventsConnection;
  /** The latest DRAFT_CHANGED, shown quietly rather than as a toast. */
  draft: DraftActivity | null;
}

/**
 * One subscription to a proposal's events for the page that calls it (null: none yet).
 * The handlers may change on every render; the subscription stays.
 */
export function useProposalEvents(
  proposalId: string | null,
  onEvent: (event: ProposalEvent) => void,
  onResync: () => void,
): ProposalEventsState {
  const handlers = useRef({ onEvent, onResync });
  handlers.current = { onEvent, onResync };
  const [connection, setConnection] = useState<EventsConnection>('connecting');
  const [draft, setDraft] = useState<DraftActivity | null>(null);

  useEffect(() => {
    if (!proposalId) return;
    setConnection('connecting');
    setDraft(null);
    return subscribeToProposalEvents(proposalId, {
      onEvent: (event) => {
        if (event.kind === 'DRAFT_CHANGED') setDraft({ sections: event.sections, actor: event.actor, at: event.at });
        handlers.current.onEvent(event);
      },
      onResync: () => handlers.current.onResync(),
      onConnection: setConnection,
    });
  }, [proposalId]);

  return { connection, draft };
}
