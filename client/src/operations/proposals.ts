import { graphql } from '../gql';

export const ProposalsQuery = graphql(`
  query Proposals($archived: Boolean) {
    proposals(archived: $archived) {
      ...ProposalSummaryFields
    }
  }
`);

export const ProposalSummaryFields = graphql(`
  fragment ProposalSummaryFields on Proposal {
    id
    title
    createdAt
    myRole
    archived
    participants {
      id
    }
    versions {
      id
      number
      status
      canSign
    }
  }
`);

export const CreateProposalMutation = graphql(`
  mutation CreateProposal($input: CreateProposalInput!) {
    createProposal(input: $input) {
      ...ProposalSummaryFields
    }
  }
`);

export const ProposalQuery = graphql(`
  query Proposal($id: ID!) {
    proposal(id: $id) {
      id
      title
      createdAt
      myRole
      archived
      participants {
        ...ParticipantFields
      }
    }
  }
`);

/** Whether the signed-in person still takes part in a proposal (null or NOT_FOUND: no). */
export const ProposalAccessQuery = graphql(`
  query ProposalAccess($id: ID!) {
    proposal(id: $id) {
      id
    }
  }
`);

export const AddParticipantMutation = graphql(`
  mutation AddParticipant($input: AddParticipantInput!) {
    addParticipant(input: $input) {
      ...ParticipantFields
      inviteLink
    }
  }
`);

export const ChangeParticipantRoleMutation = graphql(`
  mutation ChangeParticipantRole($input: ChangeRoleInput!) {
    changeParticipantRole(input: $input) {
      ...ParticipantFields
    }
  }
`);

export const RemoveParticipantMutation = graphql(`
  mutation RemoveParticipant($input: RemoveParticipantInput!) {
    removeParticipant(input: $input)
  }
`);

/** Live events of one proposal; graphcache's updaters turn them into fresh data. */
export const ProposalEventsSubscription = graphql(`
  subscription ProposalEvents($proposalId: ID!) {
    proposalEvents(proposalId: $proposalId) {
      kind
      proposalId
      sections
      at
      version {
        id
        number
        status
      }
      actor {
        ...UserFields
      }
      participantId
      participant {
        ...ParticipantFields
      }
      changedFields
      proposal {
        id
        title
        archived
      }
      thread {
        ...CommentThreadFields
      }
      suggestion {
        id
        status
        summary
        author {
          id
          name
        }
      }
    }
  }
`);
