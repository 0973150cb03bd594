import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { metricMet, type ListItem, type TypedBriefContent } from '@brieflock/schema';
import { badInput } from '../../errors.js';
import { versionContent } from '../contract/contract-in-force.js';
import { parseInput } from '../../validation.js';
import { engagementLink, namesOf, notify, quoted } from '../notifications/notify.js';
import { AcceptMilestoneSchema, type AcceptMilestoneInput } from './engagement.types.js';
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
import { scoreTrial } from './trial-milestone.js';

/** The success metrics a version signed, by item id. */
const signedMetrics = (content: TypedBriefContent | null): Map<string, ListItem> =>
  new Map(
    (content?.successMetrics ?? [])
      .filter((item): item is ListItem & { id: string } => item.id !== null)
      .map((item) => [item.id, item]),
  );

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
  // A submitted milestone runs on the contract in force: its version states the terms.
  const content = await versionContent(tx, milestone.versionId);
  const trial = milestone.isTrial ? scoreTrial(content?.validation?.trial?.rubric ?? [], rubric) : null;
  const signed = signedMetrics(content);
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
