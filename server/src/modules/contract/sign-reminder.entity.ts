import { randomUUID } from 'node:crypto';
import { Entity, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { User } from '../accounts/user.entity.js';
import { ContractVersion } from './contract-version.entity.js';

/**
 * A reminder a pending signer was sent: scheduled (`ordinal`: its place in
 * SIGN_REMINDER_DAYS, unique per signer so no instance sends it twice) or sent by hand
 * by a client (`sentBy`, no ordinal).
 */
@Entity({ tableName: 'sign_reminders' })
@Index({
  name: 'sign_reminders_scheduled_unique',
  expression:
    'create unique index "sign_reminders_scheduled_unique" on "sign_reminders" ("version_id", "user_id", "ordinal") where "ordinal" is not null',
})
@Index({
  name: 'sign_reminders_version_user_index',
  expression:
    'create index "sign_reminders_version_user_index" on "sign_reminders" ("version_id", "user_id", "sent_at" desc)',
})
export class SignReminder {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => ContractVersion, { ref: true, deleteRule: 'cascade' })
  version!: Ref<ContractVersion>;

  @ManyToOne(() => User, { ref: true, deleteRule: 'cascade' })
  user!: Ref<User>;

  @Property({ type: 'integer', nullable: true })
  ordinal: number | null = null;

  @ManyToOne(() => User, { ref: true, nullable: true, deleteRule: 'set null' })
  sentBy: Ref<User> | null = null;

  @Property({ type: 'timestamptz' })
  sentAt: Date = new Date();
}
