import { Entity, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import type { NotificationKind } from '@brieflock/schema';
import { User } from '../accounts/user.entity.js';
import type { NotificationChannel } from './preferences.js';

/**
 * How one person wants one kind of notification delivered. Only choices a person made
 * are stored: a kind without a row takes its default (see preferences.ts).
 */
@Entity({ tableName: 'notification_preferences' })
export class NotificationPreference {
  @ManyToOne(() => User, { ref: true, primary: true, deleteRule: 'cascade' })
  user!: Ref<User>;

  @PrimaryKey({ type: 'string', length: 32 })
  kind!: NotificationKind;

  @Property({ type: 'string', length: 16 })
  channel!: NotificationChannel;
}
