import { describe, expect, it } from 'vitest';
import { useTestApp } from '../support/app.js';
import { freezeOk, readyCast } from '../support/contract.js';
import {
  deleteComment,
  editComment,
  reply,
  setStatus,
  startThreadOk,
  THREAD_FIELDS,
  type ThreadView,
} from '../support/comments.js';
import type { TestUser } from '../support/factories.js';

const t = useTestApp();

const SNAPSHOTS = 'Migration20261202060000VersionThreadSnapshots';
/** The migration before it: going back to it reverts the snapshots and every later one. */
const BEFORE_SNAPSHOTS = 'Migration20261202050000ProposalArchive';

async function versionThreads(user: TestUser, versionId: string): Promise<ThreadView[]> {
  const result = await t.api.gql<{ contractVersion: { threads: ThreadView[] } }>(
    `query($id: ID!) { contractVersion(id: $id) { threads { ${THREAD_FIELDS} } } }`,
    { id: versionId },
    { token: user.token },
  );
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return result.data.contractVersion.threads;
}

describe('versions frozen before threads were kept with them', () => {
  it('are given a snapshot from what the live threads still tell about their freeze', async () => {
    const cast = await readyCast(t);
    const answered = await startThreadOk(t, cast.client, cast.proposal.id, 'Which churn window?');
    const resolved = await startThreadOk(t, cast.freelancer, cast.proposal.id, 'Shared IP?', undefined, [
      cast.client.id,
    ]);
    const deleted = await startThreadOk(t, cast.freelancer, cast.proposal.id, 'Soon gone');
    const v1 = await freezeOk(t, cast.client, cast.proposal.id);

    await reply(t, cast.freelancer, answered.id, 'Written after v1');
    await editComment(t, cast.client, answered.comments[0]!.id, 'Edited after v1');
    await setStatus(t, cast.client, resolved.id, 'resolveThread');
    await deleteComment(t, cast.freelancer, deleted.comments[0]!.id);

    // Back to the schema before snapshots (only the live threads are pointed at), and on again.
    const migrator = t.app.orm.getMigrator();
    const reverted = await migrator.down({ to: BEFORE_SNAPSHOTS });
    expect(reverted.map((migration) => migration.name)).toContain(SNAPSHOTS);
    const { rows } = await t.db.query<{ thread_id: string }>(
      'select "thread_id" from "version_open_threads" where "version_id" = $1 order by "thread_id"',
      [v1.id],
    );
    expect(rows.map((row) => row.thread_id)).toEqual([answered.id, resolved.id].sort());
    expect((await migrator.up()).map((migration) => migration.name)).toContain(SNAPSHOTS);

    const threads = await versionThreads(cast.viewer, v1.id);
    expect(threads.map((thread) => thread.id)).toEqual([resolved.id, answered.id]);
    // Known: open then, and the comments written by then.
    expect(threads[0]).toEqual(resolved);
    expect(threads[1]!.status).toBe('OPEN');
    expect(threads[1]!.lastActivityAt).toBe(answered.lastActivityAt);
    // Not known any more: the text before the edit, and the deleted thread.
    expect(threads[1]!.comments.map((comment) => comment.body)).toEqual(['Edited after v1']);
    expect(threads[1]!.comments[0]!.editedAt).not.toBeNull();
  });
});
