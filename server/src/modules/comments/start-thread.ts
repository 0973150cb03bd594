import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { checkAnchor } from '@brieflock/schema';
import { badInput } from '../../errors.js';
import { parseInput } from '../../validation.js';
import type { Viewer } from '../accounts/sessions.js';
import { assertCanComment } from './comments.policy.js';
import { StartThreadSchema, type StartThreadInput } from './comments.inputs.js';
import { assertMentionable, notifyMentioned, writeMentions } from './mentions.js';
import type { Notice } from '../notifications/notify.js';
import { latestVersionId } from './open-threads.js';
import type { NotifyDeps } from '../notifications/notify.js';

export interface ThreadChange {
  threadId: string;
  proposalId: string;
  /** The comment written or changed, if any. */
  commentId: string | null;
  /** Notifications written with the change, to publish once it committed. */
  notices?: Notice[];
}

/**
 * Starts a thread on part of the brief with its first comment (CLIENT or FREELANCER).
 * The anchor is checked against the brief's layout; mentions must name participants.
 */
export async function startThread(
  em: EntityManager,
  deps: NotifyDeps,
  viewer: Viewer,
  input: StartThreadInput,
): Promise<ThreadChange> {
  const { proposalId, anchor: anchorInput, body, mentions } = parseInput(StartThreadSchema, input);
  const checked = checkAnchor(anchorInput);
  if ('problem' in checked) throw badInput(`anchor.${checked.problem.field}`, checked.problem.message);
  const { anchor } = checked;
  return em.transactional(async (tx) => {
    await assertCanComment(tx, proposalId, viewer.user.id);
    await assertMentionable(tx, proposalId, mentions);
    const threadId = randomUUID();
    const commentId = randomUUID();
    const now = new Date();
    await tx.execute(
      `insert into "comment_threads" ("id", "proposal_id", "section", "item_id", "field", "anchor_from", "anchor_to", "quote", "status", "created_by_id", "created_at", "last_activity_at", "opened_on_version_id")
       values (?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?, ?, ?, ?)`,
      [
        threadId,
        proposalId,
        anchor.section,
        anchor.itemId,
        anchor.field,
        anchor.from,
        anchor.to,
        anchor.quote,
        viewer.user.id,
        now,
        now,
        await latestVersionId(tx, proposalId),
      ],
    );
    await tx.execute(
      `insert into "comments" ("id", "thread_id", "author_id", "body", "created_at") values (?, ?, ?, ?, ?)`,
      [commentId, threadId, viewer.user.id, body, now],
    );
    const mentioned = await writeMentions(tx, commentId, mentions);
    const notices = await notifyMentioned(tx, deps, viewer.user.id, proposalId, mentioned);
    return { threadId, proposalId, commentId, notices };
  });
}
