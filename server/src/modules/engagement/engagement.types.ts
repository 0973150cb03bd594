import { Field, Float, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { z } from 'zod';
import { ENGAGEMENT_LIMITS, MILESTONE_STATES, type MilestoneState } from '@brieflock/schema';
import { ID } from '../id.scalar.js';
import { hasNoNul, NO_NUL_MESSAGE } from '../../validation.js';

export const MilestoneStateEnum = Object.fromEntries(MILESTONE_STATES.map((state) => [state, state])) as {
  [K in MilestoneState]: K;
};
registerEnumType(MilestoneStateEnum, {
  name: 'MilestoneState',
  description: 'Where a tracked milestone stands: PLANNED → IN_PROGRESS → SUBMITTED → ACCEPTED or CHANGES_REQUESTED.',
});

@ObjectType({ description: 'A trial criterion’s score, as the client gave it on accepting the trial.' })
export class RubricScore {
  @Field(() => String, { description: 'The rubric criterion’s id in the signed brief.' }) criterionId!: string;
  @Field(() => String) criterion!: string;
  @Field(() => Int, { nullable: true, description: 'Its weight, in percent, as signed.' }) weight!: number | null;
  @Field(() => Float, { description: '0–100.' }) score!: number;
}

@ObjectType({ description: 'One delivery of a milestone, and the client’s decision on it.' })
export class MilestoneSubmission {
  @Field(() => ID) id!: string;
  @Field(() => String) note!: string;
  @Field(() => [String]) links!: string[];
  @Field(() => Date) submittedAt!: Date;
  @Field(() => String, { nullable: true, description: 'ACCEPTED or CHANGES_REQUESTED; null while undecided.' })
  decision!: string | null;
  @Field(() => Date, { nullable: true }) decidedAt!: Date | null;
  @Field(() => String, {
    nullable: true,
    description: 'Why changes were requested, or the client’s note on accepting.',
  })
  reason!: string | null;
  @Field(() => [RubricScore], {
    nullable: true,
    description: 'An accepted trial’s score per rubric criterion, in rubric order; null for other submissions.',
  })
  rubricScores!: RubricScore[] | null;
  @Field(() => Float, {
    nullable: true,
    description: 'An accepted trial’s weighted score, 0–100; null for other submissions.',
  })
  score!: number | null;
}

@ObjectType({ description: 'A success metric’s measured value, beside its signed baseline and target.' })
export class MetricResult {
  @Field(() => String) metricId!: string;
  @Field(() => String) name!: string;
  @Field(() => String, { nullable: true }) baseline!: string | null;
  @Field(() => String, { nullable: true }) target!: string | null;
  @Field(() => String) value!: string;
  @Field(() => Boolean, {
    nullable: true,
    description: 'Whether the value reaches the target, read from their numbers; null when they hold none.',
  })
  met!: boolean | null;
}

@ObjectType({ description: 'A criterion of a trial’s rubric, as signed.' })
export class TrialCriterion {
  @Field(() => String, { description: 'The rubric item’s id: what `RubricScoreInput.criterionId` names.' })
  id!: string;
  @Field(() => String) criterion!: string;
  @Field(() => Int, { nullable: true, description: 'Its weight, in percent.' }) weight!: number | null;
}

@ObjectType({ description: 'The trial task a trial milestone runs, as the version it runs on states it.' })
export class TrialTerms {
  @Field(() => String) task!: string;
  @Field(() => String) paidAmount!: string;
  @Field(() => Int, { nullable: true }) timeBoxDays!: number | null;
  @Field(() => [TrialCriterion], { description: 'The rubric it is scored against on acceptance, criteria with an id.' })
  rubric!: TrialCriterion[];
}

@ObjectType({ description: 'A milestone of the contract in force, tracked by its milestone item id.' })
export class TrackedMilestone {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'The milestone item’s id in the signed brief.' }) itemId!: string;
  @Field(() => String) title!: string;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD, as signed.' }) dueDate!: string | null;
  @Field(() => MilestoneStateEnum) state!: MilestoneState;
  @Field(() => Int, { description: 'Requests for changes the signed terms allow.' }) revisionRounds!: number;
  @Field(() => Boolean, {
    description: 'The trial task of the validation, run as milestone 0 and scored against its rubric on acceptance.',
  })
  isTrial!: boolean;
}

