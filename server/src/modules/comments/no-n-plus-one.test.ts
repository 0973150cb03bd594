import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/support/app.js';
import { reply, setStatus, startThreadOk } from '../../../../test/support/comments.js';
import { makeCast, type TestUser } from '../../../../test/support/factories.js';

const THREADS = `query($id: ID!) { proposal(id: $id) { id threads { id status resolvedBy { name }
  anchor { section quote } comments { id body author { name } mentions { name } } } } }`;
/** session, the proposal with the access check, threads, their comments with authors, mentions with users. */
const THREADS_BUDGET = 5;

const t = useTestApp();

const dataStatements = (log: string[]) =>
  log
    .map((line) =>
      stripVTControlCharacters(line)
        .replace(/^\[query\]\s*/, '')
        .trim(),
    )
    .filter((sql) => /^(select|insert|update|delete|with)\b/i.test(sql));

async function measure(user: TestUser, proposalId: string) {
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
});
