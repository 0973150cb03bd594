import { graphql } from '../gql';

export const ProposalVersionsQuery = graphql(`
  query ProposalVersions($id: ID!) {
    proposal(id: $id) {
      id
      versions {
        ...VersionSummaryFields
      }
    }
  }
`);

export const VersionPageQuery = graphql(`
  query VersionPage($proposalId: ID!, $versionId: ID!) {
    proposal(id: $proposalId) {
      id
      title
      myRole
      versions {
        id
        number
      }
    }
    contractVersion(id: $versionId) {
      ...VersionFields
      amends {
        id
        number
      }
    }
  }
`);

export const SignableVersionQuery = graphql(`
  query SignableVersion($id: ID!) {
    contractVersion(id: $id) {
      ...VersionFields
    }
  }
`);

// The input object is spelled out inline, so this does not depend on the input type's name.
export const SignVersionMutation = graphql(`
  mutation SignVersion($versionId: ID!, $contentHash: String!, $consentStatement: String!, $assertion: JSON!) {
    signVersion(
      input: { versionId: $versionId, contentHash: $contentHash, consentStatement: $consentStatement, assertion: $assertion }
    ) {
      id
      contentHash
      signedAt
      passkeyId
    }
  }
`);

export const RemindSignersMutation = graphql(`
  mutation RemindSigners($versionId: ID!) {
    remindSigners(versionId: $versionId)
  }
`);

export const FreezeProposalMutation = graphql(`
  mutation FreezeProposal($proposalId: ID!, $note: String, $signingOrder: [[ID!]!]) {
    freezeProposal(input: { proposalId: $proposalId, note: $note, signingOrder: $signingOrder }) {
      id
      number
      status
    }
  }
`);

export const CompareVersionsListQuery = graphql(`
  query CompareVersionsList($id: ID!) {
    proposal(id: $id) {
      id
      title
      versions {
        id
        number
        status
      }
    }
  }
`);

export const CompareVersionsQuery = graphql(`
  query CompareVersions($fromId: ID!, $toId: ID!) {
    compareVersions(fromId: $fromId, toId: $toId) {
      changed
      coarse
      from {
        id
        number
        status
        contentHash
      }
      to {
        id
        number
        status
        contentHash
      }
      sections {
        key
        kind
        title
        changed
        coarse
        formattingChanged
        formatting {
          text
          before
          after
        }
        text {
          op
          value
        }
        items {
          change
          itemId
          fromIndex
          toIndex
          moved
          before
          after
          fields {
            field
            before
            after
          }
        }
        fields {
          field
          before
          after
        }
      }
    }
  }
`);

export const ProposalReceiptQuery = graphql(`
  query ProposalReceipt($id: ID!) {
    proposal(id: $id) {
      id
      title
      receipt {
        proposalId
        headHash
        length
        issuedAt
        keyId
        signature
      }
    }
  }
`);

export const DeclineVersionMutation = graphql(`
  mutation DeclineVersion($input: DeclineVersionInput!) {
    declineVersion(input: $input) {
      id
      status
      statusChangedAt
      canSign
      declineReason
    }
  }
`);
