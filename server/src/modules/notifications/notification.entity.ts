import { randomUUID } from 'node:crypto';
import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import type { NotificationKind } from '@brieflock/schema';
import { User } from '../accounts/user.entity.js';
import { Proposal } from '../proposals/proposal.entity.js';

/**
 * One notification for one person. `text` and `link` are written when it is created and
 * never name more than its recipient could see then (no comment bodies, no brief content).
 */
@Entity({ tableName: 'notifications' })
@Index({
  name: 'notifications_user_created_index',
  expression:
    'create index "notifications_user_created_index" on "notifications" ("user_id", "created_at" desc, "id" desc)',
})
@Index({
  name: 'notifications_user_unread_index',
  expression: 'create index "notifications_user_unread_index" on "notifications" ("user_id") where "read_at" is null',
})
@Index({
  name: 'notifications_user_unemailed_index',
  expression:
    'create index "notifications_user_unemailed_index" on "notifications" ("user_id", "created_at") where "emailed_at" is null and "read_at" is null',
})
export class NotificationRecord {
  [OptionalProps]?: 'createdAt' | 'readAt' | 'proposal' | 'actor' | 'emailedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => User, { ref: true, deleteRule: 'cascade' })
  user!: Ref<User>;

  @Property({ type: 'string', length: 32 })
  kind!: NotificationKind;

  @ManyToOne(() => Proposal, { ref: true, nullable: true, deleteRule: 'cascade' })
  proposal: Ref<Proposal> | null = null;

  @ManyToOne(() => User, { ref: true, nullable: true, deleteRule: 'set null' })
  actor: Ref<User> | null = null;

  @Property({ type: 'string', length: 500 })
  text!: string;

  @Property({ type: 'string', length: 300 })
  link!: string;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  readAt: Date | null = null;

  /** When it went out by e-mail, alone or in a digest; null: not (yet). */
  @Property({ type: 'timestamptz', nullable: true })
  emailedAt: Date | null = null;
}
