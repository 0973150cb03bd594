import { Field, InputType, ObjectType } from 'type-graphql';
import { z } from 'zod';
import { LIMITS } from '@brieflock/schema';
import { emailField, hasNoNul, NO_NUL_MESSAGE } from '../../validation.js';
import { User } from './user.entity.js';

@InputType()
export class SignUpInput {
  @Field(() => String) email!: string;
  @Field(() => String, { description: `At least ${LIMITS.passwordMinLength} characters.` }) password!: string;
  @Field(() => String) name!: string;
}

@InputType()
export class SignInInput {
  @Field(() => String) email!: string;
  @Field(() => String) password!: string;
}

@ObjectType({ description: 'A new session: send the token as `Authorization: Bearer <token>`.' })
export class AuthPayload {
  @Field(() => String) token!: string;
  @Field(() => User) user!: User;
}

@InputType()
export class ChangePasswordInput {
  @Field(() => String) currentPassword!: string;
  @Field(() => String, { description: `At least ${LIMITS.passwordMinLength} characters.` }) newPassword!: string;
}

@InputType()
export class UpdateProfileInput {
  @Field(() => String, { description: `The display name: trimmed, 1 to ${LIMITS.nameMaxLength} characters.` })
  name!: string;
}

/** A new password, as sign-up and changing a password accept it. */
const newPasswordField = z
  .string()
  .min(LIMITS.passwordMinLength, `must be at least ${LIMITS.passwordMinLength} characters`)
  .max(LIMITS.passwordMaxLength, `must be at most ${LIMITS.passwordMaxLength} characters`);

/** A password to check against the stored one. */
const givenPasswordField = z
  .string()
  .min(1, 'must not be empty')
  .max(LIMITS.passwordMaxLength, `must be at most ${LIMITS.passwordMaxLength} characters`);

/** A display name, as sign-up and the profile accept it. */
const nameField = z
  .string()
  .trim()
  .refine(hasNoNul, NO_NUL_MESSAGE)
  .min(1, 'must not be empty')
  .max(LIMITS.nameMaxLength, `must be at most ${LIMITS.nameMaxLength} characters`);

export const SignUpSchema = z.object({ email: emailField, password: newPasswordField, name: nameField });

export const ChangePasswordSchema = z.object({ currentPassword: givenPasswordField, newPassword: newPasswordField });

export const UpdateProfileSchema = z.object({ name: nameField });

export const SignInSchema = z.object({ email: emailField, password: givenPasswordField });
