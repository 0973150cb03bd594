import { graphql } from '../gql';

export const NotificationFields = graphql(`
  fragment NotificationFields on Notification {
    id
    kind
    text
    link
    createdAt
    readAt
  }
`);

export const NotificationsQuery = graphql(`
  query Notifications($first: Int) {
    notifications(first: $first) {
      items {
        ...NotificationFields
      }
      unread
      next
    }
  }
`);

export const MyNotificationsSubscription = graphql(`
  subscription MyNotifications {
    myNotifications {
      ...NotificationFields
      # Which proposal's data it makes stale (data/cache.ts), e.g. the reviews on REVIEW_WRITTEN.
      proposal {
        id
      }
    }
  }
`);

export const MarkNotificationsReadMutation = graphql(`
  mutation MarkNotificationsRead($ids: [ID!]) {
    markNotificationsRead(ids: $ids)
  }
`);

/** What an e-mail's unsubscribe link stops, read without signing in and without acting. */
export const UnsubscribeLinkQuery = graphql(`
  query UnsubscribeLink($token: String!) {
    unsubscribeLink(token: $token) {
      scope
      description
      maskedEmail
      alreadyStopped
    }
  }
`);

export const UnsubscribeMutation = graphql(`
  mutation Unsubscribe($token: String!) {
    unsubscribe(token: $token) {
      scope
      description
      stopped
    }
  }
`);
