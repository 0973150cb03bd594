import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { parseInput } from '../../validation.js';
import type { Viewer } from '../accounts/sessions.js';
import { assertRoleCanComment, threadAccess } from './comments.policy.js';
import { ReplySchema, type ReplyInput } from './comments.inputs.js';
import { assertMentionable, writeMentions } from './mentions.js';
import type { ThreadChange } from './start-thread.js';

export interface Reply extends ThreadChange {
  commentId: string;
  /** The thread was resolved and the reply opened it again. */
  reopened: boolean;
}

/**
 * Adds a reply to a thread (CLIENT or FREELANCER). Replying to a resolved thread opens
 * it again: something more was said about it.
 */
export async function replyToThread(em: EntityManager, viewer: Viewer, input: ReplyInput): Promise<Reply> {
  const { threadId, body, mentions } = parseInput(ReplySchema, input);
  return em.transactional(async (tx) => {
    const access = await threadAccess(tx, threadId, viewer.user.id, { lock: true });
    assertRoleCanComment(access.role);
    await assertMentionable(tx, access.proposalId, mentions);
    const commentId = randomUUID();
    const now = new Date();
    await tx.execute(
      `insert into "comments" ("id", "thread_id", "author_id", "body", "created_at") values (?, ?, ?, ?, ?)`,
      [commentId, threadId, viewer.user.id, body, now],
    );
    await writeMentions(tx, commentId, mentions);
    const reopened = access.status === 'RESOLVED';
    await tx.execute(
      reopened
        ? `update "comment_threads" set "last_activity_at" = ?, "status" = 'OPEN', "resolved_by_id" = null, "resolved_at" = null where "id" = ?`
        : `update "comment_threads" set "last_activity_at" = ? where "id" = ?`,
      [now, threadId],
    );
    return { threadId, proposalId: access.proposalId, commentId, reopened };
  });
}
