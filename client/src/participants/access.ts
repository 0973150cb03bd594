import { useEffect, useState } from 'react';
import { useClient } from 'urql';
import { eraseDeviceCopy } from '../collab/device-copies';
import type { EventsConnection } from '../contract/events';
import { ProposalAccessQuery } from '../operations/proposals';

/**
 * Whether the signed-in person lost access to a proposal while its page was open: told
 * by their own PARTICIPANT_REMOVED (`removed`), or, when the event stream ended or
 * failed (removal ends it; the event may have been missed on another instance), by
 * asking the server again. Once lost, whatever this device kept of the brief is erased.
 */
export function useAccessLost(proposalId: string, userId: string, removed: boolean, connection: EventsConnection) {
  const client = useClient();
  const [lost, setLost] = useState(false);
  useEffect(() => {
    if (removed) setLost(true);
  }, [removed]);
  useEffect(() => {
    if (connection !== 'ended' && connection !== 'failed') return;
    let current = true;
    void client
      .query(ProposalAccessQuery, { id: proposalId }, { requestPolicy: 'network-only' })
      .toPromise()
      .then((result) => {
        // No answer at all proves nothing; a NOT_FOUND or a null proposal does.
        const answered = result.data !== undefined || (result.error?.graphQLErrors.length ?? 0) > 0;
        if (current && answered && !result.data?.proposal) setLost(true);
      });
    return () => {
      current = false;
    };
  }, [client, proposalId, connection]);
  useEffect(() => {
    if (lost) void eraseDeviceCopy(proposalId, userId);
  }, [lost, proposalId, userId]);
  return lost;
}
