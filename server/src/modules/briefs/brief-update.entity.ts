import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Proposal } from '../proposals/proposal.entity.js';

/**
 * One Yjs update of a proposal's live brief, in arrival order. Loading applies every row
 * into a Y.Doc; compaction replaces the rows it applied with one encoded state.
 */
@Entity({ tableName: 'brief_updates' })
@Index({ properties: ['proposal', 'id'] })
export class BriefUpdate {
  [OptionalProps]?: 'id' | 'createdAt';

  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @ManyToOne(() => Proposal, { ref: true, deleteRule: 'cascade' })
  proposal!: Ref<Proposal>;

  @Property({ type: 'blob' })
  data!: Buffer;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt!: Date;
}
