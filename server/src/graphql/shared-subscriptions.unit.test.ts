import { buildSchema, parse, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAppSchema } from './schema.js';
import { createSharedSubscriptions, viewerIndependent } from './shared-subscriptions.js';

describe('viewerIndependent', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildAppSchema();
  });
  const events = (selection: string) =>
    parse(`subscription($proposalId: ID!) { proposalEvents(proposalId: $proposalId) { ${selection} } }`);

  it("holds for the event's own fields and plain fields of its version and actor", () => {
    expect(
      viewerIndependent(
        schema,
        events('__typename kind proposalId sections at version { id number status } actor { id email name }'),
      ),
    ).toBe(true);
  });

  it('fails for a field with a resolver of its own, directly or through a fragment', () => {
    expect(viewerIndependent(schema, events('kind version { id canSign }'))).toBe(false);
    expect(viewerIndependent(schema, events('kind version { consentStatement }'))).toBe(false);
    expect(viewerIndependent(schema, events('kind participant { id role user { id } }'))).toBe(false);
    const viaFragment = parse(`subscription($proposalId: ID!) { proposalEvents(proposalId: $proposalId) {
      kind version { ...V } } } fragment V on ContractVersion { id canSign }`);
    expect(viewerIndependent(schema, viaFragment)).toBe(false);
  });

  it('fails for a subscription that is not known to read nothing of the viewer', () => {
    expect(viewerIndependent(schema, parse('subscription { myNotifications { id } }'))).toBe(false);
  });
});

describe('createSharedSubscriptions', () => {
  const schema = buildSchema(`
    type Event { at: String! seenBy: String! }
    type Query { ok: Boolean }
    type Subscription { proposalEvents: Event! }
  `);

  /** A source of events one subscriber listens to; `end` ends it as a lost access would. */
  function source() {
    const waiting: ((step: IteratorResult<object>) => void)[] = [];
    const pending: object[] = [];
    let ended = false;
    const iterator: AsyncIterableIterator<object> = {
      next: () =>
        pending.length > 0
          ? Promise.resolve({ value: pending.shift()!, done: false })
          : ended
            ? Promise.resolve({ value: undefined, done: true })
            : new Promise((resolve) => waiting.push(resolve)),
      return: () => {
        ended = true;
        for (const resolve of waiting.splice(0)) resolve({ value: undefined, done: true });
        return Promise.resolve({ value: undefined, done: true });
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return {
      iterator,
      push(event: object) {
        if (ended) return;
        const resolve = waiting.shift();
        if (resolve) resolve({ value: event, done: false });
        else pending.push(event);
      },
      end: () => iterator.return!(),
    };
  }

  it('executes each event once per key, and a subscriber whose stream ended gets no more', async () => {
    let executions = 0;
    const shared = createSharedSubscriptions();
    const subscribers = ['a', 'b', 'c', 'd'].map((viewer, index) => {
      const events = source();
      const document = parse('subscription { proposalEvents { at seenBy } }');
      // a, b and c share one key; d's selection is executed for it alone.
      shared.share(document, index < 3 ? 'same' : 'other');
      return { viewer, events, document };
    });
    const streams = await Promise.all(
      subscribers.map(({ viewer, events, document }) =>
        shared.subscribe({
          schema,
          document,
          contextValue: { viewer },
          rootValue: {
            proposalEvents: () => events.iterator,
          },
          fieldResolver: (root, _args, context: { viewer: string }, info) => {
            if (info.fieldName === 'proposalEvents') {
              if (info.parentType.name === 'Subscription') executions++;
              return root;
            }
            if (info.fieldName === 'seenBy') return context.viewer;
            return (root as Record<string, unknown>)[info.fieldName];
          },
        }),
      ),
    );
    const iterators = streams.map((stream) =>
      (stream as AsyncIterableIterator<ExecutionResult>)[Symbol.asyncIterator](),
    );

    const first = { at: '1' };
    for (const { events } of subscribers) events.push(first);
    const results = await Promise.all(iterators.map((iterator) => iterator.next()));
    expect(executions).toBe(2);
    // The shared result is the first executor's: the shared selection must not read the viewer.
    expect(results.map((result) => (result.value as ExecutionResult).data)).toEqual([
      { proposalEvents: { at: '1', seenBy: 'a' } },
      { proposalEvents: { at: '1', seenBy: 'a' } },
      { proposalEvents: { at: '1', seenBy: 'a' } },
      { proposalEvents: { at: '1', seenBy: 'd' } },
    ]);

    await subscribers[1]!.events.end();
    const second = { at: '2' };
    for (const { events } of subscribers) events.push(second);
    const next = await Promise.all(iterators.map((iterator) => iterator.next()));
    expect(next[1]).toEqual({ value: undefined, done: true });
    expect(next.filter((result) => !result.done).map((result) => (result.value as ExecutionResult).data)).toEqual([
      { proposalEvents: { at: '2', seenBy: 'a' } },
      { proposalEvents: { at: '2', seenBy: 'a' } },
      { proposalEvents: { at: '2', seenBy: 'd' } },
    ]);
    expect(executions).toBe(4);
  });
});
