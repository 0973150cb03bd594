import { useCallback } from 'react';
import { useMutation, useQuery } from 'urql';
import { describeFieldValue, suggestibleField } from '@brieflock/schema';
import { dataOrThrow } from '../api';
import type { SuggestChangeInput, SuggestionFieldsFragment } from '../gql/graphql';
import {
  AcceptSuggestionMutation,
  AcceptSuggestionsMutation,
  OpenSuggestionsQuery,
  RejectSuggestionMutation,
  RejectSuggestionsMutation,
  SuggestChangeMutation,
  WithdrawSuggestionMutation,
} from '../operations/suggestions';

export type Suggestion = SuggestionFieldsFragment;

/** The proposal's open suggestions, kept fresh by the cache (events and mutations invalidate them). */
export function useOpenSuggestions(proposalId: string): { open: Suggestion[]; loaded: boolean } {
  const [result] = useQuery({
    query: OpenSuggestionsQuery,
    variables: { id: proposalId },
    requestPolicy: 'cache-and-network',
  });
  const open = result.data?.proposal?.suggestions ?? [];
  return { open, loaded: result.data?.proposal != null };
}

export interface SuggestionActions {
  suggest(input: Omit<SuggestChangeInput, 'proposalId'>): Promise<void>;
  accept(id: string): Promise<void>;
  reject(id: string): Promise<void>;
  withdraw(id: string): Promise<void>;
  acceptAllBy(authorId: string): Promise<void>;
  rejectAllBy(authorId: string): Promise<void>;
}

/** The suggestion mutations of one proposal; each throws the server's error (see `errorMessage`). */
export function useSuggestionActions(proposalId: string): SuggestionActions {
  const [, suggest] = useMutation(SuggestChangeMutation);
  const [, accept] = useMutation(AcceptSuggestionMutation);
  const [, reject] = useMutation(RejectSuggestionMutation);
  const [, withdraw] = useMutation(WithdrawSuggestionMutation);
  const [, acceptAll] = useMutation(AcceptSuggestionsMutation);
  const [, rejectAll] = useMutation(RejectSuggestionsMutation);
  return {
    suggest: useCallback(
      async (input) => void dataOrThrow(await suggest({ input: { ...input, proposalId } })),
      [suggest, proposalId],
    ),
    accept: useCallback(async (id) => void dataOrThrow(await accept({ id, proposalId })), [accept, proposalId]),
    reject: useCallback(async (id) => void dataOrThrow(await reject({ id, proposalId })), [reject, proposalId]),
    withdraw: useCallback(async (id) => void dataOrThrow(await withdraw({ id, proposalId })), [withdraw, proposalId]),
    acceptAllBy: useCallback(
      async (authorId) => void dataOrThrow(await acceptAll({ proposalId, authorId })),
      [acceptAll, proposalId],
    ),
    rejectAllBy: useCallback(
      async (authorId) => void dataOrThrow(await rejectAll({ proposalId, authorId })),
      [rejectAll, proposalId],
    ),
  };
}

/** The proposed value of a structured suggestion in words ("Shared", "15 Jan 2027" stays ISO). */
export function proposedInWords(suggestion: Suggestion): string {
  const target = suggestibleField(suggestion.section, suggestion.field ?? '');
  if ('problem' in target) return suggestion.proposedValue ?? 'empty';
  const raw = suggestion.proposedValue;
  const value = raw === null ? null : target.field.type === 'integer' ? Number(raw) : raw;
  return describeFieldValue(target.field, value);
}

/** "Finn" from "Finn Freelancer" (the e-mail when there is no name). */
export const firstName = (user: Suggestion['author']): string => user.name.trim().split(/\s+/)[0] || user.email;
