import { graphql } from '../gql';

export const TrackedMilestoneFieldsFragment = graphql(`
  fragment TrackedMilestoneFields on TrackedMilestone {
    id
    itemId
    title
    dueDate
    state
    overdue
    revisionRounds
    revisionsUsed
    revisionsLeft
    isTrial
    trial {
      paidAmount
      timeBoxDays
      rubric {
        id
        criterion
        weight
      }
    }
    submissions {
      id
      note
      links
      submittedAt
      decision
      decidedAt
      reason
      score
      rubricScores {
        criterionId
        criterion
        weight
        score
      }
    }
    metricResults {
      metricId
      name
      baseline
      target
      value
      met
    }
  }
`);

/** The engagement: the contract in force (its milestone terms and metrics) and the tracked milestones. */
export const EngagementQuery = graphql(`
  query Engagement($id: ID!) {
    proposal(id: $id) {
      id
      title
      myRole
      closedAt
      contractInForce {
        id
        number
        content {
          successMetrics {
            id
            name
            baseline
            target
          }
          milestones {
            id
            payment
            acceptanceCriteria
          }
        }
      }
      milestones {
        ...TrackedMilestoneFields
      }
    }
  }
`);

export const StartMilestoneMutation = graphql(`
  mutation StartMilestone($milestoneId: ID!) {
    startMilestone(milestoneId: $milestoneId) {
      ...TrackedMilestoneFields
    }
  }
`);

export const SubmitMilestoneMutation = graphql(`
  mutation SubmitMilestone($input: SubmitMilestoneInput!) {
    submitMilestone(input: $input) {
      ...TrackedMilestoneFields
    }
  }
`);

export const RequestMilestoneChangesMutation = graphql(`
  mutation RequestMilestoneChanges($input: RequestChangesInput!) {
    requestMilestoneChanges(input: $input) {
      ...TrackedMilestoneFields
    }
  }
`);

export const AcceptMilestoneMutation = graphql(`
  mutation AcceptMilestone($input: AcceptMilestoneInput!) {
    acceptMilestone(input: $input) {
      ...TrackedMilestoneFields
    }
  }
`);
