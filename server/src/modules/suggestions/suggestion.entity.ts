import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { SUGGESTION_STATUSES, type FieldValue, type SuggestionStatus } from '@brieflock/schema';
import { User } from '../accounts/user.entity.js';
import { Proposal } from '../proposals/proposal.entity.js';

export const SUGGESTION_KINDS = ['FIELD', 'TEXT'] as const;
export type SuggestionKind = (typeof SUGGESTION_KINDS)[number];

/**
 * A suggestion as stored. A FIELD suggestion is stored when made: the value a field held
 * then and the value proposed. A TEXT suggestion lives in the live document as marks
 * while open; its row is written when it is decided, keeping what it said and who decided.
 */
@Entity({ tableName: 'suggestions' })
@Index({ properties: ['proposal', 'status'] })
export class SuggestionRecord {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @ManyToOne(() => Proposal, { ref: true, deleteRule: 'cascade' })
  proposal!: Ref<Proposal>;

  @Enum({ items: () => [...SUGGESTION_KINDS], nativeEnumName: 'suggestion_kind' })
  kind!: SuggestionKind;

  @Property({ type: 'string', length: 50 })
  section!: string;

  @Property({ type: 'string', length: 100, nullable: true })
  itemId!: string | null;

  @Property({ type: 'string', length: 50, nullable: true })
  field!: string | null;

  /** The author; null when a rich-text mark named no known user. */
  @ManyToOne(() => User, { ref: true, nullable: true })
  author!: Ref<User> | null;

  /** FIELD: the value when suggested and the value proposed (JSON: a string, a number or null). */
  @Property({ type: 'json', nullable: true })
  currentValue!: FieldValue;

  @Property({ type: 'json', nullable: true })
  proposedValue!: FieldValue;

  @Property({ type: 'text' })
  summary!: string;

  @Enum({ items: () => [...SUGGESTION_STATUSES], nativeEnumName: 'suggestion_status' })
  status!: SuggestionStatus;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;

  @ManyToOne(() => User, { ref: true, nullable: true })
  decidedBy!: Ref<User> | null;

  @Property({ type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;
}
