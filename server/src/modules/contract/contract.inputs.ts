import { z } from 'zod';
import { GraphQLJSON } from 'graphql-scalars';
import { CONTRACT_LIMITS } from '@brieflock/schema';
import { Field, InputType } from 'type-graphql';
import { ID } from '../id.scalar.js';

@InputType()
export class FreezeProposalInput {
  @Field(() => ID) proposalId!: string;
  @Field(() => String, {
    nullable: true,
    description: `Why this version is frozen; at most ${CONTRACT_LIMITS.noteMaxLength} characters.`,
  })
  note?: string | null;

  @Field(() => [[ID]], {
    nullable: true,
    description:
      'Groups of user ids signed in sequence (everyone in a group in any order); CLIENT only. Every required signer in exactly one group; null: any order.',
  })
  signingOrder?: string[][] | null;
}

export const FreezeProposalSchema = z.object({
  proposalId: z.string(),
  note: z
    .string()
    .trim()
    .max(CONTRACT_LIMITS.noteMaxLength, `must be at most ${CONTRACT_LIMITS.noteMaxLength} characters`)
    // PostgreSQL text cannot hold U+0000.
    .refine((note) => !note.includes('\u0000'), 'must not contain NUL characters')
    .nullish()
    .transform((note) => (note ? note : null)),
  signingOrder: z
    .array(z.array(z.string()))
    .nullish()
    .transform((order) => order ?? null),
});

@InputType()
export class DeclineVersionInput {
  @Field(() => ID) versionId!: string;
  @Field(() => String, {
    description: `Why the version is declined; at most ${CONTRACT_LIMITS.declineReasonMaxLength} characters.`,
  })
  reason!: string;
}

export const DeclineVersionSchema = z.object({
  versionId: z.string(),
  reason: z
    .string()
    .trim()
    .min(1, 'say why you decline')
    .max(CONTRACT_LIMITS.declineReasonMaxLength, `must be at most ${CONTRACT_LIMITS.declineReasonMaxLength} characters`)
    .refine((reason) => !reason.includes('\u0000'), 'must not contain NUL characters'),
});

@InputType()
export class SignVersionInput {
  @Field(() => ID) versionId!: string;
  @Field(() => String, { description: 'The content hash the signer reviewed; must equal the version’s.' })
  contentHash!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'The consent statement the signer was shown (ContractVersion.consentStatement); when given it must be the one the server stores with the signature.',
  })
  consentStatement?: string | null;

  @Field(() => GraphQLJSON, {
    description:
      'The WebAuthn assertion (what @simplewebauthn/browser startAuthentication resolves to) answering the options startVersionSigning gave.',
  })
  assertion!: unknown;
}

export const SignVersionSchema = z.object({
  versionId: z.string(),
  contentHash: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[0-9a-f]{64}$/, 'must be a 64-character hex SHA-256'),
  consentStatement: z.string().max(4000, 'must be at most 4000 characters').nullish(),
  assertion: z.unknown(),
});
