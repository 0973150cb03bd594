import type { TestApp } from './app.js';
import type { Connection } from './subscriptions.js';
import { waitFor } from './wait.js';
import type { TestUser } from './factories.js';
import type { GraphQLResult } from './graphql.js';

export const SUGGESTION_FIELDS =
  'id proposalId kind section itemId field status summary createdAt currentValue proposedValue author { id name } decidedBy { id } decidedAt';

export interface SuggestionView {
  id: string;
  proposalId: string;
  kind: 'FIELD' | 'TEXT';
  section: string;
  itemId: string | null;
  field: string | null;
  status: 'OPEN' | 'ACCEPTED' | 'REJECTED' | 'WITHDRAWN';
  summary: string;
  createdAt: string;
  currentValue: string | null;
  proposedValue: string | null;
  author: { id: string; name: string };
  decidedBy: { id: string } | null;
  decidedAt: string | null;
}

export interface SuggestInput {
  proposalId: string;
  section: string;
  itemId?: string | null;
  field: string;
  value: string | null;
}

/** suggestChange as `user`. */
export function suggest(
  t: TestApp,
  user: TestUser,
  input: SuggestInput,
): Promise<GraphQLResult<{ suggestChange: SuggestionView }>> {
  return t.api.gql(
    `mutation($input: SuggestChangeInput!) { suggestChange(input: $input) { ${SUGGESTION_FIELDS} } }`,
    { input },
    { token: user.token },
  );
}

/** suggestChange that must succeed. */
export async function suggestOk(t: TestApp, user: TestUser, input: SuggestInput): Promise<SuggestionView> {
  const result = await suggest(t, user, input);
  if (!result.data?.suggestChange) throw new Error(`suggestChange failed: ${JSON.stringify(result.errors)}`);
  return result.data.suggestChange;
}

type Verb = 'acceptSuggestion' | 'rejectSuggestion' | 'withdrawSuggestion';

/** accept/reject/withdraw as `user`; the result's data is keyed `decided`. */
export function decide(
  t: TestApp,
  user: TestUser,
  verb: Verb,
  id: string,
  proposalId?: string,
): Promise<GraphQLResult<{ decided: SuggestionView }>> {
  return t.api.gql(
    `mutation($id: ID!, $proposalId: ID) { decided: ${verb}(id: $id, proposalId: $proposalId) { ${SUGGESTION_FIELDS} } }`,
    { id, proposalId: proposalId ?? null },
    { token: user.token },
  );
}

/** acceptSuggestions / rejectSuggestions of one author as `user`. */
export function decideAllBy(
  t: TestApp,
  user: TestUser,
  verb: 'acceptSuggestions' | 'rejectSuggestions',
  proposalId: string,
  authorId: string,
): Promise<GraphQLResult<{ decided: SuggestionView[] }>> {
  return t.api.gql(
    `mutation($proposalId: ID!, $authorId: ID!) { decided: ${verb}(proposalId: $proposalId, authorId: $authorId) { ${SUGGESTION_FIELDS} } }`,
    { proposalId, authorId },
    { token: user.token },
  );
}

/** Proposal.suggestions as `user`. */
export async function suggestionsOf(
  t: TestApp,
  user: TestUser,
  proposalId: string,
  status: string | null = null,
): Promise<SuggestionView[]> {
  const result = await t.api.gql<{ proposal: { suggestions: SuggestionView[] } }>(
    `query($id: ID!, $status: SuggestionStatus) { proposal(id: $id) { suggestions(status: $status) { ${SUGGESTION_FIELDS} } } }`,
    { id: proposalId, status },
    { token: user.token },
  );
  if (!result.data?.proposal) throw new Error(`suggestions failed: ${JSON.stringify(result.errors)}`);
  return result.data.proposal.suggestions;
}

/** A suggestion event as the tests select it. */
export interface SuggestionEventView {
  kind: string;
  actor: { id: string } | null;
  suggestion: SuggestionView | null;
}

/**
 * Subscribes on `connection` to a proposal's events with their suggestion, waits until the
 * server holds the subscription, and returns a reader of the SUGGESTION_* events so far.
 */
export async function watchSuggestionEvents(
  t: TestApp,
  connection: Connection,
  proposalId: string,
): Promise<() => SuggestionEventView[]> {
  const before = t.app.events.subscriberCount;
  const sub = connection.subscribe<{ proposalEvents: SuggestionEventView }>(
    `subscription($proposalId: ID!) { proposalEvents(proposalId: $proposalId) { kind actor { id } suggestion { ${SUGGESTION_FIELDS} } } }`,
    { proposalId },
  );
  await waitFor(() => t.app.events.subscriberCount > before, { what: 'the subscription to be live' });
  return () => {
    if (sub.errors.length > 0) throw new Error(`subscription errors: ${JSON.stringify(sub.errors)}`);
    return sub.results
      .flatMap((r) => (r.data?.proposalEvents ? [r.data.proposalEvents] : []))
      .filter((e) => e.kind.startsWith('SUGGESTION'));
  };
}
