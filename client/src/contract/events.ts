import { useEffect, useRef, useState } from 'react';
import { useClient } from 'urql';
import { onEnd, pipe, subscribe } from 'wonka';
import { useDataClient } from '../data/DataProvider';
import type { ProposalEventsSubscription } from '../gql/graphql';
import { ProposalEventsSubscription as ProposalEventsDocument } from '../operations/proposals';

/**
 * Live proposal events through urql's subscription exchange: graphcache's updaters make
 * what an event changed stale (see data/cache.ts), and this hook tells the page about
 * each event (for toasts) and about the connection (for "Live").
 */

export type ProposalEvent = ProposalEventsSubscription['proposalEvents'];

export type EventsConnection = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'ended' | 'failed';

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
 * `onResync` runs after a reconnect: events may have been missed, so refetch what they
 * would have updated. The handlers may change on every render; the subscription stays.
 */
export function useProposalEvents(
  proposalId: string | null,
  onEvent: (event: ProposalEvent) => void,
  onResync: () => void,
): ProposalEventsState {
  const client = useClient();
  const { socket } = useDataClient();
  const handlers = useRef({ onEvent, onResync });
  handlers.current = { onEvent, onResync };
  const [connection, setConnection] = useState<EventsConnection>('connecting');
  const [draft, setDraft] = useState<DraftActivity | null>(null);

  useEffect(() => {
    if (!proposalId) return;
    // Stopped here, or the stream ended (the lazy socket then closes: no news).
    let stopped = false;
    let finished = false;
    const quiet = () => stopped || finished;
    // What the socket last said; shown as it is unless the browser knows it is offline.
    let socketState: EventsConnection = socket.isConnected() ? 'connected' : 'connecting';
    const show = () => setConnection(navigator.onLine ? socketState : 'offline');
    show();
    setDraft(null);
    const stopListening = socket.listen((event) => {
      if (quiet()) return;
      if (event.kind === 'connecting') socketState = event.retry ? 'reconnecting' : 'connecting';
      else if (event.kind === 'closed') socketState = 'reconnecting';
      else {
        socketState = 'connected';
        if (event.retry) handlers.current.onResync();
      }
      show();
    });
    const onNetwork = () => {
      if (!quiet()) show();
    };
    window.addEventListener('online', onNetwork);
    window.addEventListener('offline', onNetwork);
    const subscription = pipe(
      client.subscription(ProposalEventsDocument, { proposalId }),
      onEnd(() => {
        // The server ended the stream, e.g. this person was removed from the proposal.
        if (quiet()) return;
        finished = true;
        setConnection('ended');
      }),
      subscribe((result) => {
        if (quiet()) return;
        // Refused for good, or a GraphQL error (e.g. no longer a participant).
        if (result.error) {
          finished = true;
          setConnection('failed');
          return;
        }
        const event = result.data?.proposalEvents;
        if (!event) return;
        if (event.kind === 'DRAFT_CHANGED') setDraft({ sections: event.sections, actor: event.actor, at: event.at });
        handlers.current.onEvent(event);
      }),
    );
    return () => {
      stopped = true;
      window.removeEventListener('online', onNetwork);
      window.removeEventListener('offline', onNetwork);
      stopListening();
      subscription.unsubscribe();
    };
  }, [proposalId, client, socket]);

  return { connection, draft };
}