@InputType()
export class SubmitMilestoneInput {
  @Field(() => ID) milestoneId!: string;
  @Field(() => String, { description: `What is delivered; at most ${ENGAGEMENT_LIMITS.noteMaxLength} characters.` })
  note!: string;
  @Field(() => [String], {
    nullable: true,
    description: `Links to the delivery (http or https), at most ${ENGAGEMENT_LIMITS.linksMax}.`,
  })
  links?: string[] | null;
}

@InputType()
export class RequestChangesInput {
  @Field(() => ID) milestoneId!: string;
  @Field(() => String, { description: 'What to change.' }) reason!: string;
}

@InputType()
export class MetricValueInput {
  @Field(() => String, { description: 'A success metric item id of the contract in force.' }) metricId!: string;
  @Field(() => String, { description: 'The measured value.' }) value!: string;
}

@InputType()
export class RubricScoreInput {
  @Field(() => String, { description: 'A criterion id of the trial’s rubric.' }) criterionId!: string;
  @Field(() => Float, { description: '0–100.' }) score!: number;
}

@InputType()
export class AcceptMilestoneInput {
  @Field(() => ID) milestoneId!: string;
  @Field(() => [MetricValueInput], { nullable: true, description: 'Measured values of success metrics.' })
  metrics?: MetricValueInput[] | null;
  @Field(() => [RubricScoreInput], {
    nullable: true,
    description: 'For the trial milestone only, and required there: a score for every criterion of its rubric.',
  })
  rubric?: RubricScoreInput[] | null;
  @Field(() => String, {
    nullable: true,
    description: `The client’s note on the result; at most ${ENGAGEMENT_LIMITS.acceptNoteMaxLength} characters. A trial’s note is recorded with its score in the brief.`,
  })
  note?: string | null;
}

const required = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'is required')
    .max(max, `must be at most ${max} characters`)
    .refine(hasNoNul, NO_NUL_MESSAGE);

const link = z
  .string()
  .trim()
  .max(ENGAGEMENT_LIMITS.linkMaxLength, `must be at most ${ENGAGEMENT_LIMITS.linkMaxLength} characters`)
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'http:' || url.protocol === 'https:';
    } catch {
      return false;
    }
  }, 'must be an http or https URL');

export const SubmitMilestoneSchema = z.object({
  milestoneId: z.string(),
  note: required(ENGAGEMENT_LIMITS.noteMaxLength),
  links: z
    .array(link)
    .max(ENGAGEMENT_LIMITS.linksMax, `must hold at most ${ENGAGEMENT_LIMITS.linksMax} links`)
    .nullish()
    .transform((links) => links ?? []),
});

export const RequestChangesSchema = z.object({
  milestoneId: z.string(),
  reason: required(ENGAGEMENT_LIMITS.reasonMaxLength),
});

export const AcceptMilestoneSchema = z.object({
  milestoneId: z.string(),
  metrics: z
    .array(
      z.object({
        metricId: z.string().trim().min(1, 'is required'),
        value: required(ENGAGEMENT_LIMITS.metricValueMaxLength),
      }),
    )
    .max(100, 'must hold at most 100 metrics')
    .nullish()
    .transform((metrics) => metrics ?? []),
  rubric: z
    .array(
      z.object({
        criterionId: z.string().trim().min(1, 'is required'),
        score: z.number().finite().min(0, 'must be from 0 to 100').max(100, 'must be from 0 to 100'),
      }),
    )
    .max(100, 'must hold at most 100 criteria')
    .nullish()
    .transform((rubric) => rubric ?? null),
  note: z
    .string()
    .trim()
    .max(ENGAGEMENT_LIMITS.acceptNoteMaxLength, `must be at most ${ENGAGEMENT_LIMITS.acceptNoteMaxLength} characters`)
    .refine(hasNoNul, NO_NUL_MESSAGE)
    .nullish()
    .transform((note) => (note == null || note === '' ? null : note)),
});
