import { graphql } from '../gql';

export const ReviewFields = graphql(`
  fragment ReviewFields on Review {
    id
    proposalId
    wouldHireAgain
    communication
    note
    answer
    answeredAt
    createdAt
    author {
      ...UserFields
    }
    freelancer {
      ...UserFields
    }
  }
`);

/**
 * How an engagement ends: whether and by whom it was closed, who signed the contract in
 * force as freelancer (the people a client may review), whether every milestone is
 * accepted, and the reviews written.
 */
export const EngagementEndQuery = graphql(`
  query EngagementEnd($id: ID!) {
    proposal(id: $id) {
      id
      myRole
      closedAt
      closedBy {
        ...UserFields
      }
      contractInForce {
        id
        signers {
          role
          user {
            ...UserFields
          }
        }
      }
      milestones {
        id
        state
      }
      reviews {
        ...ReviewFields
      }
    }
  }
`);

export const CloseEngagementMutation = graphql(`
  mutation CloseEngagement($proposalId: ID!) {
    closeEngagement(proposalId: $proposalId) {
      id
      closedAt
      closedBy {
        ...UserFields
      }
    }
  }
`);

export const ReviewFreelancerMutation = graphql(`
  mutation ReviewFreelancer($input: ReviewInput!) {
    reviewFreelancer(input: $input) {
      ...ReviewFields
    }
  }
`);

export const AnswerReviewMutation = graphql(`
  mutation AnswerReview($input: AnswerReviewInput!) {
    answerReview(input: $input) {
      ...ReviewFields
    }
  }
`);
