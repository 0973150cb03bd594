import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  ErrorCode,
  metricMet,
  type ListItem,
  type MilestoneState,
  type ParticipantRole,
  type TypedBriefContent,
} from '@brieflock/schema';
import { badInput, conflict, DomainError, forbidden, notFound } from '../../errors.js';
import { isId, parseInput } from '../../validation.js';
import { appendAudit } from '../contract/audit.js';
import { engagementLink, namesOf, notify, quoted, type Notice, type NotifyDeps } from '../notifications/notify.js';
import { assertParticipant } from '../proposals/proposal.policy.js';
import type { ServerKeys } from '../trust/server-keys.js';
import {
  AcceptMilestoneSchema,
  RequestChangesSchema,
  SubmitMilestoneSchema,
  type AcceptMilestoneInput,
  type RequestChangesInput,
  type SubmitMilestoneInput,
} from './engagement.types.js';
import { MILESTONE_COLUMNS, milestoneViewOf, type MilestoneView } from './engagement.loaders.js';
import { scoreTrial, trialRubricOf } from './trial-milestone.js';

export type MilestoneEventKind =
  | 'MILESTONE_STARTED'
  | 'MILESTONE_SUBMITTED'
  | 'MILESTONE_CHANGES_REQUESTED'
  | 'MILESTONE_ACCEPTED';

/** What a milestone step changed: the milestone, the event to announce, the notices to publish. */
export interface MilestoneStep {
  milestone: MilestoneView;
  kind: MilestoneEventKind;
  actorId: string;
  notices: Notice[];
}

export interface StepDeps {
  keys: ServerKeys;
  notify: NotifyDeps;
}

export const milestoneNotFound = () => notFound('Milestone not found.');

const ROLE_OF: Record<MilestoneEventKind, ParticipantRole> = {
  MILESTONE_STARTED: 'FREELANCER',
  MILESTONE_SUBMITTED: 'FREELANCER',
  MILESTONE_CHANGES_REQUESTED: 'CLIENT',
  MILESTONE_ACCEPTED: 'CLIENT',
};

const ACTION_OF: Record<MilestoneEventKind, string> = {
  MILESTONE_STARTED: 'start',
  MILESTONE_SUBMITTED: 'submit',
  MILESTONE_CHANGES_REQUESTED: 'request changes on',
  MILESTONE_ACCEPTED: 'accept',
};

/**
 * The milestone, read under its proposal's row lock, once the caller is known to hold the
 * role the step needs: NOT_FOUND for a non-participant (as for a milestone that does not
 * exist), FORBIDDEN for a participant in another role.
 */
async function lockedMilestone(
  tx: EntityManager,
  milestoneId: string,
  userId: string,
  kind: MilestoneEventKind,
): Promise<MilestoneView> {
  if (!isId(milestoneId)) throw milestoneNotFound();
  const [owner] = await tx.execute<{ proposal_id: string }[]>(
    'select "proposal_id" from "tracked_milestones" where "id" = ?',
    [milestoneId],
  );
  if (!owner) throw milestoneNotFound();
  const role = await assertParticipant(tx, owner.proposal_id, userId).catch(() => {
    throw milestoneNotFound();
  });
  const needed = ROLE_OF[kind];
  if (role !== needed)
    throw forbidden(`Only a ${needed.toLowerCase()} of this proposal can ${ACTION_OF[kind]} a milestone.`);
  const [proposal] = await tx.execute<{ closed_at: Date | null }[]>(
    'select "closed_at" from "proposals" where "id" = ? for update',
    [owner.proposal_id],
  );
  // A closed engagement is over: its record stands as it was when the client closed it.
  if (proposal?.closed_at)
    throw conflict(`This engagement is closed; you can no longer ${ACTION_OF[kind]} its milestones.`, {
      reason: 'ENGAGEMENT_CLOSED',
    });
  return reread(tx, milestoneId);
}

function assertState(milestone: MilestoneView, allowed: readonly MilestoneState[], kind: MilestoneEventKind): void {
  if (allowed.includes(milestone.state)) return;
  throw conflict(
    `This milestone is ${milestone.state.toLowerCase().replaceAll('_', ' ')}; you can only ${ACTION_OF[kind]} a milestone that is ${allowed
      .map((state) => state.toLowerCase().replaceAll('_', ' '))
      .join(' or ')}.`,
    { reason: 'MILESTONE_STATE', state: milestone.state },
  );
}

/** The milestone as it stands now (under the caller's lock). */
async function reread(tx: EntityManager, milestoneId: string): Promise<MilestoneView> {
  const [row] = await tx.execute<Parameters<typeof milestoneViewOf>[0][]>(
    `select ${MILESTONE_COLUMNS} from "tracked_milestones" m where m."id" = ?`,
    [milestoneId],
  );
  if (!row) throw milestoneNotFound();
  return milestoneViewOf(row);
}

/** Appends a milestone step to the proposal's audit chain, against the version whose terms it runs on. */
function auditStep(
  tx: EntityManager,
  deps: StepDeps,
  milestone: MilestoneView,
  kind: MilestoneEventKind,
  actorId: string,
  data: Record<string, unknown>,
  at: Date,
): Promise<void> {
  return appendAudit(tx, deps.keys, {
    proposalId: milestone.proposalId,
    kind,
    actorId,
    versionId: milestone.versionId,
    data: { milestoneId: milestone.id, ...data },
    at,
  });
}

async function participantsWithRole(tx: EntityManager, proposalId: string, role: ParticipantRole): Promise<string[]> {
  const rows = await tx.execute<{ user_id: string }[]>(
    `select "user_id" from "participants" where "proposal_id" = ? and "role" = ? and "user_id" is not null`,
    [proposalId, role],
  );
  return rows.map((row) => row.user_id);
}

