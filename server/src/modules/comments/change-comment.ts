import type { EntityManager } from '@mikro-orm/postgresql';
import { parseInput } from '../../validation.js';
import type { Viewer } from '../accounts/sessions.js';
import { assertOwnComment, commentAccess } from './comments.policy.js';
import { EditCommentSchema, type EditCommentInput } from './comments.inputs.js';
import { assertMentionable, notifyMentioned, writeMentions } from './mentions.js';
import type { ThreadChange } from './start-thread.js';
import type { NotifyDeps } from '../notifications/notify.js';

/** Changes the body (and mentions) of one's own comment. */
export async function editComment(
  em: EntityManager,
  deps: NotifyDeps,
  viewer: Viewer,
  input: EditCommentInput,
): Promise<ThreadChange & { commentId: string }> {
  const { commentId, body, mentions } = parseInput(EditCommentSchema, input);
  return em.transactional(async (tx) => {
    const access = await commentAccess(tx, commentId, viewer.user.id);
    assertOwnComment(access, viewer.user.id);
    await assertMentionable(tx, access.proposalId, mentions);
    await tx.execute(`update "comments" set "body" = ?, "edited_at" = ? where "id" = ?`, [body, new Date(), commentId]);
    // Only those the edit newly mentions hear of it.
    const mentioned = await writeMentions(tx, commentId, mentions);
    const notices = await notifyMentioned(tx, deps, viewer.user.id, access.proposalId, mentioned);
    return { threadId: access.threadId, proposalId: access.proposalId, commentId, notices };
  });
}

/**
 * Deletes one's own comment. A thread whose last comment goes is deleted with it:
 * nothing is left to discuss.
 */
export async function deleteComment(
  em: EntityManager,
  viewer: Viewer,
  commentId: string,
): Promise<ThreadChange & { threadDeleted: boolean }> {
  return em.transactional(async (tx) => {
    const access = await commentAccess(tx, commentId, viewer.user.id);
    assertOwnComment(access, viewer.user.id);
    await tx.execute(`delete from "comments" where "id" = ?`, [commentId]);
    const [left] = await tx.execute<{ count: string }[]>(
      `select count(*) as "count" from "comments" where "thread_id" = ?`,
      [access.threadId],
    );
    const threadDeleted = Number(left?.count ?? 0) === 0;
    if (threadDeleted) await tx.execute(`delete from "comment_threads" where "id" = ?`, [access.threadId]);
    return { threadId: access.threadId, proposalId: access.proposalId, commentId, threadDeleted };
  });
}
