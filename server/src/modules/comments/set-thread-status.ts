import type { EntityManager } from '@mikro-orm/postgresql';
import type { ThreadStatus } from '@brieflock/schema';
import type { Viewer } from '../accounts/sessions.js';
import { assertRoleCanComment, threadAccess } from './comments.policy.js';
import { latestVersionId } from './open-threads.js';
import type { ThreadChange } from './start-thread.js';

/**
 * Resolves or reopens a thread (CLIENT or FREELANCER). Setting the status it already
 * has changes nothing (`changed` false), so two people resolving at once both succeed.
 */
export async function setThreadStatus(
  em: EntityManager,
  viewer: Viewer,
  threadId: string,
  status: ThreadStatus,
): Promise<ThreadChange & { changed: boolean }> {
  return em.transactional(async (tx) => {
    const access = await threadAccess(tx, threadId, viewer.user.id, { lock: true });
    assertRoleCanComment(access.role);
    const change = { threadId: access.threadId, proposalId: access.proposalId, commentId: null };
    if (access.status === status) return { ...change, changed: false };
    const now = new Date();
    if (status === 'RESOLVED') {
      await tx.execute(
        `update "comment_threads" set "status" = 'RESOLVED', "resolved_by_id" = ?, "resolved_at" = ?, "resolved_on_version_id" = ?, "last_activity_at" = ? where "id" = ?`,
        [viewer.user.id, now, await latestVersionId(tx, access.proposalId), now, threadId],
      );
    } else {
      await tx.execute(
        `update "comment_threads" set "status" = 'OPEN', "resolved_by_id" = null, "resolved_at" = null, "last_activity_at" = ? where "id" = ?`,
        [now, threadId],
      );
    }
    return { ...change, changed: true };
  });
}
