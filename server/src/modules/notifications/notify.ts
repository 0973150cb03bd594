import type { EntityManager } from '@mikro-orm/postgresql';
import type { NotificationKind } from '@brieflock/schema';
import { emailNotices, type NotifyDeps } from './email-notices.js';

export type { NotifyDeps } from './email-notices.js';

/** A notification written in a transaction, to publish to its recipient once that commits. */
export interface Notice {
  id: string;
  userId: string;
}

export interface NotifyOptions {
  kind: NotificationKind;
  proposalId: string;
  /** Who caused it: never notified of their own change. Null: the service itself (a reminder). */
  actorId: string | null;
  recipientIds: Iterable<string>;
  /** The sentence each recipient reads (it names the actor and the proposal, nothing of the brief). */
  text: string;
  link: string;
  /**
   * Only current participants of the proposal receive it (default). An invitation goes to
   * someone who does not take part yet.
   */
  participantsOnly?: boolean;
}

/**
 * Writes one notification per recipient other than the actor, inside the caller's
 * transaction, so it exists exactly when the change that caused it does, and queues the
 * e-mails the recipients take for it (see email-notices.ts) in the same transaction.
 * Returns what to publish after commit.
 */
export async function notify(tx: EntityManager, deps: NotifyDeps, options: NotifyOptions): Promise<Notice[]> {
  const recipients = [...new Set(options.recipientIds)].filter((id) => id !== options.actorId);
  if (recipients.length === 0) return [];
  const participantsOnly = options.participantsOnly ?? true;
  const rows = await tx.execute<{ id: string; user_id: string }[]>(
    `insert into "notifications" ("id", "user_id", "kind", "proposal_id", "actor_id", "text", "link", "created_at")
     select gen_random_uuid(), u."id", ?, ?, ?, ?, ?, clock_timestamp()
       from "users" u
      where u."id" = any(?::uuid[])
        ${participantsOnly ? 'and exists (select 1 from "participants" p where p."proposal_id" = ? and p."user_id" = u."id")' : ''}
     returning "id", "user_id"`,
    [
      options.kind,
      options.proposalId,
      options.actorId,
      options.text.slice(0, 500),
      options.link,
      `{${recipients.join(',')}}`,
      ...(participantsOnly ? [options.proposalId] : []),
    ],
  );
  const notices = rows.map((row) => ({ id: row.id, userId: row.user_id }));
  await emailNotices(tx, deps, notices, { kind: options.kind, text: options.text, link: options.link });
  return notices;
}

/** What the sentences name: the actor and the proposal, read in the same transaction. */
export async function namesOf(
  tx: EntityManager,
  actorId: string,
  proposalId: string,
): Promise<{ actor: string; title: string }> {
  const [row] = await tx.execute<{ name: string | null; title: string | null }[]>(
    `select (select "name" from "users" where "id" = ?) as "name", (select "title" from "proposals" where "id" = ?) as "title"`,
    [actorId, proposalId],
  );
  return { actor: row?.name ?? 'Someone', title: row?.title ?? 'a proposal' };
}

/** “Title”, quoted as the sentences quote it. */
export const quoted = (title: string): string => `\u201c${title}\u201d`;

export const proposalLink = (proposalId: string): string => `/proposals/${proposalId}`;
/** The proposal's webhook settings page (its clients only). */
export const webhooksLink = (proposalId: string): string => `/proposals/${proposalId}/webhooks`;
/** The engagement page: the milestones of the contract in force. */
export const engagementLink = (proposalId: string): string => `/proposals/${proposalId}/engagement`;
export const versionLink = (proposalId: string, versionId: string): string =>
  `/proposals/${proposalId}/versions/${versionId}`;
