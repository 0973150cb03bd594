import { Client, type Exchange, type Operation, type OperationResult, makeResult } from 'urql';
import { filter, map, merge, makeSubject, pipe } from 'wonka';
import { getOperationName } from '@urql/core';
import { graphcache } from './cache';

// For the client's tests only: a data client with the app's own cache in front of a server in memory.

/**
 * A server in memory: answers each query or mutation from `answer`, counts what it was
 * asked, and delivers subscription events when the test pushes them.
 */
export function fakeServer(answer: (operation: Operation) => Record<string, unknown>) {
  const asked: string[] = [];
  const events = makeSubject<Record<string, unknown>>();
  let subscription: Operation | null = null;
  const exchange: Exchange = () => (operations$) =>
    merge([
      pipe(
        operations$,
        filter((operation) => operation.kind === 'query' || operation.kind === 'mutation'),
        map((operation): OperationResult => {
          asked.push(getOperationName(operation.query) ?? '?');
          return makeResult(operation, { data: answer(operation) });
        }),
      ),
      // Subscriptions only register here; their results come from `push`.
      pipe(
        operations$,
        filter((operation) => {
          if (operation.kind === 'subscription') subscription = operation;
          return false;
        }),
        map((operation): OperationResult => makeResult(operation, {})),
      ),
      pipe(
        events.source,
        map((data) =>
          makeResult(subscription!, { data: { proposalEvents: { __typename: 'ProposalEvent', ...data } } }),
        ),
      ),
    ]);
  const client = new Client({ url: '/graphql', exchanges: [graphcache(), exchange] });
  return { client, asked, push: events.next };
}
