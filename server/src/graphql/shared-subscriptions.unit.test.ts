import fs from 'node:fs/promises';
import path from 'node:path';
import { buildSchema, parse, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../config.js';
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

  it("holds for the web client's selection", async () => {
    // The generated document (fragments included) as the web client sends it.
    const generated = await fs.readFile(path.join(REPO_ROOT, 'client/src/gql/graphql.ts'), 'utf8');
    const json = /export const ProposalEventsDocument = (\{.*?\}) as unknown as DocumentNode</.exec(generated)?.[1];
    expect(json).toBeDefined();
    expect(viewerIndependent(schema, JSON.parse(json!) as DocumentNode)).toBe(true);
  });

  it('fails for a field with a resolver of its own, directly or through a fragment', () => {
    expect(viewerIndependent(schema, events('kind version { id canSign }'))).toBe(false);
    expect(viewerIndependent(schema, events('kind version { consentStatement }'))).toBe(false);
    expect(viewerIndependent(schema, events('kind proposal { id myRole }'))).toBe(false);
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
    type Event { at: String! seenBy: String }
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
    // a, b and c share one key; d is not registered (executed for itself); e shares a
    // selection that reads the viewer, which a shared execution refuses.
    const subscribers = [
      { viewer: 'a', query: 'subscription { proposalEvents { at } }', key: 'same' },
      { viewer: 'b', query: 'subscription { proposalEvents { at } }', key: 'same' },
      { viewer: 'c', query: 'subscription { proposalEvents { at } }', key: 'same' },
      { viewer: 'd', query: 'subscription { proposalEvents { at seenBy } }', key: undefined },
      { viewer: 'e', query: 'subscription { proposalEvents { at seenBy } }', key: 'peeking' },
    ].map(({ viewer, query, key }) => {
      const document = parse(query);
      if (key) shared.share(document, key);
      return { viewer, events: source(), document };
    });
    const streams = await Promise.all(
      subscribers.map(({ viewer, events, document }) =>
        shared.subscribe({
          schema,
          document,
          contextValue: { viewer },
          rootValue: { proposalEvents: () => events.iterator },
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
    const deliver = async (event: object) => {
      for (const { events } of subscribers) events.push(event);
      return Promise.all(iterators.map((iterator) => iterator.next()));
    };
    const data = (results: IteratorResult<ExecutionResult>[]) =>
      results.map((result) => (result.done ? 'done' : result.value.data));

    const first = await deliver({ at: '1' });
    expect(executions).toBe(3);
    expect(data(first)).toEqual([
      { proposalEvents: { at: '1' } },
      { proposalEvents: { at: '1' } },
      { proposalEvents: { at: '1' } },
      { proposalEvents: { at: '1', seenBy: 'd' } },
      { proposalEvents: { at: '1', seenBy: null } },
    ]);
    expect((first[4]!.value as ExecutionResult).errors?.map((error) => error.message)).toEqual([
      'a shared subscription execution read the viewer',
    ]);

    await subscribers[1]!.events.end();
    const second = await deliver({ at: '2' });
    expect(data(second)).toEqual([
      { proposalEvents: { at: '2' } },
      'done',
      { proposalEvents: { at: '2' } },
      { proposalEvents: { at: '2', seenBy: 'd' } },
      { proposalEvents: { at: '2', seenBy: null } },
    ]);
    expect(executions).toBe(6);
  });
});
