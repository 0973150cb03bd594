import { graphql } from '../gql';

export const MyPasskeysQuery = graphql(`
  query MyPasskeys {
    me {
      id
      passkeys {
        id
        name
        createdAt
        lastUsedAt
      }
    }
  }
`);

export const StartPasskeyRegistrationMutation = graphql(`
  mutation StartPasskeyRegistration {
    startPasskeyRegistration
  }
`);

export const FinishPasskeyRegistrationMutation = graphql(`
  mutation FinishPasskeyRegistration($response: JSON!, $name: String) {
    finishPasskeyRegistration(response: $response, name: $name) {
      id
      name
      createdAt
      lastUsedAt
    }
  }
`);

export const RenamePasskeyMutation = graphql(`
  mutation RenamePasskey($id: ID!, $name: String!) {
    renamePasskey(id: $id, name: $name) {
      id
      name
    }
  }
`);

export const RemovePasskeyMutation = graphql(`
  mutation RemovePasskey($id: ID!) {
    removePasskey(id: $id)
  }
`);

export const StartPasskeySignInMutation = graphql(`
  mutation StartPasskeySignIn($email: String) {
    startPasskeySignIn(email: $email)
  }
`);

// The web client relies on the httpOnly cookie and never asks for the token.
export const FinishPasskeySignInMutation = graphql(`
  mutation FinishPasskeySignIn($response: JSON!) {
    finishPasskeySignIn(response: $response) {
      user {
        ...AccountFields
      }
    }
  }
`);

export const StartVersionSigningMutation = graphql(`
  mutation StartVersionSigning($versionId: ID!) {
    startVersionSigning(versionId: $versionId)
  }
`);
