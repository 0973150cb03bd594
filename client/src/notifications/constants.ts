import type { NotificationKind } from '../gql/graphql';

/** How many notifications the bell's panel lists (the first page). */
export const NOTIFICATIONS_SHOWN = 20;

/**
 * A tag the bell shows before a notification's sentence, for kinds a reader should tell
 * apart at a glance: a due date calls for action by a day, unlike news of what others did.
 */
export const KIND_TAGS: Partial<Record<NotificationKind, string>> = {
  MILESTONE_DUE: 'Due date',
};
