import { graphql } from '../gql';

export const SuggestionFields = graphql(`
  fragment SuggestionFields on Suggestion {
    id
    proposalId
    kind
    section
    itemId
    field
    status
    summary
    createdAt
    currentValue
    proposedValue
    author {
      ...UserFields
    }
  }
`);

export const OpenSuggestionsQuery = graphql(`
  query OpenSuggestions($id: ID!) {
    proposal(id: $id) {
      id
      suggestions(status: OPEN) {
        ...SuggestionFields
      }
    }
  }
`);

export const SuggestChangeMutation = graphql(`
  mutation SuggestChange($input: SuggestChangeInput!) {
    suggestChange(input: $input) {
      ...SuggestionFields
    }
  }
`);

export const AcceptSuggestionMutation = graphql(`
  mutation AcceptSuggestion($id: ID!, $proposalId: ID) {
    acceptSuggestion(id: $id, proposalId: $proposalId) {
      ...SuggestionFields
    }
  }
`);

export const RejectSuggestionMutation = graphql(`
  mutation RejectSuggestion($id: ID!, $proposalId: ID) {
    rejectSuggestion(id: $id, proposalId: $proposalId) {
      ...SuggestionFields
    }
  }
`);

export const WithdrawSuggestionMutation = graphql(`
  mutation WithdrawSuggestion($id: ID!, $proposalId: ID) {
    withdrawSuggestion(id: $id, proposalId: $proposalId) {
      ...SuggestionFields
    }
  }
`);

export const AcceptSuggestionsMutation = graphql(`
  mutation AcceptSuggestions($proposalId: ID!, $authorId: ID!) {
    acceptSuggestions(proposalId: $proposalId, authorId: $authorId) {
      ...SuggestionFields
    }
  }
`);

export const RejectSuggestionsMutation = graphql(`
  mutation RejectSuggestions($proposalId: ID!, $authorId: ID!) {
    rejectSuggestions(proposalId: $proposalId, authorId: $authorId) {
      ...SuggestionFields
    }
  }
`);
