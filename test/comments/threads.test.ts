import { describe, expect, it } from 'vitest';
import { COMMENT_LIMITS } from '@brieflock/schema';
import { useTestApp } from '../support/app.js';
import {
  deleteComment,
  editComment,
  rangeAnchor,
  reply,
  setStatus,
  startThread,
  startThreadOk,
  threadsOf,
} from '../support/comments.js';
import { makeCast, makeUser } from '../support/factories.js';

const t = useTestApp();

describe('starting a thread', () => {
  it('anchors it to a text range, a list item field, a map field or a whole section, and lists them newest first', async () => {
    const cast = await makeCast(t.api);
    const range = rangeAnchor();
    const onText = await startThreadOk(t, cast.client, cast.proposal.id, '  Which churn definition?  ', range);
    expect(onText).toMatchObject({
      proposalId: cast.proposal.id,
      status: 'OPEN',
      resolvedBy: null,
      startedBy: { id: cast.client.id },
      anchor: { section: 'scope', itemId: null, field: null, from: range.from, to: range.to, quote: 'churn model' },
      comments: [{ body: 'Which churn definition?', author: { id: cast.client.id }, editedAt: null, mentions: [] }],
    });
    const onItem = await startThreadOk(t, cast.freelancer, cast.proposal.id, 'Too early?', {
      section: 'milestones',
      itemId: 'm-1',
      field: 'dueDate',
    });
    const onMap = await startThreadOk(t, cast.client, cast.proposal.id, 'Shared?', {
      section: 'ownership',
      field: 'ipOwner',
    });
    const onSection = await startThreadOk(t, cast.freelancer, cast.proposal.id, 'Needs a rewrite.', {
      section: 'validation',
    });
    expect(onItem.anchor).toMatchObject({ section: 'milestones', itemId: 'm-1', field: 'dueDate', from: null });
    expect(onMap.anchor).toMatchObject({ section: 'ownership', itemId: null, field: 'ipOwner' });
    expect(onSection.anchor).toMatchObject({ section: 'validation', itemId: null, field: null });

    const listed = await threadsOf(t, cast.viewer, cast.proposal.id);
    expect(listed.data?.proposal?.threads.map((thread) => thread.id)).toEqual([
      onSection.id,
      onMap.id,
      onItem.id,
      onText.id,
    ]);
  });

  it.each([
    ['an unknown section', { section: 'budget' }, 'anchor.section'],
    ['a range on a list section', { ...rangeAnchor(), section: 'milestones' }, 'anchor.from'],
    ['half a range', { section: 'scope', from: rangeAnchor().from }, 'anchor.to'],
    ['a range that is not base64', { section: 'scope', from: 'not base64!', to: rangeAnchor().to }, 'anchor.from'],
    ['a range too long', { section: 'scope', from: 'A'.repeat(400), to: rangeAnchor().to }, 'anchor.from'],
    ['a field the section lacks', { section: 'ownership', field: 'budget' }, 'anchor.field'],
    ['a list field without its item', { section: 'milestones', field: 'title' }, 'anchor.itemId'],
    ['a field of rich text', { section: 'outcome', field: 'text' }, 'anchor.field'],
    ['a quote too long', { section: 'scope', quote: 'q'.repeat(COMMENT_LIMITS.quoteMaxLength + 1) }, 'anchor.quote'],
  ])('refuses %s with BAD_USER_INPUT naming the part', async (_what, anchor, field) => {
    const cast = await makeCast(t.api);
    const result = await startThread(t, cast.client, cast.proposal.id, 'A comment', anchor);
    expect(result.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.extensions?.field).toBe(field);
    // A sentence for the person; which part it is about is in extensions.field.
    expect(result.errors?.[0]?.message).toMatch(/^[A-Z"“].{9,}[.!?…)"”]$/);
    expect((await threadsOf(t, cast.client, cast.proposal.id)).data?.proposal?.threads).toEqual([]);
  });

  it('refuses an empty body, a body over the limit and a NUL character', async () => {
    const cast = await makeCast(t.api);
    for (const body of ['', '   \n ', 'x'.repeat(COMMENT_LIMITS.bodyMaxLength + 1), 'a\u0000b']) {
      const result = await startThread(t, cast.client, cast.proposal.id, body);
      expect(result.code, JSON.stringify(body.slice(0, 10))).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.extensions?.field).toBe('body');
    }
    const longest = await startThread(t, cast.client, cast.proposal.id, 'x'.repeat(COMMENT_LIMITS.bodyMaxLength));
    expect(longest.errors).toBeUndefined();
  });
});

