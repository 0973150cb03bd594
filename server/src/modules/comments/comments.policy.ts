import type { EntityManager } from '@mikro-orm/postgresql';
import { canEditWithRole, type ParticipantRole } from '@brieflock/schema';
import { forbidden, notFound } from '../../errors.js';
import { isId } from '../../validation.js';
import { assertParticipant, roleOn } from '../proposals/proposal.policy.js';

/** The same answer for a missing thread and one on a proposal the caller does not take part in. */
export const threadNotFound = () => notFound('Comment thread not found.');
export const commentNotFound = () => notFound('Comment not found.');

/** CLIENT and FREELANCER write in threads; a VIEWER reads them. */
export const canComment = (role: ParticipantRole): boolean => canEditWithRole(role);

export function assertRoleCanComment(role: ParticipantRole): void {
  if (!canComment(role)) throw forbidden('Viewers can read comment threads but not write in them.');
}

/** Throws NOT_FOUND for a non-participant and FORBIDDEN for a viewer. */
export async function assertCanComment(em: EntityManager, proposalId: string, userId: string): Promise<void> {
  assertRoleCanComment(await assertParticipant(em, proposalId, userId));
}

export interface ThreadAccess {
  threadId: string;
  proposalId: string;
  status: 'OPEN' | 'RESOLVED';
  role: ParticipantRole;
}

/**
 * A thread and the caller's role on its proposal; NOT_FOUND unless it exists and the
 * caller takes part. `lock` holds the row until the transaction ends.
 */
export async function threadAccess(
  em: EntityManager,
  threadId: string,
  userId: string,
  { lock = false } = {},
): Promise<ThreadAccess> {
  if (!isId(threadId)) throw threadNotFound();
  const [row] = await em.execute<{ id: string; proposal_id: string; status: 'OPEN' | 'RESOLVED' }[]>(
    `select "id", "proposal_id", "status" from "comment_threads" where "id" = ?${lock ? ' for update' : ''}`,
    [threadId],
  );
  const role = row ? await roleOn(em, row.proposal_id, userId) : null;
  if (!row || !role) throw threadNotFound();
  return { threadId: row.id, proposalId: row.proposal_id, status: row.status, role };
}

export interface CommentAccess extends ThreadAccess {
  commentId: string;
  authorId: string;
}

/** A comment, its thread and the caller's role; NOT_FOUND unless the caller takes part. */
export async function commentAccess(em: EntityManager, commentId: string, userId: string): Promise<CommentAccess> {
  if (!isId(commentId)) throw commentNotFound();
  const [row] = await em.execute<{ id: string; thread_id: string; author_id: string }[]>(
    `select "id", "thread_id", "author_id" from "comments" where "id" = ?`,
    [commentId],
  );
  if (!row) throw commentNotFound();
  const thread = await threadAccess(em, row.thread_id, userId, { lock: true }).catch(() => {
    throw commentNotFound();
  });
  return { ...thread, commentId: row.id, authorId: row.author_id };
}

/** Only a comment's author edits or deletes it, and only while they may comment at all. */
export function assertOwnComment(access: CommentAccess, userId: string): void {
  assertRoleCanComment(access.role);
  if (access.authorId !== userId) throw forbidden('Only its author can change or delete a comment.');
}
