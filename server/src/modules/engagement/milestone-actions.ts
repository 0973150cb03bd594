import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ErrorCode } from '@brieflock/schema';
import { DomainError } from '../../errors.js';
import { parseInput } from '../../validation.js';
import { engagementLink, namesOf, notify, quoted } from '../notifications/notify.js';
import {
  RequestChangesSchema,
  SubmitMilestoneSchema,
  type RequestChangesInput,
  type SubmitMilestoneInput,
} from './engagement.types.js';
import {
  assertState,
  auditStep,
  lockedMilestone,
  type MilestoneStep,
  openSubmission,
  participantsWithRole,
  reread,
  type StepDeps,
} from './milestone-step.js';

export { acceptMilestone, type TrialResult } from './accept-milestone.js';
export type { MilestoneEventKind, MilestoneStep, StepDeps } from './milestone-step.js';

/** FREELANCER: PLANNED → IN_PROGRESS. */
export async function startMilestone(
  tx: EntityManager,
  deps: StepDeps,
  userId: string,
  milestoneId: string,
): Promise<MilestoneStep> {
  const kind = 'MILESTONE_STARTED';
  const milestone = await lockedMilestone(tx, milestoneId, userId, kind);
  assertState(milestone, ['PLANNED'], kind);
  const at = new Date();
  await tx.execute(`update "tracked_milestones" set "state" = 'IN_PROGRESS', "started_at" = ? where "id" = ?`, [
    at,
    milestone.id,
  ]);
  await auditStep(tx, deps, milestone, kind, userId, {}, at);
  return { milestone: await reread(tx, milestone.id), kind, actorId: userId, notices: [] };
}

/** FREELANCER: IN_PROGRESS or CHANGES_REQUESTED → SUBMITTED, with a new numbered submission. */
export async function submitMilestone(
  tx: EntityManager,
  deps: StepDeps,
  userId: string,
  input: SubmitMilestoneInput,
): Promise<MilestoneStep> {
  const { milestoneId, note, links } = parseInput(SubmitMilestoneSchema, input);
  const kind = 'MILESTONE_SUBMITTED';
  const milestone = await lockedMilestone(tx, milestoneId, userId, kind);
  assertState(milestone, ['IN_PROGRESS', 'CHANGES_REQUESTED'], kind);
  const at = new Date();
  const [{ next }] = (await tx.execute<{ next: number }[]>(
    'select coalesce(max("number"), 0) + 1 as "next" from "milestone_submissions" where "milestone_id" = ?',
    [milestone.id],
  )) as [{ next: number }];
  const number = Number(next);
  const submissionId = randomUUID();
  await tx.execute(
    `insert into "milestone_submissions" ("id", "milestone_id", "proposal_id", "number", "submitted_by_id", "note", "links", "submitted_at")
     values (?, ?, ?, ?, ?, ?, array(select jsonb_array_elements_text(?::jsonb)), ?)`,
    // A list binding would be spread into placeholders: the links travel as one JSON array.
    [submissionId, milestone.id, milestone.proposalId, number, userId, note, JSON.stringify(links), at],
  );
  await tx.execute(`update "tracked_milestones" set "state" = 'SUBMITTED', "submitted_at" = ? where "id" = ?`, [
    at,
    milestone.id,
  ]);
  // The note and links go into the sealed trail, so a delivery altered later is found.
  await auditStep(tx, deps, milestone, kind, userId, { submissionId, number, note, links }, at);
  const names = await namesOf(tx, userId, milestone.proposalId);
  const notices = await notify(tx, deps.notify, {
    kind: 'MILESTONE_SUBMITTED',
    proposalId: milestone.proposalId,
    actorId: userId,
    recipientIds: await participantsWithRole(tx, milestone.proposalId, 'CLIENT'),
    text: `${names.actor} submitted milestone ${quoted(milestone.title)} of ${quoted(names.title)} for review`,
    link: engagementLink(milestone.proposalId),
  });
  return { milestone: await reread(tx, milestone.id), kind, actorId: userId, notices };
}

/** CLIENT: SUBMITTED → CHANGES_REQUESTED, using one of the signed revision rounds. */
export async function requestMilestoneChanges(
  tx: EntityManager,
  deps: StepDeps,
  userId: string,
  input: RequestChangesInput,
): Promise<MilestoneStep> {
  const { milestoneId, reason } = parseInput(RequestChangesSchema, input);
  const kind = 'MILESTONE_CHANGES_REQUESTED';
  const milestone = await lockedMilestone(tx, milestoneId, userId, kind);
  assertState(milestone, ['SUBMITTED'], kind);
  const [{ used }] = (await tx.execute<{ used: string }[]>(
    `select count(*) as "used" from "milestone_submissions" where "milestone_id" = ? and "decision" = 'CHANGES_REQUESTED'`,
    [milestone.id],
  )) as [{ used: string }];
  const alreadyUsed = Number(used);
  if (alreadyUsed >= milestone.revisionRounds)
    throw new DomainError(
      ErrorCode.REVISION_BUDGET_EXHAUSTED,
      `The signed contract allows ${milestone.revisionRounds} revision round${milestone.revisionRounds === 1 ? '' : 's'} for this milestone and all are used. Accept it, or propose a change order for more rounds.`,
      { milestoneId: milestone.id, revisionRounds: milestone.revisionRounds },
    );
  const submission = await openSubmission(tx, milestone.id);
  const at = new Date();
  await tx.execute(
    `update "milestone_submissions" set "decision" = 'CHANGES_REQUESTED', "decided_by_id" = ?, "decided_at" = ?, "reason" = ? where "id" = ? and "decision" is null`,
    [userId, at, reason, submission.id],
  );
  await tx.execute(`update "tracked_milestones" set "state" = 'CHANGES_REQUESTED' where "id" = ?`, [milestone.id]);
  const revisionsUsed = alreadyUsed + 1;
  await auditStep(tx, deps, milestone, kind, userId, { submissionId: submission.id, reason, revisionsUsed }, at);
  const names = await namesOf(tx, userId, milestone.proposalId);
  const notices = await notify(tx, deps.notify, {
    kind: 'MILESTONE_DECIDED',
    proposalId: milestone.proposalId,
    actorId: userId,
    recipientIds: await participantsWithRole(tx, milestone.proposalId, 'FREELANCER'),
    text: `${names.actor} requested changes to milestone ${quoted(milestone.title)} of ${quoted(names.title)}`,
    link: engagementLink(milestone.proposalId),
  });
  return { milestone: await reread(tx, milestone.id), kind, actorId: userId, notices };
}
