import { afterEach, describe, expect, it } from 'vitest';
import { useTestApp } from '../support/app.js';
import {
  deleteComment,
  editComment,
  eventsUpTo,
  reply,
  setStatus,
  startThreadOk,
  THREAD_EVENTS,
  threadEvents,
  type ThreadEvent,
  watchThreads,
} from '../support/comments.js';
import { makeCast, makeProposal } from '../support/factories.js';
import { clientPool } from '../support/subscriptions.js';
import { waitFor } from '../support/wait.js';

const t = useTestApp();
const pool = clientPool(() => t);
afterEach(() => pool.disposeAll());

describe('thread events over graphql-ws', () => {
  it('reach another participant and a viewer live, in order, each with the thread as it is then', async () => {
    const cast = await makeCast(t.api);
    const freelancer = await watchThreads(t, pool.connect({ token: cast.freelancer.token }), cast.proposal.id);
    const viewer = await watchThreads(t, pool.connect({ token: cast.viewer.token }), cast.proposal.id);

    const thread = await startThreadOk(t, cast.client, cast.proposal.id, 'Which churn definition?');
    const answer = (await reply(t, cast.freelancer, thread.id, 'Cancelled within 30 days.')).data!.replyToThread;
    await editComment(t, cast.freelancer, answer.id, 'Cancelled within 45 days.');
    await setStatus(t, cast.client, thread.id, 'resolveThread');
    await setStatus(t, cast.client, thread.id, 'resolveThread');
    await setStatus(t, cast.freelancer, thread.id, 'reopenThread');
    await deleteComment(t, cast.freelancer, answer.id);
    await deleteComment(t, cast.client, thread.comments[0]!.id);

    for (const sub of [freelancer, viewer]) {
      const seen = await eventsUpTo(sub, 7);
      expect(seen.map((event) => [event.kind, event.actor?.id])).toEqual([
        ['THREAD_STARTED', cast.client.id],
        ['COMMENT_ADDED', cast.freelancer.id],
        ['COMMENT_EDITED', cast.freelancer.id],
        // Resolving a resolved thread changes nothing and says nothing.
        ['THREAD_RESOLVED', cast.client.id],
        ['THREAD_REOPENED', cast.freelancer.id],
        ['COMMENT_DELETED', cast.freelancer.id],
        ['COMMENT_DELETED', cast.client.id],
      ]);
      expect(seen[0]!.thread).toMatchObject({ id: thread.id, status: 'OPEN' });
      expect(seen[0]!.thread!.comments.map((comment) => comment.body)).toContain('Which churn definition?');
      expect(seen.every((event) => event.proposalId === cast.proposal.id)).toBe(true);
      // The thread is gone once its last comment is deleted.
      expect(seen[6]!.thread).toBeNull();
    }
  });

  it('never reach an outsider, whose own subscription to the proposal is refused', async () => {
    const cast = await makeCast(t.api);
    const own = await makeProposal(t.api, cast.outsider);
    const outsiderOwn = await watchThreads(t, pool.connect({ token: cast.outsider.token }), own.id);
    const refused = pool
      .connect({ token: cast.outsider.token })
      .subscribe<{ proposalEvents: ThreadEvent }>(THREAD_EVENTS, { proposalId: cast.proposal.id });
    const freelancer = await watchThreads(t, pool.connect({ token: cast.freelancer.token }), cast.proposal.id);

    await startThreadOk(t, cast.client, cast.proposal.id, 'Internal question');
    await eventsUpTo(freelancer, 1);
    await waitFor(() => refused.errors.length > 0, { what: 'the refusal' });
    expect(refused.errors.map((error) => error.extensions?.code)).toEqual(['NOT_FOUND']);
    expect(threadEvents(refused)).toEqual([]);

    // A thread on the outsider's own proposal arrives after everything published before it.
    await startThreadOk(t, cast.outsider, own.id, 'My own note');
    const mine = await eventsUpTo(outsiderOwn, 1);
    expect(mine.map((event) => event.proposalId)).toEqual([own.id]);
  });
});