/** The open submission of a SUBMITTED milestone (its latest, undecided). */
async function openSubmission(tx: EntityManager, milestoneId: string): Promise<{ id: string; number: number }> {
  const [row] = await tx.execute<{ id: string; number: number }[]>(
    `select "id", "number" from "milestone_submissions" where "milestone_id" = ? and "decision" is null order by "number" desc limit 1`,
    [milestoneId],
  );
  if (!row) throw conflict('This milestone has no submission awaiting a decision.', { reason: 'NO_SUBMISSION' });
  return row;
}

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

/** The success metrics of the proposal's contract in force (its newest SIGNED version). */
async function signedMetrics(tx: EntityManager, proposalId: string): Promise<Map<string, ListItem>> {
  const [row] = await tx.execute<{ content_json: TypedBriefContent | string }[]>(
    `select "content_json" from "contract_versions" where "proposal_id" = ? and "status" = 'SIGNED' order by "number" desc limit 1`,
    [proposalId],
  );
  if (!row) return new Map();
  const content =
    typeof row.content_json === 'string' ? (JSON.parse(row.content_json) as TypedBriefContent) : row.content_json;
  return new Map(
    (content.successMetrics ?? [])
      .filter((item): item is ListItem & { id: string } => item.id !== null)
      .map((item) => [item.id, item]),
  );
}

const textOrNull = (value: ListItem[string] | undefined): string | null =>
  value == null || value === '' ? null : String(value);

/** What accepting a trial scored, for the live brief once the acceptance committed. */
export interface TrialResult {
  score: number;
  note: string | null;
}

/**
 * CLIENT: SUBMITTED → ACCEPTED, recording the measured values of success metrics and the
 * client's note; the trial milestone is scored against its signed rubric (every criterion,
 * BAD_USER_INPUT otherwise), and no other milestone takes a rubric. The scores are in the
 * step's audit row, so verification catches them altered.
 */
export async function acceptMilestone(
  tx: EntityManager,
  deps: StepDeps,
  userId: string,
  input: AcceptMilestoneInput,
): Promise<MilestoneStep & { trialResult: TrialResult | null }> {
  const { milestoneId, metrics, rubric, note } = parseInput(AcceptMilestoneSchema, input);
  const kind = 'MILESTONE_ACCEPTED';
  const milestone = await lockedMilestone(tx, milestoneId, userId, kind);
  assertState(milestone, ['SUBMITTED'], kind);
  if (!milestone.isTrial && rubric !== null)
    throw badInput('rubric', 'is only for the trial milestone; other milestones are not scored against a rubric');
  const trial = milestone.isTrial ? scoreTrial(await trialRubricOf(tx, milestone.versionId), rubric) : null;
  const signed = await signedMetrics(tx, milestone.proposalId);
  const seen = new Set<string>();
  for (const [index, metric] of metrics.entries()) {
    if (!signed.has(metric.metricId))
      throw badInput(`metrics.${index}.metricId`, 'must name a success metric of the contract in force');
    if (seen.has(metric.metricId)) throw badInput(`metrics.${index}.metricId`, 'names a metric already given');
    seen.add(metric.metricId);
  }
  const submission = await openSubmission(tx, milestone.id);
  const at = new Date();
  await tx.execute(
    `update "milestone_submissions" set "decision" = 'ACCEPTED', "decided_by_id" = ?, "decided_at" = ?, "reason" = ?, "rubric_scores" = ?::jsonb, "score" = ?
      where "id" = ? and "decision" is null`,
    [userId, at, note, trial ? JSON.stringify(trial.rubricScores) : null, trial?.score ?? null, submission.id],
  );
  const recorded: { metricId: string; value: string; met: boolean | null }[] = [];
  for (const metric of metrics) {
    const item = signed.get(metric.metricId)!;
    const baseline = textOrNull(item.baseline);
    const target = textOrNull(item.target);
    const met = metricMet(metric.value, target, baseline);
    await tx.execute(
      `insert into "metric_results" ("id", "submission_id", "milestone_id", "proposal_id", "metric_id", "name", "baseline", "target", "value", "met", "recorded_at")
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        randomUUID(),
        submission.id,
        milestone.id,
        milestone.proposalId,
        metric.metricId,
        textOrNull(item.name) ?? metric.metricId,
        baseline,
        target,
        metric.value,
        met,
        at,
      ],
    );
    recorded.push({ metricId: metric.metricId, value: metric.value, met });
  }
  await tx.execute(`update "tracked_milestones" set "state" = 'ACCEPTED', "accepted_at" = ? where "id" = ?`, [
    at,
    milestone.id,
  ]);
  await auditStep(
    tx,
    deps,
    milestone,
    kind,
    userId,
    {
      submissionId: submission.id,
      metrics: recorded,
      ...(note === null ? {} : { note }),
      ...(trial ? { rubricScores: trial.rubricScores, score: trial.score } : {}),
    },
    at,
  );
  const names = await namesOf(tx, userId, milestone.proposalId);
  const notices = await notify(tx, deps.notify, {
    kind: 'MILESTONE_DECIDED',
    proposalId: milestone.proposalId,
    actorId: userId,
    recipientIds: await participantsWithRole(tx, milestone.proposalId, 'FREELANCER'),
    text: `${names.actor} accepted milestone ${quoted(milestone.title)} of ${quoted(names.title)}`,
    link: engagementLink(milestone.proposalId),
  });
  const trialResult = trial?.score == null ? null : { score: trial.score, note };
  return { milestone: await reread(tx, milestone.id), kind, actorId: userId, notices, trialResult };
}
