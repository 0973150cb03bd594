import { Field, InputType } from 'type-graphql';
import { ID } from '../id.scalar.js';
import { z } from 'zod';
import { LIMITS, PARTICIPANT_ROLES, type ParticipantRole } from '@brieflock/schema';
import { emailField, hasNoNul, NO_NUL_MESSAGE } from '../../validation.js';
import { ParticipantRoleEnum } from './participant.entity.js';

@InputType()
export class CreateProposalInput {
  @Field(() => String) title!: string;
}

@InputType()
export class AddParticipantInput {
  @Field(() => ID) proposalId!: string;
  @Field(() => String, { description: 'An e-mail without an account becomes a pending invitation.' }) email!: string;
  @Field(() => ParticipantRoleEnum) role!: ParticipantRole;
}

@InputType()
export class RemoveParticipantInput {
  @Field(() => ID) proposalId!: string;
  @Field(() => ID) participantId!: string;
}

@InputType()
export class ChangeRoleInput {
  @Field(() => ID) participantId!: string;
  @Field(() => ParticipantRoleEnum) role!: ParticipantRole;
}

@InputType()
export class RenameProposalInput {
  @Field(() => ID) proposalId!: string;
  @Field(() => String) title!: string;
}

export const CreateProposalSchema = z.object({
  title: z
    .string()
    .trim()
    .refine(hasNoNul, NO_NUL_MESSAGE)
    .min(1, 'must not be empty')
    .max(LIMITS.proposalTitleMaxLength, `must be at most ${LIMITS.proposalTitleMaxLength} characters`),
});

export const AddParticipantSchema = z.object({
  proposalId: z.string(),
  email: emailField,
  role: z.enum(PARTICIPANT_ROLES, `must be one of ${PARTICIPANT_ROLES.join(', ')}`),
});
