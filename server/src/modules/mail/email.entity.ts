import { randomUUID } from 'node:crypto';
import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { User } from '../accounts/user.entity.js';

export type EmailStatus = 'queued' | 'sent' | 'kept' | 'failed' | 'voided';

/**
 * One e-mail, queued in the transaction of its cause. `sent`: SMTP accepted it (its bodies
 * are then dropped, as they may carry a link token); `kept`: no SMTP is configured and it
 * stays here, the outbox; `failed`: every attempt failed; `voided`: withdrawn before it
 * went out (a revoked or renewed invitation).
 */
@Entity({ tableName: 'emails' })
@Index({
  name: 'emails_user_created_index',
  expression: 'create index "emails_user_created_index" on "emails" ("user_id", "created_at" desc)',
})
@Index({
  name: 'emails_ref_index',
  expression: 'create index "emails_ref_index" on "emails" ("ref") where "ref" is not null',
})
export class EmailRecord {
  [OptionalProps]?:
    | 'createdAt'
    | 'sentAt'
    | 'status'
    | 'attempts'
    | 'lastError'
    | 'user'
    | 'link'
    | 'unsubscribeUrl'
    | 'ref';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => User, { ref: true, nullable: true, deleteRule: 'set null' })
  user: Ref<User> | null = null;

  /** What it is: `invitation`, `verify-email`, `password-reset`, `notification`, `digest`, `sign-reminder`. */
  @Property({ type: 'string', length: 32 })
  kind!: string;

  /** What it concerns (an invitation's participant row), so it can be voided with it. */
  @Property({ type: 'uuid', nullable: true })
  ref: string | null = null;

  @Property({ type: 'string', length: 254 })
  toAddress!: string;

  @Property({ type: 'string', length: 120 })
  toName!: string;

  @Property({ type: 'string', length: 300 })
  subject!: string;

  @Property({ type: 'text', nullable: true })
  textBody!: string | null;

  @Property({ type: 'text', nullable: true })
  htmlBody!: string | null;

  /** The one link the message is about (logged when there is no SMTP). */
  @Property({ type: 'string', length: 2000, nullable: true })
  link: string | null = null;

  @Property({ type: 'string', length: 2000, nullable: true })
  unsubscribeUrl: string | null = null;

  @Property({ type: 'string', length: 16, default: 'queued' })
  status: EmailStatus = 'queued';

  @Property({ type: 'integer', default: 0 })
  attempts = 0;

  @Property({ type: 'string', length: 500, nullable: true })
  lastError: string | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  sentAt: Date | null = null;
}
