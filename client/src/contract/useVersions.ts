import { useCallback } from 'react';
import { useQuery } from 'urql';
import { errorMessage } from '../api';
import { useKeptData } from '../data/pageState';
import type { VersionSummaryFieldsFragment } from '../gql/graphql';
import { ProposalVersionsQuery } from '../operations/contract';

export type VersionSummary = VersionSummaryFieldsFragment;

export type VersionsState =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | { kind: 'ready'; versions: VersionSummary[] };

/**
 * A proposal's versions, newest first, from the cache: freezes, signatures and live
 * events invalidate them there and the query refetches on its own. The list on screen
 * stays while a refetch runs, and a failed refetch keeps it (stale but true).
 */
export function useVersions(proposalId: string) {
  const [result, reexecute] = useQuery({
    query: ProposalVersionsQuery,
    variables: { id: proposalId },
    requestPolicy: 'cache-and-network',
  });
  const data = useKeptData(result.data, proposalId);
  const versions = data?.proposal?.versions ?? (data && !result.error ? [] : undefined);
  const state: VersionsState = versions
    ? { kind: 'ready', versions }
    : result.fetching || !result.error
      ? { kind: 'loading' }
      : { kind: 'failed', message: errorMessage(result.error) };
  /** Reads the versions from the server again, e.g. after a refusal said the list is stale. */
  const reload = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);
  return { state, reload };
}
