import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput } from '../../errors.js';
import { isId } from '../../validation.js';
import { placeholders } from '../read-model.js';

/** Refuses any mentioned id that is not a participant (with an account) of the proposal. */
export async function assertMentionable(em: EntityManager, proposalId: string, userIds: string[]): Promise<void> {
  if (userIds.length === 0) return;
  const stranger = userIds.find((id) => !isId(id));
  if (stranger) throw badInput('mentions', `"${stranger}" is not a participant of this proposal`);
  const rows = await em.execute<{ user_id: string }[]>(
    `select "user_id" from "participants" where "proposal_id" = ? and "user_id" in (${placeholders(userIds)})`,
    [proposalId, ...userIds],
  );
  const known = new Set(rows.map((row) => row.user_id));
  const missing = userIds.find((id) => !known.has(id));
  if (missing) throw badInput('mentions', `"${missing}" is not a participant of this proposal`);
}

/** Sets a comment's mentions to exactly these users. */
export async function writeMentions(em: EntityManager, commentId: string, userIds: string[]): Promise<void> {
  await em.execute(`delete from "comment_mentions" where "comment_id" = ?`, [commentId]);
  if (userIds.length === 0) return;
  await em.execute(
    `insert into "comment_mentions" ("comment_id", "user_id") values ${userIds.map(() => '(?, ?)').join(', ')}`,
    userIds.flatMap((id) => [commentId, id]),
  );
}
