import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput } from '../../errors.js';
import { isId } from '../../validation.js';
import { placeholders } from '../read-model.js';
import { namesOf, notify, proposalLink, quoted, type Notice, type NotifyDeps } from '../notifications/notify.js';

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

/** Sets a comment's mentions to exactly these users; returns those it did not mention before. */
export async function writeMentions(em: EntityManager, commentId: string, userIds: string[]): Promise<string[]> {
  const before = await em.execute<{ user_id: string }[]>(
    `delete from "comment_mentions" where "comment_id" = ? returning "user_id"`,
    [commentId],
  );
  const known = new Set(before.map((row) => row.user_id));
  if (userIds.length === 0) return [];
  await em.execute(
    `insert into "comment_mentions" ("comment_id", "user_id") values ${userIds.map(() => '(?, ?)').join(', ')}`,
    userIds.flatMap((id) => [commentId, id]),
  );
  return [...new Set(userIds)].filter((id) => !known.has(id));
}

/** Tells the newly mentioned participants (viewers too: they read threads) they were mentioned. */
export async function notifyMentioned(
  tx: EntityManager,
  deps: NotifyDeps,
  actorId: string,
  proposalId: string,
  userIds: string[],
): Promise<Notice[]> {
  if (userIds.length === 0) return [];
  const names = await namesOf(tx, actorId, proposalId);
  return notify(tx, deps, {
    kind: 'MENTIONED',
    proposalId,
    actorId,
    recipientIds: userIds,
    text: `${names.actor} mentioned you on ${quoted(names.title)}`,
    link: proposalLink(proposalId),
  });
}
