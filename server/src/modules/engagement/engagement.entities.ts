import { randomUUID } from 'node:crypto';
import {
  Check,
  Entity,
  Enum,
  Index,
  ManyToOne,
  OptionalProps,
  PrimaryKey,
  Property,
  Unique,
  type Ref,
} from '@mikro-orm/core';
import {
  MILESTONE_STATES,
  SUBMISSION_DECISIONS,
  type MilestoneState,
  type SubmissionDecision,
} from '@brieflock/schema';
import { User } from '../accounts/user.entity.js';
import { Proposal } from '../proposals/proposal.entity.js';
import { ContractVersion } from '../contract/contract-version.entity.js';

/**
 * A milestone of the contract in force, tracked by the id of its milestone item. Its
 * terms (title, due date, revision rounds, payment) are those of `version`, the executed
 * version it was last carried over from.
 */
@Entity({ tableName: 'tracked_milestones' })
@Check({ name: 'tracked_milestones_revision_rounds_check', expression: '"revision_rounds" >= 0' })
@Unique({ name: 'tracked_milestones_item_unique', properties: ['proposal', 'itemId'] })
@Index({
  name: 'tracked_milestones_due_index',
  expression: `create index "tracked_milestones_due_index" on "tracked_milestones" ("due_date") where "state" in ('PLANNED', 'IN_PROGRESS', 'SUBMITTED', 'CHANGES_REQUESTED')`,
})
export class TrackedMilestoneRecord {
  [OptionalProps]?: 'state' | 'isTrial' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Proposal, { ref: true, deleteRule: 'cascade' })
  proposal!: Ref<Proposal>;

  /** The milestone item's id in the brief (`trial` for the trial task run as milestone 0). */
  @Property({ type: 'string', length: 200 })
  itemId!: string;

  @ManyToOne(() => ContractVersion, { ref: true })
  version!: Ref<ContractVersion>;

  /** Its place in the signed list (the trial comes first). */
  @Property({ type: 'integer' })
  position!: number;

  @Property({ type: 'text' })
  title!: string;

  /** YYYY-MM-DD, as signed. */
  @Property({ type: 'date', nullable: true })
  dueDate: string | null = null;

  @Property({ type: 'text' })
  acceptanceCriteria!: string;

  @Property({ type: 'text' })
  payment!: string;

  /** Requests for changes the signed terms allow. */
  @Property({ type: 'integer' })
  revisionRounds!: number;

  @Property({ type: 'boolean', default: false })
  isTrial = false;

  @Enum({ items: () => [...MILESTONE_STATES], nativeEnumName: 'milestone_state', default: 'PLANNED' })
  state: MilestoneState = 'PLANNED';

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  startedAt: Date | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  submittedAt: Date | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  acceptedAt: Date | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  removedAt: Date | null = null;

  /** When the parties were told the due date is near, and that it has come. */
  @Property({ type: 'timestamptz', nullable: true })
  dueSoonNotifiedAt: Date | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  dueNotifiedAt: Date | null = null;
}

/** One delivery of a milestone, numbered 1, 2, 3 … per milestone, and the client's decision on it. */
@Entity({ tableName: 'milestone_submissions' })
@Unique({ name: 'milestone_submissions_number_unique', properties: ['milestone', 'number'] })
export class MilestoneSubmissionRecord {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => TrackedMilestoneRecord, { ref: true, deleteRule: 'cascade' })
  milestone!: Ref<TrackedMilestoneRecord>;

  @Index({ name: 'milestone_submissions_proposal_index' })
  @ManyToOne(() => Proposal, { ref: true, deleteRule: 'cascade' })
  proposal!: Ref<Proposal>;

  @Property({ type: 'integer' })
  number!: number;

  @ManyToOne(() => User, { ref: true })
  submittedBy!: Ref<User>;

  @Property({ type: 'text' })
  note!: string;

  @Property({ type: 'text[]' })
  links!: string[];

  @Property({ type: 'timestamptz' })
  submittedAt!: Date;

  @Enum({ items: () => [...SUBMISSION_DECISIONS], nullable: true })
  decision: SubmissionDecision | null = null;

  @ManyToOne(() => User, { ref: true, nullable: true })
  decidedBy: Ref<User> | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null = null;

  /** Why changes were requested (or the client's note on accepting). */
  @Property({ type: 'text', nullable: true })
  reason: string | null = null;

  /** A trial's score per rubric criterion, and the weighted score. */
  @Property({ type: 'jsonb', nullable: true })
  rubricScores: unknown = null;

  @Property({ type: 'double', nullable: true })
  score: number | null = null;
}

/** A success metric's measured value, recorded when a submission was accepted, beside its signed baseline and target. */
@Entity({ tableName: 'metric_results' })
@Unique({ name: 'metric_results_metric_unique', properties: ['submission', 'metricId'] })
export class MetricResultRecord {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => MilestoneSubmissionRecord, { ref: true, deleteRule: 'cascade' })
  submission!: Ref<MilestoneSubmissionRecord>;

  @ManyToOne(() => TrackedMilestoneRecord, { ref: true, deleteRule: 'cascade' })
  milestone!: Ref<TrackedMilestoneRecord>;

  @Index({ name: 'metric_results_proposal_index' })
  @ManyToOne(() => Proposal, { ref: true, deleteRule: 'cascade' })
  proposal!: Ref<Proposal>;

  /** The success metric item's id in the signed brief. */
  @Property({ type: 'string', length: 200 })
  metricId!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text', nullable: true })
  baseline: string | null = null;

  @Property({ type: 'text', nullable: true })
  target: string | null = null;

  @Property({ type: 'text' })
  value!: string;

  /** Whether the value reaches the target; null when that cannot be read from the numbers. */
  @Property({ type: 'boolean', nullable: true })
  met: boolean | null = null;

  @Property({ type: 'timestamptz' })
  recordedAt!: Date;
}

/** A client's review of a freelancer after an engagement, and the freelancer's answer. */
@Entity({ tableName: 'reviews' })
@Check({ name: 'reviews_communication_check', expression: '"communication" >= 1 and "communication" <= 5' })
@Unique({ name: 'reviews_once_unique', properties: ['proposal', 'author', 'freelancer'] })
export class ReviewRecord {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Proposal, { ref: true, deleteRule: 'cascade' })
  proposal!: Ref<Proposal>;

  @ManyToOne(() => User, { ref: true })
  author!: Ref<User>;

  @Index({ name: 'reviews_freelancer_index' })
  @ManyToOne(() => User, { ref: true })
  freelancer!: Ref<User>;

  @Property({ type: 'boolean' })
  wouldHireAgain!: boolean;

  /** 1 to 5. */
  @Property({ type: 'integer' })
  communication!: number;

  @Property({ type: 'text' })
  note!: string;

  @Property({ type: 'text', nullable: true })
  answer: string | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  answeredAt: Date | null = null;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;
}
