import { graphql } from '../gql';

export const WebhookFieldsFragment = graphql(`
  fragment WebhookFields on Webhook {
    id
    url
    events
    enabled
    disabledAt
    deliveries(first: 20) {
      id
      event
      attempt
      status
      responseCode
      deliveredAt
      nextAttemptAt
    }
  }
`);

export const ProposalWebhooksQuery = graphql(`
  query ProposalWebhooks($id: ID!) {
    proposal(id: $id) {
      id
      title
      myRole
      webhooks {
        ...WebhookFields
      }
    }
  }
`);

/** The proposal alone: for a participant who is not a client, whose `webhooks` is refused. */
export const ProposalRoleQuery = graphql(`
  query ProposalRole($id: ID!) {
    proposal(id: $id) {
      id
      title
      myRole
    }
  }
`);

export const CreateWebhookMutation = graphql(`
  mutation CreateWebhook($input: CreateWebhookInput!) {
    createWebhook(input: $input) {
      secret
      webhook {
        ...WebhookFields
      }
    }
  }
`);

export const DeleteWebhookMutation = graphql(`
  mutation DeleteWebhook($id: ID!) {
    deleteWebhook(id: $id)
  }
`);

export const EnableWebhookMutation = graphql(`
  mutation EnableWebhook($id: ID!) {
    enableWebhook(id: $id) {
      ...WebhookFields
    }
  }
`);
