import { z } from 'zod';
import { COMMENT_LIMITS } from '@brieflock/schema';
import { Field, InputType } from 'type-graphql';
import { ID } from '../id.scalar.js';
import { hasNoNul, NO_NUL_MESSAGE } from '../../validation.js';

@InputType({ description: 'Where a new thread is anchored; see Anchor.' })
export class AnchorInput {
  @Field(() => String) section!: string;
  @Field(() => String, { nullable: true }) itemId?: string | null;
  @Field(() => String, { nullable: true }) field?: string | null;
  @Field(() => String, { nullable: true, description: 'base64 of Y.encodeRelativePosition: start of the range.' })
  from?: string | null;
  @Field(() => String, { nullable: true, description: 'base64 of Y.encodeRelativePosition: end of the range.' })
  to?: string | null;
  @Field(() => String, {
    nullable: true,
    description: `The commented text, at most ${COMMENT_LIMITS.quoteMaxLength} characters.`,
  })
  quote?: string | null;
}

const MENTIONS_DESCRIPTION = `User ids of participants the comment mentions (at most ${COMMENT_LIMITS.mentionsMax}).`;

@InputType()
export class StartThreadInput {
  @Field(() => ID) proposalId!: string;
  @Field(() => AnchorInput) anchor!: AnchorInput;
  @Field(() => String) body!: string;
  @Field(() => [ID], { nullable: true, description: MENTIONS_DESCRIPTION }) mentions?: string[] | null;
}

@InputType()
export class ReplyInput {
  @Field(() => ID) threadId!: string;
  @Field(() => String) body!: string;
  @Field(() => [ID], { nullable: true, description: MENTIONS_DESCRIPTION }) mentions?: string[] | null;
}

@InputType()
export class EditCommentInput {
  @Field(() => ID) commentId!: string;
  @Field(() => String) body!: string;
  @Field(() => [ID], { nullable: true, description: `${MENTIONS_DESCRIPTION} Replaces the comment's mentions.` })
  mentions?: string[] | null;
}

const text = (max: number) =>
  z.string().max(max, `must be at most ${max} characters`).refine(hasNoNul, NO_NUL_MESSAGE).nullish();

export const BodySchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(COMMENT_LIMITS.bodyMaxLength, `must be at most ${COMMENT_LIMITS.bodyMaxLength} characters`)
  .refine(hasNoNul, NO_NUL_MESSAGE);

export const MentionsSchema = z
  .array(z.string())
  .max(COMMENT_LIMITS.mentionsMax, `may name at most ${COMMENT_LIMITS.mentionsMax} people`)
  .nullish()
  .transform((ids) => [...new Set(ids ?? [])]);

export const StartThreadSchema = z.object({
  proposalId: z.string(),
  anchor: z.object({
    section: z.string().max(64, 'must be at most 64 characters'),
    itemId: text(COMMENT_LIMITS.itemIdMaxLength),
    field: text(64),
    from: text(COMMENT_LIMITS.positionMaxLength),
    to: text(COMMENT_LIMITS.positionMaxLength),
    quote: text(COMMENT_LIMITS.quoteMaxLength),
  }),
  body: BodySchema,
  mentions: MentionsSchema,
});

export const ReplySchema = z.object({ threadId: z.string(), body: BodySchema, mentions: MentionsSchema });
export const EditCommentSchema = z.object({ commentId: z.string(), body: BodySchema, mentions: MentionsSchema });
