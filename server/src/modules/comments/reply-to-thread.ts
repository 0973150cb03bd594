import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { parseInput } from '../../validation.js';
import type { Viewer } from '../accounts/sessions.js';
import { assertRoleCanComment, threadAccess } from './comments.policy.js';
import { ReplySchema, type ReplyInput } from './comments.inputs.js';
import { assertMentionable, notifyMentioned, writeMentions } from './mentions.js';
import { namesOf, notify, proposalLink, quoted } from '../notifications/notify.js';
import type { ThreadChange } from './start-thread.js';
import type { NotifyDeps } from '../notifications/notify.js';

export interface Reply extends ThreadChange {
  commentId: string;
  /** The thread was resolved and the reply opened it again. */
  reopened: boolean;
}

/**
 * Adds a reply to a thread (CLIENT or FREELANCER). Replying to a resolved thread opens
 * it again: something more was said about it.
 */
export async function replyToThread(
  em: EntityManager,
  deps: NotifyDeps,
  viewer: Viewer,
  input: ReplyInput,
): Promise<Reply> {
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
    const mentioned = await writeMentions(tx, commentId, mentions);
    const notices = await notifyMentioned(tx, deps, viewer.user.id, access.proposalId, mentioned);
    // Who started the thread or wrote in it hears of the reply, unless mentioned in it already.
    const involved = await tx.execute<{ user_id: string }[]>(
      `select "created_by_id" as "user_id" from "comment_threads" where "id" = ? and "created_by_id" is not null
       union select "author_id" from "comments" where "thread_id" = ? and "author_id" is not null`,
      [threadId, threadId],
    );
    const mentionedSet = new Set(mentioned);
    const repliedTo = involved.map((row) => row.user_id).filter((id) => !mentionedSet.has(id));
    if (repliedTo.some((id) => id !== viewer.user.id)) {
      const names = await namesOf(tx, viewer.user.id, access.proposalId);
      notices.push(
        ...(await notify(tx, deps, {
          kind: 'REPLIED',
          proposalId: access.proposalId,
          actorId: viewer.user.id,
          recipientIds: repliedTo,
          text: `${names.actor} replied in a thread on ${quoted(names.title)}`,
          link: proposalLink(access.proposalId),
        })),
      );
    }
    const reopened = access.status === 'RESOLVED';
    await tx.execute(
      reopened
        ? `update "comment_threads" set "last_activity_at" = ?, "status" = 'OPEN', "resolved_by_id" = null, "resolved_at" = null where "id" = ?`
        : `update "comment_threads" set "last_activity_at" = ? where "id" = ?`,
      [now, threadId],
    );
    return { threadId, proposalId: access.proposalId, commentId, reopened, notices };
  });
}
