import { graphql } from '../gql';

export const MeQuery = graphql(`
  query Me {
    me {
      ...AccountFields
    }
  }
`);

// The payload also carries a token for non-browser clients; the web client relies on
// the httpOnly cookie and never asks for it.
export const SignInMutation = graphql(`
  mutation SignIn($input: SignInInput!) {
    signIn(input: $input) {
      user {
        ...AccountFields
      }
    }
  }
`);

export const SignUpMutation = graphql(`
  mutation SignUp($input: SignUpInput!) {
    signUp(input: $input) {
      user {
        ...AccountFields
      }
    }
  }
`);

export const SignOutMutation = graphql(`
  mutation SignOut {
    signOut
  }
`);

export const SignOutEverywhereMutation = graphql(`
  mutation SignOutEverywhere {
    signOutEverywhere
  }
`);
