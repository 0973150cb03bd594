import { graphql } from '../gql';

export const TemplatesQuery = graphql(`
  query Templates {
    templates {
      key
      title
      description
    }
  }
`);

export const CreateProposalFromMutation = graphql(`
  mutation CreateProposalFrom($input: CreateFromInput!) {
    createProposalFrom(input: $input) {
      id
      title
    }
  }
`);
