import { describe, expect, it } from 'vitest';
import { useTestApp } from '../support/app.js';
import { appendParagraph } from '../support/collab-checks.js';
import { editLiveBrief, freezeOk, readyCast } from '../support/contract.js';
import { rangeAnchor, reply, setStatus, startThreadOk, THREAD_FIELDS, type ThreadView } from '../support/comments.js';
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
  const result = await t.api.gql<{ contractVersion: { threads: ThreadView[]; contentJson: unknown } }>(
    `query($id: ID!) { contractVersion(id: $id) { contentJson threads { ${THREAD_FIELDS} } } }`,
    { id: versionId },
    { token: user.token },
  );
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return result.data.contractVersion;
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
  it('a version shows the threads open when it was frozen, whatever happens to them later, and never holds them in its content', async () => {
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
    await setStatus(t, cast.client, openAtV1.id, 'resolveThread');

    const seenV1 = await versionThreads(cast.viewer, v1.id);
    expect(seenV1.threads.map((thread) => thread.id)).toEqual([openAtV1.id]);
    // Shown as it is now: resolved since.
    expect(seenV1.threads[0]).toMatchObject({
      status: 'RESOLVED',
      comments: [{ body: 'Unique-body-7f3a still open' }],
    });
    expect(seenV1.contentJson).toEqual(v1.contentJson);

    await editLiveBrief(t, cast.client, cast.proposal.id, (doc) => appendParagraph(doc, 'Also flag downgrades.'));
    const v2 = await freezeOk(t, cast.client, cast.proposal.id);
    expect((await versionThreads(cast.client, v2.id)).threads.map((thread) => thread.id)).toEqual([afterV1.id]);
    expect((await versionThreads(cast.client, v1.id)).threads.map((thread) => thread.id)).toEqual([openAtV1.id]);
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
