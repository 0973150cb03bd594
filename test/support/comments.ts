import * as Y from 'yjs';
import { encodeAnchorPosition } from '@brieflock/schema';
import type { TestApp } from './app.js';
import type { TestUser } from './factories.js';
import type { GraphQLResult } from './graphql.js';
import type { Connection, Sub } from './subscriptions.js';
import { waitFor } from './wait.js';

/** What the tests select of a CommentThread. */
export const THREAD_FIELDS =
  'id proposalId status createdAt lastActivityAt resolvedAt resolvedBy { id } startedBy { id } anchor { section itemId field from to quote } comments { id threadId body createdAt editedAt author { id name } mentions { id name } }';

export interface CommentView {
  id: string;
  threadId: string;
  body: string;
  createdAt: string;
  editedAt: string | null;
  author: { id: string; name: string };
  mentions: { id: string; name: string }[];
}

export interface ThreadView {
  id: string;
  proposalId: string;
  status: 'OPEN' | 'RESOLVED';
  createdAt: string;
  lastActivityAt: string;
  resolvedAt: string | null;
  resolvedBy: { id: string } | null;
  startedBy: { id: string };
  anchor: {
    section: string;
    itemId: string | null;
    field: string | null;
    from: string | null;
    to: string | null;
    quote: string | null;
  };
  comments: CommentView[];
}

export interface AnchorInputView {
  section: string;
  itemId?: string | null;
  field?: string | null;
  from?: string | null;
  to?: string | null;
  quote?: string | null;
}

/** A text-range anchor on a standalone document's `scope` paragraph (valid relative positions). */
export function rangeAnchor(text = 'Build a churn model for the subscription business.', phrase = 'churn model') {
  const doc = new Y.Doc();
  const paragraph = new Y.XmlElement('paragraph');
  const ytext = new Y.XmlText(text);
  paragraph.insert(0, [ytext]);
  doc.getXmlFragment('scope').insert(0, [paragraph]);
  const start = text.indexOf(phrase);
  return {
    section: 'scope',
    from: encodeAnchorPosition(Y.createRelativePositionFromTypeIndex(ytext, start)),
    to: encodeAnchorPosition(Y.createRelativePositionFromTypeIndex(ytext, start + phrase.length, -1)),
    quote: phrase,
  };
}

export function startThread(
  t: TestApp,
  user: TestUser,
  proposalId: string,
  body: string,
  anchor: AnchorInputView = { section: 'outcome' },
  mentions?: string[],
): Promise<GraphQLResult<{ startThread: ThreadView }>> {
  return t.api.gql(
    `mutation($input: StartThreadInput!) { startThread(input: $input) { ${THREAD_FIELDS} } }`,
    { input: { proposalId, anchor, body, mentions } },
    { token: user.token },
  );
}

/** startThread that must succeed. */
export async function startThreadOk(
  t: TestApp,
  user: TestUser,
  proposalId: string,
  body: string,
  anchor?: AnchorInputView,
  mentions?: string[],
): Promise<ThreadView> {
  const result = await startThread(t, user, proposalId, body, anchor, mentions);
  if (!result.data?.startThread) throw new Error(`startThread failed: ${JSON.stringify(result.errors)}`);
  return result.data.startThread;
}

const COMMENT_FIELDS = 'id threadId body createdAt editedAt author { id name } mentions { id name }';

export function reply(
  t: TestApp,
  user: TestUser,
  threadId: string,
  body: string,
  mentions?: string[],
): Promise<GraphQLResult<{ replyToThread: CommentView }>> {
  return t.api.gql(
    `mutation($input: ReplyInput!) { replyToThread(input: $input) { ${COMMENT_FIELDS} } }`,
    { input: { threadId, body, mentions } },
    { token: user.token },
  );
}

export function editComment(
  t: TestApp,
  user: TestUser,
  commentId: string,
  body: string,
  mentions?: string[],
): Promise<GraphQLResult<{ editComment: CommentView }>> {
  return t.api.gql(
    `mutation($input: EditCommentInput!) { editComment(input: $input) { ${COMMENT_FIELDS} } }`,
    { input: { commentId, body, mentions } },
    { token: user.token },
  );
}

export function deleteComment(
  t: TestApp,
  user: TestUser,
  commentId: string,
): Promise<GraphQLResult<{ deleteComment: boolean }>> {
  return t.api.gql('mutation($id: ID!) { deleteComment(commentId: $id) }', { id: commentId }, { token: user.token });
}

export function setStatus(
  t: TestApp,
  user: TestUser,
  threadId: string,
  verb: 'resolveThread' | 'reopenThread',
): Promise<GraphQLResult<Record<string, ThreadView>>> {
  return t.api.gql(
    `mutation($id: ID!) { ${verb}(threadId: $id) { ${THREAD_FIELDS} } }`,
    { id: threadId },
    { token: user.token },
  );
}

/** Proposal.threads as `user`, optionally by status. */
export function threadsOf(
  t: TestApp,
  user: TestUser,
  proposalId: string,
  status?: 'OPEN' | 'RESOLVED',
): Promise<GraphQLResult<{ proposal: { threads: ThreadView[] } | null }>> {
  return t.api.gql(
    `query($id: ID!, $status: ThreadStatus) { proposal(id: $id) { threads(status: $status) { ${THREAD_FIELDS} } } }`,
    { id: proposalId, status },
    { token: user.token },
  );
}

export interface ThreadEvent {
  kind: string;
  proposalId: string;
  actor: { id: string } | null;
  thread: { id: string; status: string; comments: { id: string; body: string; author: { id: string } }[] } | null;
}

export const THREAD_EVENTS = `subscription($proposalId: ID!) { proposalEvents(proposalId: $proposalId) {
  kind proposalId actor { id } thread { id status comments { id body author { id } } } } }`;

/** A subscription to a proposal's events with their threads, live on the server once this resolves. */
export async function watchThreads(
  app: TestApp,
  connection: Connection,
  proposalId: string,
): Promise<Sub<{ proposalEvents: ThreadEvent }>> {
  const before = app.app.events.subscriberCount;
  const sub = connection.subscribe<{ proposalEvents: ThreadEvent }>(THREAD_EVENTS, { proposalId });
  await waitFor(() => app.app.events.subscriberCount > before || sub.errors.length > 0, {
    what: 'the subscription to be live',
  });
  if (sub.errors.length > 0) throw new Error(JSON.stringify(sub.errors));
  return sub;
}

export const threadEvents = (sub: Sub<{ proposalEvents: ThreadEvent }>) =>
  sub.results.flatMap((result) => (result.data?.proposalEvents ? [result.data.proposalEvents] : []));

/** Waits for the `count`-th event and returns them all. */
export const eventsUpTo = (sub: Sub<{ proposalEvents: ThreadEvent }>, count: number) =>
  waitFor(() => (threadEvents(sub).length >= count ? threadEvents(sub) : undefined), {
    what: `${count} thread events (have ${threadEvents(sub)
      .map((event) => event.kind)
      .join(', ')})`,
  });
