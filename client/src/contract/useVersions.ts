import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage, gql, isAbortError } from '../api';
import { VERSION_SUMMARY_FIELDS, type VersionSummary } from './types';

const VERSIONS_QUERY = `query ProposalVersions($id: ID!) {
  proposal(id: $id) { id versions { ${VERSION_SUMMARY_FIELDS} } }
}`;

export type VersionsState =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | { kind: 'ready'; versions: VersionSummary[] };

/**
 * A proposal's versions, newest first. Fetched again whenever `revision` changes (an
 * event said they changed) or `reload` is called; the list on screen stays while a
 * refetch runs, and an answer that arrives after a newer request started is dropped.
 */
export function useVersions(proposalId: string, revision: number) {
  const [state, setState] = useState<VersionsState>({ kind: 'loading' });
  const [ownRevision, setOwnRevision] = useState(0);
  const latestRequest = useRef(0);

  useEffect(() => {
    const controller = new AbortController();
    const request = ++latestRequest.current;
    gql<{ proposal: { versions: VersionSummary[] } | null }>(VERSIONS_QUERY, { id: proposalId }, controller.signal)
      .then(({ proposal }) => {
        if (request !== latestRequest.current) return;
        setState({ kind: 'ready', versions: proposal?.versions ?? [] });
      })
      .catch((error: unknown) => {
        if (isAbortError(error) || request !== latestRequest.current) return;
        // A failed refetch keeps the list it had: stale but true, and the next event retries.
        setState((current) => (current.kind === 'ready' ? current : { kind: 'failed', message: errorMessage(error) }));
      });
    return () => controller.abort();
  }, [proposalId, revision, ownRevision]);

  const reload = useCallback(() => setOwnRevision((n) => n + 1), []);
  return { state, reload };
}
