import type { TypedBriefContent } from '@brieflock/schema';
import type { TestApp } from './app.js';
import { completeBrief } from './brief.js';
import { freezeOk, readyCast, sign, type VersionView } from './contract.js';
import type { GraphQLResult } from './graphql.js';
import type { TestUser } from './factories.js';

export const MILESTONE_FIELDS =
  'id itemId title dueDate state revisionRounds isTrial revisionsUsed revisionsLeft overdue submissions { id note links submittedAt decision decidedAt reason score rubricScores { criterionId criterion weight score } } metricResults { metricId name baseline target value met }';

export interface MilestoneView {
  id: string;
  itemId: string;
  title: string;
  dueDate: string | null;
  state: string;
  revisionRounds: number;
  isTrial: boolean;
  revisionsUsed: number;
  revisionsLeft: number;
  overdue: boolean;
  submissions: {
    id: string;
    note: string;
    links: string[];
    submittedAt: string;
    decision: string | null;
    decidedAt: string | null;
    reason: string | null;
    score: number | null;
    rubricScores: { criterionId: string; criterion: string; weight: number | null; score: number }[] | null;
  }[];
  metricResults: {
    metricId: string;
    name: string;
    baseline: string | null;
    target: string | null;
    value: string;
    met: boolean | null;
  }[];
}

/** Freezes the live brief as `by` and has every required signer sign it: the version is executed. */
export async function executeVersion(
  t: TestApp,
  by: TestUser,
  signers: TestUser[],
  proposalId: string,
): Promise<VersionView> {
  const version = await freezeOk(t, by, proposalId);
  for (const signer of signers) {
    const signed = await sign(t, signer, version.id, version.contentHash);
    if (signed.errors) throw new Error(`signVersion failed: ${JSON.stringify(signed.errors)}`);
  }
  return version;
}

/** A ready cast (client, freelancer, viewer, outsider) whose version 1 is executed. */
export async function engagedCast(t: TestApp, brief: TypedBriefContent = completeBrief()) {
  const cast = await readyCast(t, brief);
  const v1 = await executeVersion(t, cast.client, [cast.client, cast.freelancer], cast.proposal.id);
  return { ...cast, v1 };
}

/** The proposal's contract in force and tracked milestones, as `user` sees them. */
export async function engagementOf(t: TestApp, user: TestUser, proposalId: string) {
  const result = await t.api.gql<{
    proposal: { contractInForce: { id: string; number: number; status: string } | null; milestones: MilestoneView[] };
  }>(
    `query($id: ID!) { proposal(id: $id) { contractInForce { id number status } milestones { ${MILESTONE_FIELDS} } } }`,
    { id: proposalId },
    { token: user.token },
  );
  if (!result.data?.proposal) throw new Error(`proposal failed: ${JSON.stringify(result.errors)}`);
  return result.data.proposal;
}

type MilestoneResult<K extends string> = GraphQLResult<Record<K, MilestoneView>>;

export function startMilestone(
  t: TestApp,
  user: TestUser,
  milestoneId: string,
): Promise<MilestoneResult<'startMilestone'>> {
  return t.api.gql(
    `mutation($id: ID!) { startMilestone(milestoneId: $id) { ${MILESTONE_FIELDS} } }`,
    { id: milestoneId },
    { token: user.token },
  );
}

export function submitMilestone(
  t: TestApp,
  user: TestUser,
  input: { milestoneId: string; note: string; links?: string[] },
): Promise<MilestoneResult<'submitMilestone'>> {
  return t.api.gql(
    `mutation($input: SubmitMilestoneInput!) { submitMilestone(input: $input) { ${MILESTONE_FIELDS} } }`,
    { input },
    { token: user.token },
  );
}

export function requestChanges(
  t: TestApp,
  user: TestUser,
  input: { milestoneId: string; reason: string },
): Promise<MilestoneResult<'requestMilestoneChanges'>> {
  return t.api.gql(
    `mutation($input: RequestChangesInput!) { requestMilestoneChanges(input: $input) { ${MILESTONE_FIELDS} } }`,
    { input },
    { token: user.token },
  );
}

export function acceptMilestone(
  t: TestApp,
  user: TestUser,
  input: {
    milestoneId: string;
    metrics?: { metricId: string; value: string }[];
    rubric?: { criterionId: string; score: number }[];
    note?: string;
  },
): Promise<MilestoneResult<'acceptMilestone'>> {
  return t.api.gql(
    `mutation($input: AcceptMilestoneInput!) { acceptMilestone(input: $input) { ${MILESTONE_FIELDS} } }`,
    { input },
    { token: user.token },
  );
}

/** Throws with the errors unless the result has data. */
export function ok<K extends string>(result: MilestoneResult<K>, key: K): MilestoneView {
  const milestone = result.data?.[key];
  if (!milestone) throw new Error(`${key} failed: ${JSON.stringify(result.errors)}`);
  return milestone;
}