describe('who may read and write threads', () => {
  it('lets a viewer read threads but refuses every write with FORBIDDEN', async () => {
    const cast = await makeCast(t.api);
    const thread = await startThreadOk(t, cast.client, cast.proposal.id, 'Open question');
    const commentId = thread.comments[0]!.id;
    expect((await threadsOf(t, cast.viewer, cast.proposal.id)).data?.proposal?.threads).toHaveLength(1);
    expect((await startThread(t, cast.viewer, cast.proposal.id, 'Mine')).code).toBe('FORBIDDEN');
    expect((await reply(t, cast.viewer, thread.id, 'Me too')).code).toBe('FORBIDDEN');
    expect((await setStatus(t, cast.viewer, thread.id, 'resolveThread')).code).toBe('FORBIDDEN');
    expect((await editComment(t, cast.viewer, commentId, 'Changed')).code).toBe('FORBIDDEN');
    expect((await deleteComment(t, cast.viewer, commentId)).code).toBe('FORBIDDEN');
    const after = await threadsOf(t, cast.client, cast.proposal.id);
    expect(after.data?.proposal?.threads[0]).toMatchObject({ status: 'OPEN', comments: [{ body: 'Open question' }] });
  });

  it('answers NOT_FOUND to a non-participant for everything, as for ids that do not exist', async () => {
    const cast = await makeCast(t.api);
    const thread = await startThreadOk(t, cast.client, cast.proposal.id, 'Private question');
    const commentId = thread.comments[0]!.id;
    const outsider = cast.outsider;
    const missing = '00000000-0000-4000-8000-000000000000';
    expect((await startThread(t, outsider, cast.proposal.id, 'Hello')).code).toBe('NOT_FOUND');
    expect((await threadsOf(t, outsider, cast.proposal.id)).code).toBe('NOT_FOUND');
    for (const id of [thread.id, missing]) {
      expect((await reply(t, outsider, id, 'Hi')).code).toBe('NOT_FOUND');
      expect((await setStatus(t, outsider, id, 'resolveThread')).code).toBe('NOT_FOUND');
      expect((await setStatus(t, outsider, id, 'reopenThread')).code).toBe('NOT_FOUND');
    }
    for (const id of [commentId, missing]) {
      expect((await editComment(t, outsider, id, 'Hijacked')).code).toBe('NOT_FOUND');
      expect((await deleteComment(t, outsider, id)).code).toBe('NOT_FOUND');
    }
    expect((await reply(t, cast.client, missing, 'Hi')).code).toBe('NOT_FOUND');
    const after = await threadsOf(t, cast.client, cast.proposal.id);
    expect(after.data?.proposal?.threads[0]?.comments.map((comment) => comment.body)).toEqual(['Private question']);
  });

  it('refuses everything without a session with UNAUTHENTICATED', async () => {
    const cast = await makeCast(t.api);
    const result = await t.api.gql('mutation($id: ID!) { resolveThread(threadId: $id) { id } }', {
      id: (await startThreadOk(t, cast.client, cast.proposal.id, 'Q')).id,
    });
    expect(result.code).toBe('UNAUTHENTICATED');
  });
});

describe('replies, edits and deletions', () => {
  it('lets the client and the freelancer reply, and each edit only their own comments', async () => {
    const cast = await makeCast(t.api);
    const thread = await startThreadOk(t, cast.client, cast.proposal.id, 'Which churn definition?');
    const answer = await reply(t, cast.freelancer, thread.id, 'Cancelled within 30 days.');
    expect(answer.data?.replyToThread).toMatchObject({ threadId: thread.id, author: { id: cast.freelancer.id } });
    const replyId = answer.data!.replyToThread.id;

    const refused = await editComment(t, cast.client, replyId, 'Cancelled within 60 days.');
    expect(refused.code).toBe('FORBIDDEN');
    expect((await deleteComment(t, cast.client, replyId)).code).toBe('FORBIDDEN');

    const edited = await editComment(t, cast.freelancer, replyId, 'Cancelled within 45 days.');
    expect(edited.data?.editComment).toMatchObject({ body: 'Cancelled within 45 days.' });
    expect(edited.data?.editComment.editedAt).not.toBeNull();
    expect((await editComment(t, cast.freelancer, replyId, '  ')).code).toBe('BAD_USER_INPUT');

    const [listed] = (await threadsOf(t, cast.viewer, cast.proposal.id)).data!.proposal!.threads;
    expect(listed!.comments.map((comment) => [comment.author.id, comment.body])).toEqual([
      [cast.client.id, 'Which churn definition?'],
      [cast.freelancer.id, 'Cancelled within 45 days.'],
    ]);
  });

  it('deletes one comment, and the thread with its last comment', async () => {
    const cast = await makeCast(t.api);
    const thread = await startThreadOk(t, cast.client, cast.proposal.id, 'First');
    const second = (await reply(t, cast.freelancer, thread.id, 'Second')).data!.replyToThread;
    expect((await deleteComment(t, cast.freelancer, second.id)).data?.deleteComment).toBe(true);
    const [kept] = (await threadsOf(t, cast.client, cast.proposal.id)).data!.proposal!.threads;
    expect(kept!.comments.map((comment) => comment.body)).toEqual(['First']);
    expect((await deleteComment(t, cast.freelancer, second.id)).code).toBe('NOT_FOUND');

    expect((await deleteComment(t, cast.client, thread.comments[0]!.id)).data?.deleteComment).toBe(true);
    expect((await threadsOf(t, cast.client, cast.proposal.id)).data?.proposal?.threads).toEqual([]);
    expect((await reply(t, cast.client, thread.id, 'Anyone?')).code).toBe('NOT_FOUND');
  });
});

