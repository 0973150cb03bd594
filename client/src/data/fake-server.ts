import { Client, type Exchange, type Operation, type OperationResult, makeResult } from 'urql';
import { filter, map, merge, makeSubject, pipe } from 'wonka';
import { getOperationName } from '@urql/core';
import { graphcache } from './cache';

// For the client's tests only: a data client with the app's own cache in front of a server in memory.

function rootFieldOf(operation: Operation): string {
  for (const definition of operation.query.definitions)
    if (definition.kind === 'OperationDefinition')
      for (const selection of definition.selectionSet.selections)
        if (selection.kind === 'Field') return selection.name.value;
  return '?';
}

/** An answer that refuses the operation, as the server's GraphQL errors. */
export interface Refusal {
  errors: { message: string; extensions: Record<string, unknown> }[];
}

/** A refusal with one coded error, e.g. `refused('BAD_USER_INPUT', 'Must be an https:// URL', { field: 'url' })`. */
export const refused = (code: string, message: string, extensions: Record<string, unknown> = {}): Refusal => ({
  errors: [{ message, extensions: { code, ...extensions } }],
});

const isRefusal = (value: Record<string, unknown> | Refusal): value is Refusal =>
  Array.isArray((value as Refusal).errors);

/**
 * A server in memory: answers each query or mutation from `answer` (data, or a
 * `Refusal`), counts what it was asked, and delivers subscription events when the test
 * pushes them.
 */
export function fakeServer(answer: (operation: Operation) => Record<string, unknown> | Refusal) {
  const asked: string[] = [];
  const events = makeSubject<{ field: string; data: unknown }>();
  // The live subscriptions by their root field (proposalEvents, myNotifications).
  const subscriptions = new Map<string, Operation>();
  const exchange: Exchange = () => (operations$) =>
    merge([
      pipe(
        operations$,
        filter((operation) => operation.kind === 'query' || operation.kind === 'mutation'),
        map((operation): OperationResult => {
          asked.push(getOperationName(operation.query) ?? '?');
          const answered = answer(operation);
          return isRefusal(answered)
            ? makeResult(operation, { data: null, errors: answered.errors })
            : makeResult(operation, { data: answered });
        }),
      ),
      // Subscriptions only register here; their results come from `push`.
      pipe(
        operations$,
        filter((operation) => {
          if (operation.kind === 'subscription') subscriptions.set(rootFieldOf(operation), operation);
          return false;
        }),
        map((operation): OperationResult => makeResult(operation, {})),
      ),
      pipe(
        events.source,
        map(({ field, data }) => makeResult(subscriptions.get(field)!, { data: { [field]: data } })),
      ),
    ]);
  const client = new Client({ url: '/graphql', exchanges: [graphcache(), exchange] });
  return {
    client,
    asked,
    /** A proposal event to the proposalEvents subscription. */
    push: (data: Record<string, unknown>) =>
      events.next({ field: 'proposalEvents', data: { __typename: 'ProposalEvent', ...data } }),
    /** A new notification to the myNotifications subscription. */
    notify: (data: Record<string, unknown>) =>
      events.next({ field: 'myNotifications', data: { __typename: 'Notification', ...data } }),
  };
}
