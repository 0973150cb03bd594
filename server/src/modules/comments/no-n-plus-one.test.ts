import { describe, expect, it } from 'vitest';
import { settleJobs } from '../../../../test/support/mail.js';
import { useTestApp } from '../../../../test/support/app.js';
import { reply, setStatus, startThreadOk } from '../../../../test/support/comments.js';
import { editLiveBrief, freezeOk, readyCast } from '../../../../test/support/contract.js';
import { appendParagraph } from '../../../../test/support/collab-checks.js';
import { makeCast, type TestUser } from '../../../../test/support/factories.js';
import { dataStatements } from '../../../../test/support/queries.js';

const THREADS = `query($id: ID!) { proposal(id: $id) { id threads { id status resolvedBy { name }
  anchor { section quote } comments { id body author { name } mentions { name } } } } }`;
/** session, the proposal with the access check, threads, their comments with authors, mentions with users. */
const THREADS_BUDGET = 5;

const VERSION_THREADS = `query($id: ID!) { contractVersion(id: $id) { id threads { id status startedBy { name }
  resolvedBy { name } anchor { section quote } comments { id body author { name } mentions { name } } } } }`;
/** session, the version with the access check, its kept threads, the people in them. */
const VERSION_THREADS_BUDGET = 5;

const t = useTestApp();

async function measure(user: TestUser, proposalId: string) {
  await settleJobs(t);
  t.queries.length = 0;
  const result = await t.api.gql<{ proposal: { threads: { comments: unknown[] }[] } }>(
    THREADS,
    { id: proposalId },
    { token: user.token },
  );
  expect(result.errors).toBeUndefined();
  const statements = dataStatements(t.queries);
  expect(statements.length).toBeGreaterThan(0);
  return { threads: result.data!.proposal.threads, statements };
}

async function measureVersion(user: TestUser, versionId: string) {
  await settleJobs(t);
  t.queries.length = 0;
  const result = await t.api.gql<{ contractVersion: { threads: { comments: { mentions: unknown[] }[] }[] } }>(
    VERSION_THREADS,
    { id: versionId },
    { token: user.token },
  );
  expect(result.errors).toBeUndefined();
  return { threads: result.data!.contractVersion.threads, statements: dataStatements(t.queries) };
}

describe('reading threads', () => {
  it('costs the same few statements for one thread as for many, however many comments and mentions', async () => {
    const cast = await makeCast(t.api);
    const first = await startThreadOk(t, cast.client, cast.proposal.id, 'Only one', undefined, [cast.freelancer.id]);
    const one = await measure(cast.viewer, cast.proposal.id);
    expect(one.threads).toHaveLength(1);
    expect(one.statements.length).toBeLessThanOrEqual(THREADS_BUDGET);

    for (let i = 0; i < 6; i += 1) {
      const thread = await startThreadOk(t, cast.freelancer, cast.proposal.id, `Question ${i}`, undefined, [
        cast.client.id,
        cast.viewer.id,
      ]);
      await reply(t, cast.client, thread.id, `Answer ${i}`, [cast.freelancer.id]);
      if (i % 2 === 0) await setStatus(t, cast.client, thread.id, 'resolveThread');
    }
    await reply(t, cast.freelancer, first.id, 'Another reply');
    const many = await measure(cast.viewer, cast.proposal.id);
    expect(many.threads).toHaveLength(7);
    expect(many.threads.flatMap((thread) => thread.comments)).toHaveLength(14);
    expect(many.statements.length).toBe(one.statements.length);
  });

  it("costs a version the same few statements for one kept thread as for many, with everyone's names", async () => {
    const cast = await readyCast(t);
    await startThreadOk(t, cast.client, cast.proposal.id, 'Only one', undefined, [cast.freelancer.id]);
    const v1 = await freezeOk(t, cast.client, cast.proposal.id);
    const one = await measureVersion(cast.viewer, v1.id);
    expect(one.threads).toHaveLength(1);
    expect(one.statements.length).toBeLessThanOrEqual(VERSION_THREADS_BUDGET);

    for (let i = 0; i < 6; i += 1) {
      const thread = await startThreadOk(t, cast.freelancer, cast.proposal.id, `Question ${i}`, undefined, [
        cast.client.id,
        cast.viewer.id,
      ]);
      await reply(t, cast.client, thread.id, `Answer ${i}`, [cast.freelancer.id]);
    }
    await editLiveBrief(t, cast.client, cast.proposal.id, (doc) => appendParagraph(doc, 'Also flag downgrades.'));
    const v2 = await freezeOk(t, cast.client, cast.proposal.id);
    const many = await measureVersion(cast.viewer, v2.id);
    expect(many.threads).toHaveLength(7);
    expect(many.threads.flatMap((thread) => thread.comments)).toHaveLength(13);
    expect(many.threads.flatMap((thread) => thread.comments.flatMap((comment) => comment.mentions))).toHaveLength(19);
    expect(many.statements.length).toBe(one.statements.length);
  });
});
