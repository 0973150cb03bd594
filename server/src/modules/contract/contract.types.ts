import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ID } from '../id.scalar.js';
import { GraphQLJSON } from 'graphql-scalars';
import type { ParticipantRole } from '@brieflock/schema';
import { User } from '../accounts/user.entity.js';
import { ParticipantRoleEnum } from '../proposals/participant.entity.js';
import { ContractVersion } from './contract-version.entity.js';
import { Signature } from './signature.entity.js';

const enumOf = <T extends readonly string[]>(values: T) =>
  Object.fromEntries(values.map((value) => [value, value])) as { [K in T[number]]: K };

export const TextOpEnum = enumOf(['EQUAL', 'ADDED', 'REMOVED'] as const);
registerEnumType(TextOpEnum, { name: 'TextOp' });
export const ItemChangeKindEnum = enumOf(['ADDED', 'REMOVED', 'CHANGED', 'MOVED'] as const);
registerEnumType(ItemChangeKindEnum, { name: 'ItemChangeKind' });
export const RecordKindEnum = enumOf([
  'VERSION',
  'SIGNATURE',
  'AUDIT_EVENT',
  'RECEIPT',
  'MILESTONE_SUBMISSION',
  'METRIC_RESULT',
] as const);
registerEnumType(RecordKindEnum, { name: 'RecordKind', description: 'A kind of stored contract record.' });

@ObjectType({ description: 'A person who must sign a version, and their signature once given.' })
export class VersionSigner {
  @Field(() => User) user!: User;
  @Field(() => ParticipantRoleEnum) role!: ParticipantRole;
  @Field(() => Signature, { nullable: true }) signature!: Signature | null;
  @Field(() => Date, {
    nullable: true,
    description:
      'When the next scheduled reminder e-mail goes to this signer (SIGN_REMINDER_DAYS after the freeze); null once signed, superseded, or all sent.',
  })
  nextReminderAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'When this signer was last reminded.' })
  lastRemindedAt!: Date | null;
}

@ObjectType()
export class TextChange {
  @Field(() => TextOpEnum) op!: string;
  @Field(() => String) value!: string;
}

@ObjectType()
export class FieldChange {
  @Field(() => String) field!: string;
  @Field(() => GraphQLJSON, { nullable: true }) before!: unknown;
  @Field(() => GraphQLJSON, { nullable: true }) after!: unknown;
}

@ObjectType({ description: 'A list item added, removed, changed or moved; items are matched by id, not position.' })
export class ItemChange {
  @Field(() => ItemChangeKindEnum) change!: string;
  @Field(() => ID, { nullable: true }) itemId!: string | null;
  @Field(() => Int, { nullable: true }) fromIndex!: number | null;
  @Field(() => Int, { nullable: true }) toIndex!: number | null;
  @Field(() => Boolean) moved!: boolean;
  @Field(() => GraphQLJSON, { nullable: true }) before!: unknown;
  @Field(() => GraphQLJSON, { nullable: true }) after!: unknown;
  @Field(() => [FieldChange]) fields!: FieldChange[];
}

@ObjectType({ description: 'Words both versions keep whose formatting (bold, italic, link…) changed.' })
export class FormatChange {
  @Field(() => String) text!: string;
  @Field(() => [String], { description: 'Marks before, sorted: bold, italic, code, strike, "link <href>", …' })
  before!: string[];
  @Field(() => [String], { description: 'Marks after, in the same form.' }) after!: string[];
}

@ObjectType({ description: 'How one section differs between two versions.' })
export class SectionDiff {
  @Field(() => String) key!: string;
  @Field(() => String, { description: 'richText, list or map.' }) kind!: string;
  @Field(() => String) title!: string;
  @Field(() => Boolean) changed!: boolean;
  @Field(() => [TextChange], { description: 'Rich text: a word diff of the plain text.' }) text!: TextChange[];
  @Field(() => Boolean, {
    description:
      'Rich text: the change was too large to compare word by word; `text` holds whole paragraphs (or the whole text) removed and added.',
  })
  coarse!: boolean;
  @Field(() => Boolean, { description: 'Rich text: the structure or formatting changed.' })
  formattingChanged!: boolean;
  @Field(() => [FormatChange], { description: 'Rich text: kept words whose formatting changed, run by run.' })
  formatting!: FormatChange[];
  @Field(() => [ItemChange]) items!: ItemChange[];
  @Field(() => [FieldChange]) fields!: FieldChange[];
}

@ObjectType({ description: 'Field-level differences between two versions of one proposal.' })
export class VersionDiff {
  @Field(() => ContractVersion) from!: ContractVersion;
  @Field(() => ContractVersion) to!: ContractVersion;
  @Field(() => Boolean) changed!: boolean;
  @Field(() => Boolean, { description: 'Some section was compared paragraph by paragraph instead of word by word.' })
  coarse!: boolean;
  @Field(() => [SectionDiff]) sections!: SectionDiff[];
}

@ObjectType({ description: 'A stored record whose recomputed hash or link does not match.' })
export class VerificationMismatch {
  @Field(() => RecordKindEnum) kind!: string;
  @Field(() => ID) id!: string;
  @Field(() => Int, { nullable: true }) number!: number | null;
  @Field(() => String) field!: string;
  @Field(() => String, { nullable: true }) expected!: string | null;
  @Field(() => String, { nullable: true }) actual!: string | null;
  @Field(() => String) message!: string;
}

@ObjectType({ description: 'Every hash and link of a proposal’s contract, recomputed.' })
export class VerificationReport {
  @Field(() => Boolean) ok!: boolean;
  @Field(() => ID) proposalId!: string;
  @Field(() => Int) versionsChecked!: number;
  @Field(() => Int) signaturesChecked!: number;
  @Field(() => Int) auditEventsChecked!: number;
  @Field(() => VerificationMismatch, {
    nullable: true,
    description: 'The first record, in chain order, that does not match.',
  })
  firstMismatch!: VerificationMismatch | null;
  @Field(() => [VerificationMismatch]) mismatches!: VerificationMismatch[];
}
