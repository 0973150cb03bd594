import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { THREAD_STATUSES, type ThreadStatus } from '@brieflock/schema';
import { ID } from '../id.scalar.js';
import type { IdRef } from '../read-model.js';

export const ThreadStatusEnum = Object.fromEntries(THREAD_STATUSES.map((status) => [status, status])) as {
  [S in ThreadStatus]: S;
};
registerEnumType(ThreadStatusEnum, { name: 'ThreadStatus', description: 'OPEN until someone resolves it.' });

/** A thread as GraphQL reads it (a row of `comment_threads`, or a version's snapshot of one). */
export interface ThreadView {
  id: string;
  proposal: IdRef;
  section: string;
  itemId: string | null;
  field: string | null;
  anchorFrom: string | null;
  anchorTo: string | null;
  quote: string | null;
  status: ThreadStatus;
  createdBy: IdRef;
  createdAt: Date;
  lastActivityAt: Date;
  resolvedBy: IdRef | null;
  resolvedAt: Date | null;
  /** Set for a thread a version kept: its comments when it was frozen, instead of the live ones. */
  comments?: CommentView[];
}

/** A comment as GraphQL reads it (a row of `comments`). */
export interface CommentView {
  id: string;
  thread: IdRef;
  author: IdRef;
  body: string;
  createdAt: Date;
  editedAt: Date | null;
  /** Set for a comment a version kept: whom it mentioned when it was frozen. */
  mentions?: IdRef[];
}

@ObjectType({
  description:
    'Where a thread is anchored: a range of rich text (from/to: base64 of Y.encodeRelativePosition), a field of a list item or map (itemId, field), or a whole section.',
})
export class Anchor {
  @Field(() => String) section!: string;
  @Field(() => String, { nullable: true }) itemId!: string | null;
  @Field(() => String, { nullable: true }) field!: string | null;
  @Field(() => String, { nullable: true }) from!: string | null;
  @Field(() => String, { nullable: true }) to!: string | null;
  @Field(() => String, { nullable: true, description: 'The commented text when the thread was started.' })
  quote!: string | null;
}

@ObjectType({ description: 'A discussion on part of the brief, kept beside it (never in a frozen version).' })
export class CommentThread {
  @Field(() => ID) id!: string;
  @Field(() => ThreadStatusEnum) status!: ThreadStatus;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date, { description: 'The newest comment, resolution or reopening.' }) lastActivityAt!: Date;
  @Field(() => Date, { nullable: true }) resolvedAt!: Date | null;
}

@ObjectType('Comment', { description: 'One comment of a thread: the first starts it, the others reply.' })
export class CommentType {
  @Field(() => ID) id!: string;
  @Field(() => String) body!: string;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date, { nullable: true }) editedAt!: Date | null;
}
