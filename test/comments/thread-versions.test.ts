import { describe, expect, it } from 'vitest';
import { useTestApp } from '../support/app.js';
import { appendParagraph } from '../support/collab-checks.js';
import { editLiveBrief, freezeOk, readyCast } from '../support/contract.js';
import {
  deleteComment,
  editComment,
  rangeAnchor,
  reply,
  setStatus,
  startThreadOk,
  THREAD_FIELDS,
  threadsOf,
  type ThreadView,
} from '../support/comments.js';
import type { TestUser } from '../support/factories.js';

const t = useTestApp();

interface CheckView {
  key: string;
  severity: string;
  passed: boolean;
  message: string;
}

async function readiness(user: TestUser, proposalId: string) {
  const result = await t.api.gql<{
    proposal: { readiness: { ready: boolean; score: number; checks: CheckView[] } };
  }>(
    'query($id: ID!) { proposal(id: $id) { readiness { ready score checks { key severity passed message } } } }',
    {
      id: proposalId,
    },
    { token: user.token },
  );
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  const { checks, ...rest } = result.data.proposal.readiness;
  return { ...rest, comments: checks.find((check) => check.key === 'comments-resolved') };
}

async function versionThreads(user: TestUser, versionId: string) {
  const result = await t.api.gql<{
    contractVersion: { threads: ThreadView[]; contentJson: unknown; contentHash: string };
  }>(
    `query($id: ID!) { contractVersion(id: $id) { contentJson contentHash threads { ${THREAD_FIELDS} } } }`,
    { id: versionId },
    { token: user.token },
  );
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return result.data.contractVersion;
}

async function replyOk(user: TestUser, threadId: string, body: string, mentions?: string[]) {
  const result = await reply(t, user, threadId, body, mentions);
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return result.data.replyToThread;
}

/** One thread of the live proposal, as it is now. */
async function liveThread(user: TestUser, proposalId: string, threadId: string) {
  const result = await threadsOf(t, user, proposalId);
  const thread = result.data?.proposal?.threads.find((candidate) => candidate.id === threadId);
  if (!thread) throw new Error(`thread ${threadId} not found: ${JSON.stringify(result.errors)}`);
  return thread;
}

describe('the comments-resolved readiness check', () => {
  it('warns while a thread is open, telling the parties to resolve it, and passes once none is', async () => {
    const cast = await readyCast(t);
    const before = await readiness(cast.client, cast.proposal.id);
    expect(before.comments).toMatchObject({ severity: 'WARNING', passed: true });
    expect(before.score).toBe(100);

    const first = await startThreadOk(t, cast.client, cast.proposal.id, 'Is 30 days right?', rangeAnchor());
    const second = await startThreadOk(t, cast.freelancer, cast.proposal.id, 'Shared IP?', {
      section: 'ownership',
      field: 'ipOwner',
    });
    const open = await readiness(cast.viewer, cast.proposal.id);
    expect(open.comments).toMatchObject({ severity: 'WARNING', passed: false });
    expect(open.comments!.message).toMatch(/^2 comment threads are still open: .*resolve them/);
    // A warning: the brief can still be frozen.
    expect(open.ready).toBe(true);
    expect(open.score).toBeLessThan(100);

    await setStatus(t, cast.freelancer, first.id, 'resolveThread');
    expect((await readiness(cast.client, cast.proposal.id)).comments!.message).toMatch(
      /^1 comment thread is still open/,
    );
    await setStatus(t, cast.client, second.id, 'resolveThread');
    expect((await readiness(cast.client, cast.proposal.id)).comments).toMatchObject({ passed: true });
    await reply(t, cast.client, second.id, 'Actually, one more point.');
    expect((await readiness(cast.client, cast.proposal.id)).comments).toMatchObject({ passed: false });
  });
});

