import { Field, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { SUGGESTION_STATUSES, type FieldValue, type SuggestionStatus } from '@brieflock/schema';
import { ID } from '../id.scalar.js';
import { User } from '../accounts/user.entity.js';
import { SUGGESTION_KINDS, type SuggestionKind } from './suggestion.entity.js';

export const SuggestionStatusEnum = Object.fromEntries(SUGGESTION_STATUSES.map((status) => [status, status])) as {
  [S in SuggestionStatus]: S;
};
registerEnumType(SuggestionStatusEnum, { name: 'SuggestionStatus' });

export const SuggestionKindEnum = Object.fromEntries(SUGGESTION_KINDS.map((kind) => [kind, kind])) as {
  [K in SuggestionKind]: K;
};
registerEnumType(SuggestionKindEnum, {
  name: 'SuggestionKind',
  description: 'FIELD: a value for a field of a map or list item. TEXT: a change marked in rich text.',
});

/** A suggestion as the resolvers read it (a stored row, or rich-text marks of the live document). */
export interface SuggestionView {
  id: string;
  proposalId: string;
  kind: SuggestionKind;
  section: string;
  itemId: string | null;
  field: string | null;
  authorId: string | null;
  status: SuggestionStatus;
  summary: string;
  createdAt: Date;
  currentValue: FieldValue;
  proposedValue: FieldValue;
  decidedById: string | null;
  decidedAt: Date | null;
}

@ObjectType({ description: 'A change proposed to the brief that another party accepts or rejects.' })
export class Suggestion {
  @Field(() => ID) id!: string;
  @Field(() => ID) proposalId!: string;
  @Field(() => SuggestionKindEnum) kind!: SuggestionKind;
  @Field(() => String) section!: string;
  @Field(() => String, { nullable: true, description: 'The list item it changes.' }) itemId!: string | null;
  @Field(() => String, { nullable: true, description: 'The field it changes (FIELD suggestions).' })
  field!: string | null;
  @Field(() => User) author!: User;
  @Field(() => SuggestionStatusEnum) status!: SuggestionStatus;
  @Field(() => String, { description: 'What it changes, in words: "IP owner: Client → Shared".' }) summary!: string;
  @Field(() => Date) createdAt!: Date;
  @Field(() => String, { nullable: true, description: 'FIELD: the value when it was suggested (null: empty).' })
  currentValue!: string | null;
  @Field(() => String, { nullable: true, description: 'FIELD: the value proposed (null: empty).' })
  proposedValue!: string | null;
  @Field(() => User, { nullable: true }) decidedBy!: User | null;
  @Field(() => Date, { nullable: true }) decidedAt!: Date | null;
}

@InputType()
export class SuggestChangeInput {
  @Field(() => ID) proposalId!: string;
  @Field(() => String, { description: 'A map or list section key, e.g. "ownership" or "milestones".' })
  section!: string;
  @Field(() => String, { nullable: true, description: "A list item's id; absent for a map section." })
  itemId?: string | null;
  @Field(() => String, { description: 'The field key, e.g. "ipOwner" or "dueDate".' }) field!: string;
  @Field(() => String, {
    nullable: true,
    description:
      'The value proposed, as text: an enum value, a YYYY-MM-DD date, a whole number, or text. Null or empty clears it.',
  })
  value?: string | null;
}
