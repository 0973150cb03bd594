import type { EntityManager } from '@mikro-orm/postgresql';
import { NOTIFICATION_PAGE_DEFAULT, NOTIFICATION_PAGE_MAX, type NotificationKind } from '@brieflock/schema';
import { badInput } from '../../errors.js';
import { isId } from '../../validation.js';
import { dateOf, placeholders, type Timestamp } from '../read-model.js';
import type { NotificationView } from './notifications.types.js';

interface NotificationRow {
  id: string;
  user_id: string;
  kind: NotificationKind;
  proposal_id: string | null;
  created_at: Timestamp;
  read_at: Timestamp | null;
  text: string;
  link: string;
}

const COLUMNS = `"id", "user_id", "kind", "proposal_id", "created_at", "read_at", "text", "link"`;

const viewOf = (row: NotificationRow): NotificationView => ({
  id: row.id,
  userId: row.user_id,
  kind: row.kind,
  proposalId: row.proposal_id,
  createdAt: dateOf(row.created_at),
  readAt: row.read_at === null ? null : dateOf(row.read_at),
  text: row.text,
  link: row.link,
});

/** The cursor after a notification: opaque to clients, its time (to the microsecond) and id. */
const cursorOf = (row: { created_at: string; id: string }): string =>
  Buffer.from(`${row.created_at}|${row.id}`, 'utf8').toString('base64url');

function parseCursor(cursor: string): { at: string; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!at || !id || !isId(id) || Number.isNaN(Date.parse(at)))
    throw badInput('after', 'this cursor is not one a page of notifications gave');
  return { at, id };
}

export interface NotificationPageView {
  items: NotificationView[];
  unread: number;
  next: string | null;
}

/** One page of a person's own notifications, newest first, and how many of all are unread. */
export async function listNotifications(
  em: EntityManager,
  userId: string,
  first: number | null,
  after: string | null,
): Promise<NotificationPageView> {
  const size = first ?? NOTIFICATION_PAGE_DEFAULT;
  if (!Number.isInteger(size) || size < 1 || size > NOTIFICATION_PAGE_MAX)
    throw badInput('first', `ask for between 1 and ${NOTIFICATION_PAGE_MAX} notifications`);
  const cursor = after ? parseCursor(after) : null;
  const rows = await em.execute<(NotificationRow & { cursor_at: string })[]>(
    `select ${COLUMNS}, to_char("created_at" at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as "cursor_at"
       from "notifications"
      where "user_id" = ?${cursor ? ` and ("created_at", "id") < (?::timestamptz, ?::uuid)` : ''}
      order by "created_at" desc, "id" desc
      limit ?`,
    [userId, ...(cursor ? [cursor.at, cursor.id] : []), size + 1],
  );
  const [{ unread }] = (await em.execute<{ unread: number }[]>(
    `select count(*)::int as "unread" from "notifications" where "user_id" = ? and "read_at" is null`,
    [userId],
  )) as [{ unread: number }];
  const page = rows.slice(0, size);
  const last = page.at(-1);
  return {
    items: page.map(viewOf),
    unread,
    next: rows.length > size && last ? cursorOf({ created_at: last.cursor_at, id: last.id }) : null,
  };
}

/** One of a person's own notifications, or null (another's is never found). */
export async function findNotification(
  em: EntityManager,
  userId: string,
  id: string,
): Promise<NotificationView | null> {
  const [row] = await em.execute<NotificationRow[]>(
    `select ${COLUMNS} from "notifications" where "id" = ? and "user_id" = ?`,
    [id, userId],
  );
  return row ? viewOf(row) : null;
}

/**
 * Marks a person's own notifications read: those named (ids of anyone else's, or of
 * none, change nothing), or all when none are named. Returns how many were unread.
 */
export async function markNotificationsRead(em: EntityManager, userId: string, ids: string[] | null): Promise<number> {
  if (ids) {
    const valid = [...new Set(ids.filter(isId).map((id) => id.toLowerCase()))];
    if (valid.length === 0) return 0;
    return em
      .execute(
        `update "notifications" set "read_at" = now() where "user_id" = ? and "read_at" is null and "id" in (${placeholders(valid)})`,
        [userId, ...valid],
        'run',
      )
      .then((result) => (result as unknown as { affectedRows: number }).affectedRows);
  }
  const result = await em.execute(
    `update "notifications" set "read_at" = now() where "user_id" = ? and "read_at" is null`,
    [userId],
    'run',
  );
  return (result as unknown as { affectedRows: number }).affectedRows;
}
