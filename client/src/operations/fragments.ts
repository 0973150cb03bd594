import { graphql } from '../gql';

/** Selections several operations share, so a person or a version reads the same everywhere. */

export const UserFields = graphql(`
  fragment UserFields on User {
    id
    email
    name
  }
`);

/** The signed-in person: who they are, and whether they have proven their address. */
export const AccountFields = graphql(`
  fragment AccountFields on User {
    ...UserFields
    emailVerified
  }
`);

export const ParticipantFields = graphql(`
  fragment ParticipantFields on Participant {
    id
    role
    pending
    invitedEmail
    proposalId
    user {
      ...UserFields
    }
  }
`);

/** A version as the timeline lists it: no content. */
export const VersionSummaryFields = graphql(`
  fragment VersionSummaryFields on ContractVersion {
    id
    number
    status
    contentHash
    chainHash
    previousHash
    frozenAt
    note
    statusChangedAt
    proposalId
    canSign
    markdownUrl
    pdfUrl
    evidenceUrl
    frozenBy {
      ...UserFields
    }
    signers {
      role
      nextReminderAt
      lastRemindedAt
      user {
        ...UserFields
      }
      signature {
        id
        contentHash
        signedAt
        authMethod
        signer {
          ...UserFields
        }
      }
    }
  }
`);

/** A version with what it froze and what signing it means. */
export const VersionFields = graphql(`
  fragment VersionFields on ContractVersion {
    ...VersionSummaryFields
    contentJson
    consentStatement
    declineReason
    declinedBy {
      ...UserFields
    }
    signingOrder {
      ...UserFields
    }
  }
`);
