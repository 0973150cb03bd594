import { graphql } from '../gql';

export const MyNotificationPreferencesQuery = graphql(`
  query MyNotificationPreferences {
    me {
      id
      notificationPreferences {
        channels {
          kind
          channel
        }
      }
    }
  }
`);

export const UpdateProfileMutation = graphql(`
  mutation UpdateProfile($input: UpdateProfileInput!) {
    updateProfile(input: $input) {
      ...AccountFields
    }
  }
`);

export const ChangePasswordMutation = graphql(`
  mutation ChangePassword($input: ChangePasswordInput!) {
    changePassword(input: $input)
  }
`);

export const UpdateNotificationPreferencesMutation = graphql(`
  mutation UpdateNotificationPreferences($input: NotificationPreferencesInput!) {
    updateNotificationPreferences(input: $input) {
      channels {
        kind
        channel
      }
    }
  }
`);
