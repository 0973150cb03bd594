import { expect } from 'vitest';
import type { TestApp } from './app.js';
import type { TestUser } from './factories.js';
import type { Connection, Sub } from './subscriptions.js';
import { waitFor } from './wait.js';

/** A notification as the inbox and the `myNotifications` subscription give it. */
export interface NotificationView {
  id: string;
  kind: string;
  text: string;
  link: string;
  readAt: string | null;
  proposal: { id: string } | null;
}

/** The selection of a NotificationView. */
export const NOTIFICATION_FIELDS = 'id kind text link readAt proposal { id }';

/** One page of `user`'s inbox, newest first; throws on a refusal. */
export async function inboxOf(t: Pick<TestApp, 'api'>, user: Pick<TestUser, 'token'>, first?: number, after?: string) {
  const result = await t.api.gql<{
    notifications: { items: NotificationView[]; unread: number; next: string | null };
  }>(
    `query($first: Int, $after: String) { notifications(first: $first, after: $after) { items { ${NOTIFICATION_FIELDS} } unread next } }`,
    { first, after },
    { token: user.token },
  );
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return result.data.notifications;
}

/**
 * `user`'s `myNotifications` subscription on `connection`, once the server has it live
 * (a refusal fails the test).
 */
export async function subscribeNotifications(
  t: Pick<TestApp, 'app'>,
  connection: Connection,
): Promise<Sub<{ myNotifications: NotificationView }>> {
  const before = t.app.events.subscriberCount;
  const sub = connection.subscribe<{ myNotifications: NotificationView }>(
    `subscription { myNotifications { ${NOTIFICATION_FIELDS} } }`,
  );
  await waitFor(() => t.app.events.subscriberCount > before || sub.errors.length > 0, {
    what: 'the subscription to be live',
  });
  expect(sub.errors).toEqual([]);
  return sub;
}
