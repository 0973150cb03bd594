import { graphql } from '../gql';

export const RenameProposalMutation = graphql(`
  mutation RenameProposal($input: RenameProposalInput!) {
    renameProposal(input: $input) {
      id
      title
    }
  }
`);

export const ArchiveProposalMutation = graphql(`
  mutation ArchiveProposal($proposalId: ID!) {
    archiveProposal(proposalId: $proposalId) {
      id
      archived
    }
  }
`);

export const UnarchiveProposalMutation = graphql(`
  mutation UnarchiveProposal($proposalId: ID!) {
    unarchiveProposal(proposalId: $proposalId) {
      id
      archived
    }
  }
`);

export const DeleteProposalMutation = graphql(`
  mutation DeleteProposal($proposalId: ID!) {
    deleteProposal(proposalId: $proposalId)
  }
`);

export const RestoreVersionMutation = graphql(`
  mutation RestoreVersion($versionId: ID!) {
    restoreVersion(versionId: $versionId) {
      id
    }
  }
`);