describe('threads and versions', () => {
  it('a version shows the threads open when it was frozen, and never holds them in its content', async () => {
    const cast = await readyCast(t);
    const resolvedBefore = await startThreadOk(t, cast.client, cast.proposal.id, 'Settled before v1');
    await setStatus(t, cast.client, resolvedBefore.id, 'resolveThread');
    const openAtV1 = await startThreadOk(t, cast.freelancer, cast.proposal.id, 'Unique-body-7f3a still open', {
      ...rangeAnchor(),
      quote: 'Unique-quote-19c2',
    });

    const v1 = await freezeOk(t, cast.client, cast.proposal.id);
    expect(JSON.stringify(v1.contentJson)).not.toMatch(/Unique-body-7f3a|Unique-quote-19c2|Settled before v1/);
    const afterV1 = await startThreadOk(t, cast.client, cast.proposal.id, 'Started after v1');

    const seenV1 = await versionThreads(cast.viewer, v1.id);
    expect(seenV1.threads.map((thread) => thread.id)).toEqual([openAtV1.id]);
    expect(seenV1.threads[0]).toEqual(openAtV1);
    expect(seenV1.contentJson).toEqual(v1.contentJson);
    expect(seenV1.contentHash).toBe(v1.contentHash);

    await editLiveBrief(t, cast.client, cast.proposal.id, (doc) => appendParagraph(doc, 'Also flag downgrades.'));
    const v2 = await freezeOk(t, cast.client, cast.proposal.id);
    expect((await versionThreads(cast.client, v2.id)).threads.map((thread) => thread.id)).toEqual([
      afterV1.id,
      openAtV1.id,
    ]);
    expect((await versionThreads(cast.client, v1.id)).threads.map((thread) => thread.id)).toEqual([openAtV1.id]);
  });

  it('a reply written after the freeze is not in that version, but is in the thread', async () => {
    const cast = await readyCast(t);
    const thread = await startThreadOk(t, cast.client, cast.proposal.id, 'Which churn window?');
    const before = await replyOk(cast.freelancer, thread.id, 'Ninety days.', [cast.client.id]);
    const v1 = await freezeOk(t, cast.client, cast.proposal.id);
    await replyOk(cast.client, thread.id, 'Written after v1');

    const [kept] = (await versionThreads(cast.viewer, v1.id)).threads;
    expect(kept!.comments.map((comment) => comment.body)).toEqual(['Which churn window?', 'Ninety days.']);
    expect(kept!.comments[1]).toEqual(before);
    expect(kept!.lastActivityAt).toBe(before.createdAt);
    expect((await liveThread(cast.viewer, cast.proposal.id, thread.id)).comments.map((c) => c.body)).toEqual([
      'Which churn window?',
      'Ninety days.',
      'Written after v1',
    ]);
  });

  it('a comment edited after the freeze shows its old text and mentions in that version', async () => {
    const cast = await readyCast(t);
    const thread = await startThreadOk(t, cast.client, cast.proposal.id, 'Unique-old-5b1e', undefined, [
      cast.freelancer.id,
    ]);
    const v1 = await freezeOk(t, cast.client, cast.proposal.id);
    const edited = await editComment(t, cast.client, thread.comments[0]!.id, 'Unique-new-8d40', [cast.viewer.id]);
    expect(edited.data?.editComment.body).toBe('Unique-new-8d40');

    const [kept] = (await versionThreads(cast.viewer, v1.id)).threads;
    expect(kept!.comments).toEqual(thread.comments);
    expect(kept!.comments[0]).toMatchObject({
      body: 'Unique-old-5b1e',
      editedAt: null,
      mentions: [{ id: cast.freelancer.id }],
    });
    expect((await liveThread(cast.viewer, cast.proposal.id, thread.id)).comments[0]).toMatchObject({
      body: 'Unique-new-8d40',
      mentions: [{ id: cast.viewer.id }],
    });
  });

  it('a thread resolved after the freeze shows as open in that version', async () => {
    const cast = await readyCast(t);
    const thread = await startThreadOk(t, cast.client, cast.proposal.id, 'Is 30 days right?');
    const v1 = await freezeOk(t, cast.client, cast.proposal.id);
    await setStatus(t, cast.freelancer, thread.id, 'resolveThread');
    expect((await liveThread(cast.viewer, cast.proposal.id, thread.id)).status).toBe('RESOLVED');

    const [kept] = (await versionThreads(cast.viewer, v1.id)).threads;
    expect(kept).toMatchObject({ id: thread.id, status: 'OPEN', resolvedBy: null, resolvedAt: null });
    expect(kept!.lastActivityAt).toBe(thread.lastActivityAt);
  });

  it('a comment, or a whole thread, deleted after the freeze still shows in that version as it was', async () => {
    const cast = await readyCast(t);
    const kept = await startThreadOk(t, cast.client, cast.proposal.id, 'Keep this one');
    const reply = await replyOk(cast.freelancer, kept.id, 'Unique-deleted-reply-2c77');
    const gone = await startThreadOk(t, cast.freelancer, cast.proposal.id, 'Unique-deleted-thread-a913', {
      section: 'ownership',
      field: 'ipOwner',
    });
    const v1 = await freezeOk(t, cast.client, cast.proposal.id);
    expect((await deleteComment(t, cast.freelancer, reply.id)).data?.deleteComment).toBe(true);
    expect((await deleteComment(t, cast.freelancer, gone.comments[0]!.id)).data?.deleteComment).toBe(true);
    const live = await threadsOf(t, cast.viewer, cast.proposal.id);
    expect(live.data?.proposal?.threads.map((thread) => thread.id)).toEqual([kept.id]);

    const seen = (await versionThreads(cast.viewer, v1.id)).threads;
    expect(seen.map((thread) => thread.id)).toEqual([gone.id, kept.id]);
    expect(seen[0]).toEqual(gone);
    expect(seen[1]!.comments.map((comment) => comment.body)).toEqual(['Keep this one', 'Unique-deleted-reply-2c77']);
  });

  it('a version frozen later shows the threads as they were at its own freeze, and the earlier one keeps its own', async () => {
    const cast = await readyCast(t);
    const ongoing = await startThreadOk(t, cast.client, cast.proposal.id, 'Unique-v1-text-41f0');
    const settled = await startThreadOk(t, cast.freelancer, cast.proposal.id, 'Settled between v1 and v2');
    const v1 = await freezeOk(t, cast.client, cast.proposal.id);

    const answer = await replyOk(cast.freelancer, ongoing.id, 'Answered before v2');
    await editComment(t, cast.client, ongoing.comments[0]!.id, 'Unique-v2-text-9e2b');
    await setStatus(t, cast.client, settled.id, 'resolveThread');
    await editLiveBrief(t, cast.client, cast.proposal.id, (doc) => appendParagraph(doc, 'Also flag downgrades.'));
    const v2 = await freezeOk(t, cast.client, cast.proposal.id);

    await replyOk(cast.client, ongoing.id, 'Written after v2');
    await editComment(t, cast.client, ongoing.comments[0]!.id, 'Unique-v3-text-07aa');
    await setStatus(t, cast.client, ongoing.id, 'resolveThread');

    const atV2 = (await versionThreads(cast.client, v2.id)).threads;
    expect(atV2.map((thread) => thread.id)).toEqual([ongoing.id]);
    expect(atV2[0]!.status).toBe('OPEN');
    expect(atV2[0]!.comments.map((comment) => comment.body)).toEqual(['Unique-v2-text-9e2b', 'Answered before v2']);
    expect(atV2[0]!.comments[0]!.editedAt).not.toBeNull();
    expect(atV2[0]!.comments[1]).toEqual(answer);

    const atV1 = (await versionThreads(cast.client, v1.id)).threads;
    expect(atV1.map((thread) => `${thread.id} ${thread.status}`)).toEqual([`${settled.id} OPEN`, `${ongoing.id} OPEN`]);
    expect(atV1[1]!.comments.map((comment) => comment.body)).toEqual(['Unique-v1-text-41f0']);
    expect(atV1[1]!.comments[0]!.editedAt).toBeNull();
  });

  it('a snapshot cannot be changed or removed once the version is frozen', async () => {
    const cast = await readyCast(t);
    await startThreadOk(t, cast.client, cast.proposal.id, 'Open at v1');
    const v1 = await freezeOk(t, cast.client, cast.proposal.id);
    await expect(
      t.db.query(`update "version_threads" set "snapshot" = '{}' where "version_id" = $1`, [v1.id]),
    ).rejects.toThrow(/immutable/);
    await expect(t.db.query(`delete from "version_threads" where "version_id" = $1`, [v1.id])).rejects.toThrow(
      /immutable/,
    );
    expect((await versionThreads(cast.client, v1.id)).threads).toHaveLength(1);
  });

  it('answers NOT_FOUND to an outsider asking for a version with threads', async () => {
    const cast = await readyCast(t);
    await startThreadOk(t, cast.client, cast.proposal.id, 'Open');
    const v1 = await freezeOk(t, cast.client, cast.proposal.id);
    const result = await t.api.gql(
      'query($id: ID!) { contractVersion(id: $id) { threads { id } } }',
      { id: v1.id },
      {
        token: cast.outsider.token,
      },
    );
    expect(result.code).toBe('NOT_FOUND');
  });
});
