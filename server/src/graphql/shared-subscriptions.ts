import {
  createSourceEventStream,
  execute,
  getNamedType,
  isAbstractType,
  subscribe,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import { getMetadataStorage } from 'type-graphql';

/**
 * Root subscription fields whose per-event resolver does not depend on who is watching:
 * it reads what the event is about, never the viewer (who may subscribe is checked when
 * the subscription starts, and what each subscriber may hear is filtered before its event
 * reaches it).
 */
const VIEWER_INDEPENDENT_ROOTS = new Set(['Subscription.proposalEvents']);

/**
 * Field resolvers, below an event, that read only their parent and the batch loaders the
 * event's root resolver shares (never `ctx.viewer`): what the web client selects of an event
 * (client/src/operations/proposals.ts). A shared execution cannot read the viewer anyway
 * (see `withoutViewer`): a resolver changed to read it fails there instead of answering
 * every subscriber as the first.
 */
const VIEWER_INDEPENDENT_FIELDS = new Set([
  'Participant.user',
  'Participant.pending',
  'Participant.proposalId',
  'Participant.invitedEmail',
  'Proposal.archived',
  'CommentThread.proposalId',
  'CommentThread.anchor',
  'CommentThread.comments',
  'CommentThread.startedBy',
  'CommentThread.resolvedBy',
  'Comment.threadId',
  'Comment.author',
  'Comment.mentions',
  'Suggestion.author',
  'Suggestion.decidedBy',
]);

/**
 * The context a shared execution runs with: the first subscriber's, except that reading its
 * viewer throws (the field fails with an error) rather than answering every subscriber as
 * that one viewer.
 */
function withoutViewer(context: unknown): unknown {
  if (typeof context !== 'object' || context === null) return context;
  return new Proxy(context, {
    get(target, property, receiver) {
      if (property === 'viewer') throw new Error('a shared subscription execution read the viewer');
      return Reflect.get(target, property, receiver);
    },
  });
}

/**
 * How long one event's result serves the subscribers of a selection. Delivering an event to
 * every subscriber of an instance takes well under this; a subscriber that reaches the event
 * later (a slow consumer) has it executed afresh rather than served an older result.
 */
const RESULT_TTL_MS = 2_000;

/**
 * The object fields (`Type.field`) type-graphql resolves as a read of the parent's property:
 * declared with `@Field` on a property or getter, with no field resolver, arguments,
 * middleware or roles. Nothing such a field returns depends on who asks.
 */
let plain: Set<string> | undefined;
function plainFields(): Set<string> {
  if (plain) return plain;
  const storage = getMetadataStorage();
  const resolved = (target: object, name: string) =>
    storage.fieldResolvers.some((it) => it.methodName === name && it.getObjectType?.() === target);
  plain = new Set();
  for (const type of storage.objectTypes)
    for (const field of type.fields ?? [])
      if (
        field.target === type.target &&
        !field.params?.length &&
        !field.middlewares?.length &&
        !field.roles?.length &&
        !resolved(field.target, field.name)
      )
        plain.add(`${type.name}.${field.schemaName}`);
  return plain;
}

/**
 * Whether every subscriber with the same selection and variables gets the same result for an
 * event: the root field is one of VIEWER_INDEPENDENT_ROOTS and every other field selected
 * (fragments included) reads a property of its parent (graphql-js's default resolver or a
 * plain type-graphql field: nothing that could read the viewer) or is one of
 * VIEWER_INDEPENDENT_FIELDS, and none is abstract (no type resolution).
 */
export function viewerIndependent(schema: GraphQLSchema, document: DocumentNode): boolean {
  const typeInfo = new TypeInfo(schema);
  const plainField = plainFields();
  let shared = true;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field: (node) => {
        if (!shared) return false;
        if (node.name.value === '__typename') return undefined;
        const parent = typeInfo.getParentType();
        const field = typeInfo.getFieldDef();
        const name = parent && field ? `${parent.name}.${field.name}` : '';
        if (!parent || !field) shared = false;
        else if (parent === schema.getSubscriptionType()) shared = VIEWER_INDEPENDENT_ROOTS.has(name);
        else
          shared =
            (field.resolve === undefined || plainField.has(name) || VIEWER_INDEPENDENT_FIELDS.has(name)) &&
            !isAbstractType(getNamedType(field.type));
        return shared ? undefined : false;
      },
    }),
  );
  return shared;
}

interface SharedResult {
  result: ExecutionResult | Promise<ExecutionResult>;
  at: number;
}

/**
 * Executes subscription events once per distinct selection: subscribers whose documents are
 * registered with the same key (`share`) get, for each event, the one result the first of
 * them to reach the event executed. Each subscriber still has its own subscription: its own
 * subscribe resolver (who may subscribe), its own event stream (what it may hear, when it
 * ends) and its own delivery. Documents not registered are executed per subscriber.
 */
export function createSharedSubscriptions() {
  /** The sharing key of each registered document. */
  const keys = new WeakMap<DocumentNode, string>();
  /** Per event (the payload object every subscriber of this instance receives), per key. */
  const results = new WeakMap<object, Map<string, SharedResult>>();

  const executeShared = (payload: unknown, key: string, args: ExecutionArgs) => {
    if (typeof payload !== 'object' || payload === null) return execute({ ...args, rootValue: payload });
    let byKey = results.get(payload);
    if (!byKey) {
      byKey = new Map();
      results.set(payload, byKey);
    }
    const now = performance.now();
    const cached = byKey.get(key);
    if (cached && now - cached.at < RESULT_TTL_MS) return cached.result;
    const entry: SharedResult = {
      result: execute({ ...args, rootValue: payload, contextValue: withoutViewer(args.contextValue) }),
      at: now,
    };
    byKey.set(key, entry);
    // Later subscribers take the settled result as it is, without waiting on a promise. A
    // result with errors is not kept (as a failed read of the event is not): the next
    // subscriber to reach the event executes it again.
    const settle = (settled: ExecutionResult) => {
      if (!settled.errors) entry.result = settled;
      else if (byKey.get(key) === entry) byKey.delete(key);
    };
    if (entry.result instanceof Promise)
      entry.result.then(settle, () => {
        if (byKey.get(key) === entry) byKey.delete(key);
      });
    else settle(entry.result);
    return entry.result;
  };

  return {
    /** Registers a document: every subscription of it with this key shares each event's result. */
    share(document: DocumentNode, key: string): void {
      keys.set(document, key);
    },

    /** graphql-ws's `subscribe`: graphql-js's, with each event executed once per key. */
    async subscribe(args: ExecutionArgs) {
      const key = keys.get(args.document);
      if (key === undefined) return subscribe(args);
      const source = await createSourceEventStream(args);
      if (!(Symbol.asyncIterator in source)) return source;
      const events = source[Symbol.asyncIterator]();
      // A settled result is handed on in the same turn: no promise of its own per subscriber.
      const map = (
        step: IteratorResult<unknown>,
      ): IteratorResult<ExecutionResult> | Promise<IteratorResult<ExecutionResult>> => {
        if (step.done) return step;
        const result = executeShared(step.value, key, args);
        return result instanceof Promise
          ? result.then((value) => ({ value, done: false }))
          : { value: result, done: false };
      };
      const iterator: AsyncIterableIterator<ExecutionResult> = {
        next: () => events.next().then(map),
        return: async () => {
          await events.return?.();
          return { value: undefined, done: true };
        },
        throw: async (error: unknown) => {
          await events.return?.();
          throw error;
        },
        [Symbol.asyncIterator]: () => iterator,
      };
      return iterator;
    },
  };
}
