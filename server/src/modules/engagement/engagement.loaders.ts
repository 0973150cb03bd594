import DataLoader from 'dataloader';
import type { MilestoneState, TrialValue } from '@brieflock/schema';
import type { EntityManager } from '@mikro-orm/postgresql';
import { dateOf, groupBy, placeholders } from '../read-model.js';
import type { VersionView } from '../contract/contract.loaders.js';
import type { RubricScore } from './trial-milestone.js';

export interface MilestoneView {
  id: string;
  proposalId: string;
  itemId: string;
  versionId: string;
  position: number;
  title: string;
  dueDate: string | null;
  revisionRounds: number;
  isTrial: boolean;
  state: MilestoneState;
}

export interface SubmissionView {
  id: string;
  milestoneId: string;
  number: number;
  note: string;
  links: string[];
  submittedAt: Date;
  decision: string | null;
  decidedAt: Date | null;
  reason: string | null;
  rubricScores: RubricScore[] | null;
  score: number | null;
}

export interface MetricResultView {
  milestoneId: string;
  metricId: string;
  name: string;
  baseline: string | null;
  target: string | null;
  value: string;
  met: boolean | null;
}

export interface EngagementLoaders {
  /** A proposal's tracked milestones by position, REMOVED ones last. */
  milestonesByProposal: DataLoader<string, MilestoneView[]>;
  /** A milestone's submissions, oldest first. */
  submissionsByMilestone: DataLoader<string, SubmissionView[]>;
  /** A milestone's recorded metric results, oldest first. */
  metricResultsByMilestone: DataLoader<string, MetricResultView[]>;
  /** The trial of a frozen version's validation, by version id; null when it has none. */
  trialByVersion: DataLoader<string, TrialValue | null>;
}

const dateText = (value: string | Date | null): string | null =>
  value === null ? null : typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10);

export const milestoneViewOf = (row: {
  id: string;
  proposal_id: string;
  item_id: string;
  version_id: string;
  position: number;
  title: string;
  due_date: string | Date | null;
  revision_rounds: number;
  is_trial: boolean;
  state: MilestoneState;
}): MilestoneView => ({
  id: row.id,
  proposalId: row.proposal_id,
  itemId: row.item_id,
  versionId: row.version_id,
  position: row.position,
  title: row.title,
  dueDate: dateText(row.due_date),
  revisionRounds: row.revision_rounds,
  isTrial: row.is_trial,
  state: row.state,
});

export const MILESTONE_COLUMNS = `m."id", m."proposal_id", m."item_id", m."version_id", m."position", m."title", m."due_date"::text as "due_date", m."revision_rounds", m."is_trial", m."state"`;

/** The engagement's batch loaders for one request. */
export function createEngagementLoaders(em: EntityManager): EngagementLoaders {
  return {
    milestonesByProposal: new DataLoader(async (proposalIds) => {
      const rows = await em.execute<Parameters<typeof milestoneViewOf>[0][]>(
        `select ${MILESTONE_COLUMNS} from "tracked_milestones" m
          where m."proposal_id" in (${placeholders(proposalIds)})
          order by (m."state" = 'REMOVED'), m."position", m."created_at", m."id"`,
        [...proposalIds],
      );
      return groupBy(proposalIds, rows.map(milestoneViewOf), (milestone) => milestone.proposalId);
    }),
    submissionsByMilestone: new DataLoader(async (milestoneIds) => {
      const rows = await em.execute<
        {
          id: string;
          milestone_id: string;
          number: number;
          note: string;
          links: string[];
          submitted_at: Date;
          decision: string | null;
          decided_at: Date | null;
          reason: string | null;
          rubric_scores: RubricScore[] | string | null;
          score: number | string | null;
        }[]
      >(
        `select "id", "milestone_id", "number", "note", "links", "submitted_at", "decision", "decided_at", "reason", "rubric_scores", "score"
           from "milestone_submissions" where "milestone_id" in (${placeholders(milestoneIds)})
          order by "number"`,
        [...milestoneIds],
      );
      const submissions = rows.map(
        (row): SubmissionView => ({
          id: row.id,
          milestoneId: row.milestone_id,
          number: row.number,
          note: row.note,
          links: row.links,
          submittedAt: dateOf(row.submitted_at),
          decision: row.decision,
          decidedAt: row.decided_at === null ? null : dateOf(row.decided_at),
          reason: row.reason,
          rubricScores:
            typeof row.rubric_scores === 'string'
              ? (JSON.parse(row.rubric_scores) as RubricScore[])
              : row.rubric_scores,
          score: row.score === null ? null : Number(row.score),
        }),
      );
      return groupBy(milestoneIds, submissions, (submission) => submission.milestoneId);
    }),
    metricResultsByMilestone: new DataLoader(async (milestoneIds) => {
      const rows = await em.execute<
        {
          milestone_id: string;
          metric_id: string;
          name: string;
          baseline: string | null;
          target: string | null;
          value: string;
          met: boolean | null;
        }[]
      >(
        `select "milestone_id", "metric_id", "name", "baseline", "target", "value", "met"
           from "metric_results" where "milestone_id" in (${placeholders(milestoneIds)})
          order by "recorded_at", "id"`,
        [...milestoneIds],
      );
      const results = rows.map(
        (row): MetricResultView => ({
          milestoneId: row.milestone_id,
          metricId: row.metric_id,
          name: row.name,
          baseline: row.baseline,
          target: row.target,
          value: row.value,
          met: row.met,
        }),
      );
      return groupBy(milestoneIds, results, (result) => result.milestoneId);
    }),
    trialByVersion: new DataLoader(async (versionIds) => {
      const rows = await em.execute<{ id: string; trial: TrialValue | string | null }[]>(
        `select "id", "content_json"::jsonb->'validation'->'trial' as "trial"
           from "contract_versions" where "id" in (${placeholders(versionIds)})`,
        [...versionIds],
      );
      const byId = new Map(
        rows.map((row) => [row.id, typeof row.trial === 'string' ? (JSON.parse(row.trial) as TrialValue) : row.trial]),
      );
      return versionIds.map((id) => byId.get(id) ?? null);
    }),
  };
}

/** The newest SIGNED version among a proposal's versions (listed newest first). */
export const contractInForceOf = (versions: VersionView[]): VersionView | null =>
  versions.find((version) => version.status === 'SIGNED') ?? null;
