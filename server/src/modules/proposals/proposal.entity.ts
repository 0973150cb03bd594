import { randomUUID } from 'node:crypto';
import { Entity, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { ID } from '../id.scalar.js';
import { User } from '../accounts/user.entity.js';

@ObjectType({
  description: 'An engagement between a client and freelancers, with its brief and contract versions.',
  simpleResolvers: true,
})
@Entity({ tableName: 'proposals' })
export class Proposal {
  [OptionalProps]?: 'createdAt' | 'archivedAt' | 'closedAt' | 'closedBy';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => String)
  @Property({ type: 'string', length: 200 })
  title!: string;

  @ManyToOne(() => User, { ref: true })
  createdBy!: Ref<User>;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  /** When a client archived it; null while it is in everyone's default list. */
  @Field(() => Date, { nullable: true, description: 'When a client archived it; null while not archived.' })
  @Property({ type: 'timestamptz', nullable: true })
  archivedAt: Date | null = null;

  /** When a client closed the engagement (or null while it runs). */
  @Field(() => Date, { nullable: true, description: 'When a client closed the engagement; null while it runs.' })
  @Property({ type: 'timestamptz', nullable: true })
  closedAt: Date | null = null;

  @ManyToOne(() => User, { ref: true, nullable: true, deleteRule: 'set null' })
  closedBy: Ref<User> | null = null;
}
