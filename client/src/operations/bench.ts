import { graphql } from '../gql';

export const MyBenchQuery = graphql(`
  query MyBench($skill: String) {
    myBench(skill: $skill) {
      freelancer {
        id
        name
        email
      }
      engagements
      milestonesAccepted
      acceptedOnTime
      revisionsUsed
      revisionsBudgeted
      metricsMet
      metricsMeasured
      trialScores
      reviews {
        id
        wouldHireAgain
        communication
        note
        answer
        createdAt
      }
      proposals {
        id
        title
      }
      evidence {
        kind
        proposalId
        versionId
        milestoneId
        submissionId
        label
        met
      }
    }
  }
`);
