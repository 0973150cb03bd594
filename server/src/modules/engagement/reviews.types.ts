import { z } from 'zod';
import { COMMUNICATION_MAX, COMMUNICATION_MIN } from '@brieflock/schema';
import { Field, Float, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ID } from '../id.scalar.js';
import { User } from '../accounts/user.entity.js';
import { Proposal } from '../proposals/proposal.entity.js';
import { hasNoNul, NO_NUL_MESSAGE } from '../../validation.js';

/** A review's note and a freelancer's answer: at most this many characters, trimmed. */
export const REVIEW_TEXT_MAX = 2000;

const reviewText = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(REVIEW_TEXT_MAX, `must be at most ${REVIEW_TEXT_MAX} characters`)
  .refine(hasNoNul, NO_NUL_MESSAGE);

@InputType()
export class ReviewInput {
  @Field(() => ID) proposalId!: string;
  @Field(() => ID, { description: 'A freelancer who signed the contract in force.' }) freelancerId!: string;
  @Field(() => Boolean) wouldHireAgain!: boolean;
  @Field(() => Int, { description: `${COMMUNICATION_MIN} (poor) to ${COMMUNICATION_MAX} (excellent).` })
  communication!: number;
  @Field(() => String, { description: `Required; at most ${REVIEW_TEXT_MAX} characters once trimmed.` })
  note!: string;
}

export const ReviewSchema = z.object({
  proposalId: z.string(),
  freelancerId: z.string(),
  wouldHireAgain: z.boolean(),
  communication: z
    .number()
    .int('must be a whole number')
    .min(COMMUNICATION_MIN, `must be from ${COMMUNICATION_MIN} to ${COMMUNICATION_MAX}`)
    .max(COMMUNICATION_MAX, `must be from ${COMMUNICATION_MIN} to ${COMMUNICATION_MAX}`),
  note: reviewText,
});

@InputType()
export class AnswerReviewInput {
  @Field(() => ID) reviewId!: string;
  @Field(() => String, { description: `Required; at most ${REVIEW_TEXT_MAX} characters once trimmed.` })
  answer!: string;
}

export const AnswerReviewSchema = z.object({ reviewId: z.string(), answer: reviewText });

/** A review as GraphQL shows it (read from a `reviews` row). */
@ObjectType({ description: "A client's review of a freelancer after an engagement, and the freelancer's answer." })
export class Review {
  @Field(() => ID) id!: string;
  @Field(() => ID, { description: 'The proposal of the engagement reviewed.' }) proposalId!: string;
  authorId!: string;
  freelancerId!: string;
  @Field(() => User) author!: User;
  @Field(() => User) freelancer!: User;
  @Field(() => Boolean) wouldHireAgain!: boolean;
  @Field(() => Int, { description: `${COMMUNICATION_MIN} (poor) to ${COMMUNICATION_MAX} (excellent).` })
  communication!: number;
  @Field(() => String) note!: string;
  @Field(() => String, { nullable: true, description: "The freelancer's answer, once given (only once)." })
  answer!: string | null;
  @Field(() => Date, { nullable: true }) answeredAt!: Date | null;
  @Field(() => Date) createdAt!: Date;
}

/** The columns of a `reviews` row. */
export interface ReviewRow {
  id: string;
  proposal_id: string;
  author_id: string;
  freelancer_id: string;
  would_hire_again: boolean;
  communication: number;
  note: string;
  answer: string | null;
  /** Raw statements may answer timestamps as text. */
  answered_at: Date | string | null;
  created_at: Date | string;
}

export type ReviewView = Omit<Review, 'author' | 'freelancer'>;

export const reviewOf = (row: ReviewRow): ReviewView => ({
  id: row.id,
  proposalId: row.proposal_id,
  authorId: row.author_id,
  freelancerId: row.freelancer_id,
  wouldHireAgain: row.would_hire_again,
  communication: row.communication,
  note: row.note,
  answer: row.answer,
  answeredAt: row.answered_at === null ? null : new Date(row.answered_at),
  createdAt: new Date(row.created_at),
});

export const BENCH_EVIDENCE_KINDS = [
  'ENGAGEMENT',
  'MILESTONE_ACCEPTED',
  'CHANGES_REQUESTED',
  'METRIC_RESULT',
  'TRIAL_SCORE',
] as const;
export type BenchEvidenceKind = (typeof BENCH_EVIDENCE_KINDS)[number];
export const BenchEvidenceKindEnum = Object.fromEntries(BENCH_EVIDENCE_KINDS.map((kind) => [kind, kind])) as {
  [K in BenchEvidenceKind]: K;
};
registerEnumType(BenchEvidenceKindEnum, {
  name: 'BenchEvidenceKind',
  description:
    'What a bench figure counts: an executed version the freelancer signed (ENGAGEMENT), an accepted milestone, ' +
    'a request for changes (one revision round used), a measured success metric, an accepted trial score.',
});

@ObjectType({
  description:
    'One record a bench figure is computed from, with the ids that lead back to it: the proposal, the executed ' +
    'version, the tracked milestone and the submission (the delivery and its acceptance or request for changes).',
})
export class BenchEvidence {
  @Field(() => BenchEvidenceKindEnum) kind!: BenchEvidenceKind;
  @Field(() => ID) proposalId!: string;
  @Field(() => ID, {
    nullable: true,
    description: 'The executed version: the one signed (ENGAGEMENT) or whose terms the milestone carries.',
  })
  versionId!: string | null;
  @Field(() => ID, { nullable: true }) milestoneId!: string | null;
  @Field(() => ID, { nullable: true }) submissionId!: string | null;
  @Field(() => String, { nullable: true, description: "The milestone's title, or the metric's name." })
  label!: string | null;
  @Field(() => Date, { nullable: true, description: 'When it was signed, decided or recorded.' })
  at!: Date | null;
  @Field(() => Boolean, {
    nullable: true,
    description: 'MILESTONE_ACCEPTED: accepted by its due date; METRIC_RESULT: the target was met.',
  })
  met!: boolean | null;
  @Field(() => Float, { nullable: true, description: 'TRIAL_SCORE: the weighted score.' }) score!: number | null;
}

@ObjectType({
  description:
    'A freelancer the signed-in client has worked with, and figures computed from the records of those engagements.',
})
export class BenchEntry {
  @Field(() => User) freelancer!: User;
  freelancerId!: string;
  @Field(() => Int, { description: 'Proposals with an executed version this freelancer signed.' })
  engagements!: number;
  @Field(() => Int) milestonesAccepted!: number;
  @Field(() => Int, { description: 'Accepted on or before the due date (or with none).' }) acceptedOnTime!: number;
  @Field(() => Int, { description: 'Requests for changes made on submissions.' }) revisionsUsed!: number;
  @Field(() => Int, { description: 'Revision rounds the signed milestones (not removed) allow.' })
  revisionsBudgeted!: number;
  @Field(() => Int) metricsMet!: number;
  @Field(() => Int) metricsMeasured!: number;
  @Field(() => [Float], { description: 'Scores of accepted trials, oldest first.' }) trialScores!: number[];
  @Field(() => [Review], { description: "The signed-in client's reviews of this freelancer." }) reviews!: ReviewView[];
  @Field(() => [Proposal], { description: 'The engagements counted, oldest signature first.' }) proposals!: Proposal[];
  @Field(() => [BenchEvidence], { description: 'The records each figure is computed from.' })
  evidence!: BenchEvidence[];
}
