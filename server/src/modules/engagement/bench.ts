import type { EntityManager } from '@mikro-orm/postgresql';
import { Proposal } from '../proposals/proposal.entity.js';
import {
  type BenchEvidence,
  type BenchEvidenceKind,
  type ReviewRow,
  type ReviewView,
  reviewOf,
} from './reviews.types.js';

/** A bench entry before its freelancer is resolved. */
export interface BenchEntryView {
  freelancerId: string;
  engagements: number;
  milestonesAccepted: number;
  acceptedOnTime: number;
  revisionsUsed: number;
  revisionsBudgeted: number;
  metricsMet: number;
  metricsMeasured: number;
  trialScores: number[];
  reviews: ReviewView[];
  proposals: Proposal[];
  evidence: BenchEvidence[];
}

const escapeRegex = (word: string): string => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The words of a skill filter, each as a case-insensitive whole-word pattern. */
export function skillPatterns(skill: string | null | undefined): string[] {
  const words = (skill ?? '')
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => word !== '')
    .slice(0, 10);
  return words.map((word) => `(^|[^[:alnum:]_])${escapeRegex(word)}($|[^[:alnum:]_])`);
}

/**
 * Engagements: for each proposal the viewer is a CLIENT of, the FREELANCER signers of
 * its SIGNED versions. With skill words, only proposals whose contract in force (newest
 * SIGNED version) names every word in its team (role, responsibility, member) or
 * deliverables (title, description) count, and the figures cover those alone.
 */
const ENGAGED = `
  with "mine" as (
    select "proposal_id" from "participants" where "user_id" = ? and "role" = 'CLIENT'
  ), "in_force" as (
    select distinct on (v."proposal_id") v."proposal_id", v."content_json"::jsonb as "content"
      from "contract_versions" v join "mine" using ("proposal_id")
     where v."status" = 'SIGNED'
     order by v."proposal_id", v."number" desc
  ), "matching" as (
    select f."proposal_id" from "in_force" f
     where not exists (
       select 1 from unnest(?::text[]) as w("pattern")
        where not (
          coalesce((select string_agg(concat_ws(' ', t->>'role', t->>'responsibility', t->>'member'), ' ')
                      from jsonb_array_elements(case when jsonb_typeof(f."content"->'team') = 'array' then f."content"->'team' else '[]'::jsonb end) t), '')
          || ' ' ||
          coalesce((select string_agg(concat_ws(' ', d->>'title', d->>'description'), ' ')
                      from jsonb_array_elements(case when jsonb_typeof(f."content"->'deliverables') = 'array' then f."content"->'deliverables' else '[]'::jsonb end) d), '')
        ) ~* w."pattern")
  )
  select vs."user_id" as "freelancer_id", v."proposal_id", v."id" as "version_id", s."signed_at"
    from "contract_versions" v
    join "matching" m on m."proposal_id" = v."proposal_id"
    join "version_signers" vs on vs."version_id" = v."id" and vs."role" = 'FREELANCER'
    join "signatures" s on s."version_id" = v."id" and s."signer_id" = vs."user_id"
   where v."status" = 'SIGNED'
   order by s."signed_at", v."id"`;

/** Per proposal: its figures, computed from the milestone records. */
const FIGURES = `
  select p."id" as "proposal_id",
    (select count(*) from "tracked_milestones" m where m."proposal_id" = p."id" and m."state" = 'ACCEPTED')::int as "accepted",
    (select count(*) from "tracked_milestones" m where m."proposal_id" = p."id" and m."state" = 'ACCEPTED'
        and (m."due_date" is null or (m."accepted_at" at time zone 'UTC')::date <= m."due_date"))::int as "on_time",
    (select count(*) from "milestone_submissions" s where s."proposal_id" = p."id" and s."decision" = 'CHANGES_REQUESTED')::int as "revisions_used",
    (select coalesce(sum(m."revision_rounds"), 0) from "tracked_milestones" m where m."proposal_id" = p."id" and m."state" <> 'REMOVED')::int as "revisions_budgeted",
    (select count(*) from "metric_results" r where r."proposal_id" = p."id" and r."met")::int as "metrics_met",
    (select count(*) from "metric_results" r where r."proposal_id" = p."id")::int as "metrics_measured"
  from "proposals" p where p."id" = any(?::uuid[])`;

/** Every record the figures count, with the ids that lead back to it. */
const EVIDENCE = `
  select 'MILESTONE_ACCEPTED' as "kind", m."proposal_id", m."version_id", m."id" as "milestone_id",
         (select s."id" from "milestone_submissions" s where s."milestone_id" = m."id" and s."decision" = 'ACCEPTED' order by s."number" desc limit 1) as "submission_id",
         m."title" as "label", m."accepted_at" as "at",
         (m."due_date" is null or (m."accepted_at" at time zone 'UTC')::date <= m."due_date") as "met", null::double precision as "score"
    from "tracked_milestones" m where m."proposal_id" = any(?::uuid[]) and m."state" = 'ACCEPTED'
  union all
  select 'CHANGES_REQUESTED', s."proposal_id", m."version_id", m."id", s."id", m."title", s."decided_at", null, null
    from "milestone_submissions" s join "tracked_milestones" m on m."id" = s."milestone_id"
   where s."proposal_id" = any(?::uuid[]) and s."decision" = 'CHANGES_REQUESTED'
  union all
  select 'METRIC_RESULT', r."proposal_id", m."version_id", m."id", r."submission_id", r."name", r."recorded_at", r."met", null
    from "metric_results" r join "tracked_milestones" m on m."id" = r."milestone_id"
   where r."proposal_id" = any(?::uuid[])
  union all
  select 'TRIAL_SCORE', s."proposal_id", m."version_id", m."id", s."id", m."title", s."decided_at", null, s."score"
    from "milestone_submissions" s join "tracked_milestones" m on m."id" = s."milestone_id"
   where s."proposal_id" = any(?::uuid[]) and m."is_trial" and s."decision" = 'ACCEPTED' and s."score" is not null
  order by "at" nulls last, "submission_id"`;

