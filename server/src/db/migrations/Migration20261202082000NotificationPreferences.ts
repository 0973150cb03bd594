import { Migration } from '@mikro-orm/migrations';

/**
 * Per-person notification channels: a row only for a kind whose channel the person
 * chose; every other kind takes its default (modules/notifications/preferences.ts).
 */
export class Migration20261202082000NotificationPreferences extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "notification_preferences" (
      "user_id" uuid not null,
      "kind" varchar(32) not null,
      "channel" varchar(16) not null,
      constraint "notification_preferences_pkey" primary key ("user_id", "kind")
    );`);
    this.addSql(
      `alter table "notification_preferences" add constraint "notification_preferences_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table "notification_preferences";`);
  }
}
