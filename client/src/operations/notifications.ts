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
    }
  }
`);

export const MarkNotificationsReadMutation = graphql(`
  mutation MarkNotificationsRead($ids: [ID!]) {
    markNotificationsRead(ids: $ids)
  }
`);
