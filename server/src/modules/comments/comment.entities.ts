import { randomUUID } from 'node:crypto';
import {
  Entity,
  Enum,
  Index,
  ManyToOne,
  OptionalProps,
  PrimaryKey,
  PrimaryKeyProp,
  Property,
  type Ref,
} from '@mikro-orm/core';
import { THREAD_STATUSES, type ThreadStatus } from '@brieflock/schema';
import { User } from '../accounts/user.entity.js';
import { ContractVersion } from '../contract/contract-version.entity.js';
import { Proposal } from '../proposals/proposal.entity.js';

/**
 * A comment thread on a proposal's brief, anchored to a range of rich text, a field or a
 * section (see `@brieflock/schema` comments.ts). Kept apart from the brief: nothing here
 * is ever part of a frozen version's content.
 */
@Entity({ tableName: 'comment_threads' })
@Index({ properties: ['proposal', 'lastActivityAt'] })
export class Thread {
  [OptionalProps]?:
    | 'createdAt'
    | 'lastActivityAt'
    | 'status'
    | 'itemId'
    | 'field'
    | 'anchorFrom'
    | 'anchorTo'
    | 'quote'
    | 'resolvedBy'
    | 'resolvedAt'
    | 'openedOnVersion'
    | 'resolvedOnVersion';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Proposal, { ref: true, deleteRule: 'cascade' })
  proposal!: Ref<Proposal>;

  @Property({ type: 'string', length: 64 })
  section!: string;

  @Property({ type: 'string', length: 64, nullable: true })
  itemId: string | null = null;

  @Property({ type: 'string', length: 64, nullable: true })
  field: string | null = null;

  /** base64 of `Y.encodeRelativePosition`: where the commented range starts. */
  @Property({ type: 'string', length: 256, nullable: true })
  anchorFrom: string | null = null;

  @Property({ type: 'string', length: 256, nullable: true })
  anchorTo: string | null = null;

  /** The commented text as it was when the thread was started. */
  @Property({ type: 'text', nullable: true })
  quote: string | null = null;

  @Enum({ items: () => [...THREAD_STATUSES], nativeEnumName: 'thread_status' })
  status: ThreadStatus = 'OPEN';

  @ManyToOne(() => User, { ref: true })
  createdBy!: Ref<User>;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  /** The newest comment, resolution or reopening: threads list newest activity first. */
  @Property({ type: 'timestamptz' })
  lastActivityAt: Date = new Date();

  @ManyToOne(() => User, { ref: true, nullable: true })
  resolvedBy: Ref<User> | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  resolvedAt: Date | null = null;

  /** The latest frozen version when the thread was started: the version it was made on. */
  @ManyToOne(() => ContractVersion, { ref: true, nullable: true })
  openedOnVersion: Ref<ContractVersion> | null = null;

  /** The latest frozen version when the thread was last resolved. */
  @ManyToOne(() => ContractVersion, { ref: true, nullable: true })
  resolvedOnVersion: Ref<ContractVersion> | null = null;
}

/** One comment of a thread: the first starts it, the others reply. */
@Entity({ tableName: 'comments' })
@Index({ properties: ['thread', 'createdAt'] })
export class ThreadComment {
  [OptionalProps]?: 'createdAt' | 'editedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Thread, { ref: true, deleteRule: 'cascade' })
  thread!: Ref<Thread>;

  @ManyToOne(() => User, { ref: true })
  author!: Ref<User>;

  @Property({ type: 'text' })
  body!: string;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  editedAt: Date | null = null;
}

/** A participant a comment mentions. */
@Entity({ tableName: 'comment_mentions' })
export class CommentMention {
  @ManyToOne(() => ThreadComment, { primary: true, ref: true, deleteRule: 'cascade' })
  comment!: Ref<ThreadComment>;

  @ManyToOne(() => User, { primary: true, ref: true, deleteRule: 'cascade' })
  user!: Ref<User>;
}

/**
 * A thread that was open when a version was frozen, as it was then: what that version's
 * view shows (the snapshot's shape and why it is one document: version-threads.ts).
 */
@Entity({ tableName: 'version_threads' })
export class VersionThread {
  [PrimaryKeyProp]?: ['version', 'threadId'];

  @ManyToOne(() => ContractVersion, { primary: true, ref: true })
  version!: Ref<ContractVersion>;

  /** The live thread's id, not a foreign key: the snapshot outlives a thread deleted later. */
  @PrimaryKey({ type: 'uuid' })
  threadId!: string;

  /** Its place in the list when the version was frozen (newest activity first). */
  @Property({ type: 'integer' })
  position!: number;

  @Property({ type: 'jsonb' })
  snapshot!: unknown;
}