interface FigureRow {
  proposal_id: string;
  accepted: number;
  on_time: number;
  revisions_used: number;
  revisions_budgeted: number;
  metrics_met: number;
  metrics_measured: number;
}

interface EvidenceRow {
  kind: BenchEvidenceKind;
  proposal_id: string;
  version_id: string | null;
  milestone_id: string | null;
  submission_id: string | null;
  label: string | null;
  at: Date | string | null;
  met: boolean | null;
  score: number | null;
}

const uuidArray = (ids: Iterable<string>) => `{${[...ids].join(',')}}`;

/**
 * The viewer's bench: every freelancer who signed an executed version of a proposal the
 * viewer is a CLIENT of, with figures computed from the records. Five statements
 * whatever the number of freelancers, proposals or milestones.
 */
export async function benchOf(em: EntityManager, viewerId: string, skill?: string | null): Promise<BenchEntryView[]> {
  const engaged = await em.execute<
    { freelancer_id: string; proposal_id: string; version_id: string; signed_at: Date | string }[]
  >(ENGAGED, [
    viewerId,
    `{${skillPatterns(skill)
      .map((p) => `"${p.replace(/(["\\])/g, '\\$1')}"`)
      .join(',')}}`,
  ]);
  if (engaged.length === 0) return [];
  const proposalIds = [...new Set(engaged.map((row) => row.proposal_id))];
  const ids = uuidArray(proposalIds);
  const freelancerIds = [...new Set(engaged.map((row) => row.freelancer_id))];
  const [figures, evidence, reviews, proposals] = await Promise.all([
    em.execute<FigureRow[]>(FIGURES, [ids]),
    em.execute<EvidenceRow[]>(EVIDENCE, [ids, ids, ids, ids]),
    em.execute<ReviewRow[]>(
      `select * from "reviews" where "author_id" = ? and "proposal_id" = any(?::uuid[]) and "freelancer_id" = any(?::uuid[]) order by "created_at", "id"`,
      [viewerId, ids, uuidArray(freelancerIds)],
    ),
    em.execute<Record<string, unknown>[]>(`select * from "proposals" where "id" = any(?::uuid[])`, [ids]),
  ]);
  const figuresOf = new Map(figures.map((row) => [row.proposal_id, row]));
  const proposalOf = new Map(proposals.map((row) => [row.id as string, em.map(Proposal, row)]));

  const entries = new Map<
    string,
    BenchEntryView & { versions: { proposalId: string; versionId: string; at: Date | string }[] }
  >();
  for (const row of engaged) {
    let entry = entries.get(row.freelancer_id);
    if (!entry) {
      entry = {
        freelancerId: row.freelancer_id,
        engagements: 0,
        milestonesAccepted: 0,
        acceptedOnTime: 0,
        revisionsUsed: 0,
        revisionsBudgeted: 0,
        metricsMet: 0,
        metricsMeasured: 0,
        trialScores: [],
        reviews: [],
        proposals: [],
        evidence: [],
        versions: [],
      };
      entries.set(row.freelancer_id, entry);
    }
    entry.versions.push({ proposalId: row.proposal_id, versionId: row.version_id, at: row.signed_at });
    if (entry.proposals.some((proposal) => proposal.id === row.proposal_id)) continue;
    entry.proposals.push(proposalOf.get(row.proposal_id)!);
    const f = figuresOf.get(row.proposal_id)!;
    entry.engagements += 1;
    entry.milestonesAccepted += f.accepted;
    entry.acceptedOnTime += f.on_time;
    entry.revisionsUsed += f.revisions_used;
    entry.revisionsBudgeted += f.revisions_budgeted;
    entry.metricsMet += f.metrics_met;
    entry.metricsMeasured += f.metrics_measured;
  }
  for (const entry of entries.values()) {
    const mine = new Set(entry.proposals.map((proposal) => proposal.id));
    const records = evidence.filter((row) => mine.has(row.proposal_id));
    entry.trialScores = records.filter((row) => row.kind === 'TRIAL_SCORE').map((row) => Number(row.score));
    entry.evidence = [
      ...entry.versions.map((v) => ({
        kind: 'ENGAGEMENT' as const,
        proposalId: v.proposalId,
        versionId: v.versionId,
        milestoneId: null,
        submissionId: null,
        label: null,
        at: new Date(v.at),
        met: null,
        score: null,
      })),
      ...records.map((row) => ({
        kind: row.kind,
        proposalId: row.proposal_id,
        versionId: row.version_id,
        milestoneId: row.milestone_id,
        submissionId: row.submission_id,
        label: row.label,
        at: row.at === null ? null : new Date(row.at),
        met: row.met,
        score: row.score === null ? null : Number(row.score),
      })),
    ];
    entry.reviews = reviews
      .filter((review) => review.freelancer_id === entry.freelancerId && mine.has(review.proposal_id))
      .map(reviewOf);
  }
  return [...entries.values()].map(({ versions: _versions, ...entry }) => entry);
}
