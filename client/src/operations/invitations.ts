import { graphql } from '../gql';

/** What an invitation link's page shows; answered without signing in. */
export const InvitationPreviewQuery = graphql(`
  query InvitationPreview($token: String!) {
    invitation(token: $token) {
      proposalTitle
      inviterName
      role
      expiresAt
      status
    }
  }
`);

export const MyInvitationsQuery = graphql(`
  query MyInvitations {
    myInvitations {
      id
      proposalId
      proposalTitle
      role
      createdAt
      invitedBy {
        ...UserFields
      }
    }
  }
`);

export const AcceptInvitationMutation = graphql(`
  mutation AcceptInvitation($token: String, $invitationId: ID) {
    acceptInvitation(token: $token, invitationId: $invitationId) {
      ...ParticipantFields
    }
  }
`);

export const DeclineInvitationMutation = graphql(`
  mutation DeclineInvitation($invitationId: ID!) {
    declineInvitation(invitationId: $invitationId)
  }
`);

export const IssueInviteLinkMutation = graphql(`
  mutation IssueInviteLink($participantId: ID!) {
    issueInviteLink(participantId: $participantId) {
      ...ParticipantFields
      inviteLink
    }
  }
`);

export const ResendInvitationMutation = graphql(`
  mutation ResendInvitation($participantId: ID!) {
    resendInvitation(participantId: $participantId)
  }
`);

export const RevokeInvitationMutation = graphql(`
  mutation RevokeInvitation($participantId: ID!) {
    revokeInvitation(participantId: $participantId)
  }
`);
