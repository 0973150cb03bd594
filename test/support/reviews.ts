import type { TestApp } from './app.js';
import { freezeOk, readyCast, sign } from './contract.js';
import type { TestUser } from './factories.js';
import type { TypedBriefContent } from '@brieflock/schema';
import { completeBrief } from './brief.js';

/** A ready cast whose version 1 is signed by the client and the freelancer: a contract in force. */
export async function signedCast(t: TestApp, brief: TypedBriefContent = completeBrief()) {
  const cast = await readyCast(t, brief);
  const v1 = await freezeOk(t, cast.client, cast.proposal.id);
  for (const user of [cast.client, cast.freelancer]) {
    const signed = await sign(t, user, v1.id, v1.contentHash);
    if (signed.errors) throw new Error(`signVersion failed: ${JSON.stringify(signed.errors)}`);
  }
  return { ...cast, v1 };
}

export const REVIEW_FIELDS =
  'id proposalId author { id } freelancer { id } wouldHireAgain communication note answer answeredAt createdAt';

export interface ReviewView {
  id: string;
  proposalId: string;
  author: { id: string };
  freelancer: { id: string };
  wouldHireAgain: boolean;
  communication: number;
  note: string;
  answer: string | null;
  answeredAt: string | null;
  createdAt: string;
}

export function closeEngagement(t: TestApp, user: TestUser, proposalId: string) {
  return t.api.gql<{ closeEngagement: { id: string; closedAt: string | null; closedBy: { id: string } | null } }>(
    'mutation($id: ID!) { closeEngagement(proposalId: $id) { id closedAt closedBy { id } } }',
    { id: proposalId },
    { token: user.token },
  );
}

export function reviewFreelancer(
  t: TestApp,
  user: TestUser,
  input: { proposalId: string; freelancerId: string; wouldHireAgain?: boolean; communication?: number; note?: string },
) {
  return t.api.gql<{ reviewFreelancer: ReviewView }>(
    `mutation($input: ReviewInput!) { reviewFreelancer(input: $input) { ${REVIEW_FIELDS} } }`,
    { input: { wouldHireAgain: true, communication: 5, note: 'Clear weekly demos.', ...input } },
    { token: user.token },
  );
}

export function answerReview(t: TestApp, user: TestUser, reviewId: string, answer: string) {
  return t.api.gql<{ answerReview: ReviewView }>(
    `mutation($input: AnswerReviewInput!) { answerReview(input: $input) { ${REVIEW_FIELDS} } }`,
    { input: { reviewId, answer } },
    { token: user.token },
  );
}

/** The kinds of a proposal's audit rows, in chain order. */
export async function auditKinds(t: TestApp, proposalId: string): Promise<string[]> {
  const { rows } = await t.db.query<{ kind: string }>(
    'select kind from audit_events where proposal_id = $1 order by sequence',
    [proposalId],
  );
  return rows.map((row) => row.kind);
}

const BENCH = `query($skill: String) { myBench(skill: $skill) {
  freelancer { id name } engagements milestonesAccepted acceptedOnTime revisionsUsed revisionsBudgeted
  metricsMet metricsMeasured trialScores reviews { id note answer author { id } freelancer { id } } proposals { id }
  evidence { kind proposalId versionId milestoneId submissionId label met score }
} }`;

export interface BenchView {
  freelancer: { id: string; name: string };
  engagements: number;
  milestonesAccepted: number;
  acceptedOnTime: number;
  revisionsUsed: number;
  revisionsBudgeted: number;
  metricsMet: number;
  metricsMeasured: number;
  trialScores: number[];
  reviews: { id: string; note: string; answer: string | null; author: { id: string }; freelancer: { id: string } }[];
  proposals: { id: string }[];
  evidence: {
    kind: string;
    proposalId: string;
    versionId: string | null;
    milestoneId: string | null;
    submissionId: string | null;
    label: string | null;
    met: boolean | null;
    score: number | null;
  }[];
}

/** myBench as `user` (optionally filtered by skill words); throws unless it answers. */
export async function benchOf(t: TestApp, user: TestUser, skill: string | null = null): Promise<BenchView[]> {
  const result = await t.api.gql<{ myBench: BenchView[] }>(BENCH, { skill }, { token: user.token });
  if (!result.data?.myBench) throw new Error(JSON.stringify(result.errors));
  return result.data.myBench;
}