describe('resolving and reopening', () => {
  it('resolves and reopens a thread, filters by status, and a reply opens a resolved thread again', async () => {
    const cast = await makeCast(t.api);
    const thread = await startThreadOk(t, cast.client, cast.proposal.id, 'Open question');
    const other = await startThreadOk(t, cast.client, cast.proposal.id, 'Another question');

    const resolved = (await setStatus(t, cast.freelancer, thread.id, 'resolveThread')).data!.resolveThread!;
    expect(resolved).toMatchObject({ status: 'RESOLVED', resolvedBy: { id: cast.freelancer.id } });
    expect(resolved.resolvedAt).not.toBeNull();
    // Resolving again changes nothing and is no error.
    const again = (await setStatus(t, cast.client, thread.id, 'resolveThread')).data!.resolveThread!;
    expect(again).toMatchObject({ status: 'RESOLVED', resolvedBy: { id: cast.freelancer.id } });

    const ids = async (status?: 'OPEN' | 'RESOLVED') =>
      (await threadsOf(t, cast.client, cast.proposal.id, status)).data!.proposal!.threads.map((one) => one.id);
    expect(await ids('RESOLVED')).toEqual([thread.id]);
    expect(await ids('OPEN')).toEqual([other.id]);

    const reopened = (await setStatus(t, cast.client, thread.id, 'reopenThread')).data!.reopenThread!;
    expect(reopened).toMatchObject({ status: 'OPEN', resolvedBy: null, resolvedAt: null });
    expect(await ids('RESOLVED')).toEqual([]);

    await setStatus(t, cast.client, other.id, 'resolveThread');
    await reply(t, cast.freelancer, other.id, 'One more thing.');
    expect(await ids('OPEN')).toEqual([other.id, thread.id]);
  });
});

describe('mentions', () => {
  it('stores the mentioned participants with the comment, and replaces them on edit', async () => {
    const cast = await makeCast(t.api);
    const thread = await startThreadOk(t, cast.client, cast.proposal.id, '@Finn Freelancer can you check?', undefined, [
      cast.freelancer.id,
      cast.freelancer.id,
    ]);
    expect(thread.comments[0]!.mentions).toEqual([{ id: cast.freelancer.id, name: 'Finn Freelancer' }]);
    const answer = await reply(t, cast.freelancer, thread.id, '@Vera Viewer @Cora Client see this', [
      cast.viewer.id,
      cast.client.id,
    ]);
    expect(answer.data?.replyToThread.mentions.map((user) => user.name)).toEqual(['Cora Client', 'Vera Viewer']);
    const edited = await editComment(t, cast.freelancer, answer.data!.replyToThread.id, '@Cora Client see this', [
      cast.client.id,
    ]);
    expect(edited.data?.editComment.mentions.map((user) => user.id)).toEqual([cast.client.id]);
  });

  it('refuses a mention of anyone who is not a participant', async () => {
    const cast = await makeCast(t.api);
    const stranger = await makeUser(t.api);
    for (const mentions of [[cast.outsider.id], [cast.freelancer.id, stranger.id], ['not-an-id']]) {
      const result = await startThread(t, cast.client, cast.proposal.id, 'Hello @someone', undefined, mentions);
      expect(result.code).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.extensions?.field).toBe('mentions');
    }
    const thread = await startThreadOk(t, cast.client, cast.proposal.id, 'Hello');
    expect((await reply(t, cast.freelancer, thread.id, '@Otto', [cast.outsider.id])).code).toBe('BAD_USER_INPUT');
    expect((await threadsOf(t, cast.client, cast.proposal.id)).data?.proposal?.threads).toHaveLength(1);
  });
});
