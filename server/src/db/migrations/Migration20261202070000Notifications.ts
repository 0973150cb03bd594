import { Migration } from '@mikro-orm/migrations';

/**
 * In-app notifications: one row per recipient, written in the transaction of the change
 * that caused it. The inbox reads a person's newest first and counts their unread ones,
 * so both have an index of their own.
 */
export class Migration20261202070000Notifications extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "notifications" (
      "id" uuid not null,
      "user_id" uuid not null,
      "kind" varchar(32) not null,
      "proposal_id" uuid null,
      "actor_id" uuid null,
      "text" varchar(500) not null,
      "link" varchar(300) not null,
      "created_at" timestamptz not null,
      "read_at" timestamptz null,
      constraint "notifications_pkey" primary key ("id")
    );`);
    this.addSql(
      `alter table "notifications" add constraint "notifications_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "notifications" add constraint "notifications_proposal_id_foreign" foreign key ("proposal_id") references "proposals" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "notifications" add constraint "notifications_actor_id_foreign" foreign key ("actor_id") references "users" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `create index "notifications_user_created_index" on "notifications" ("user_id", "created_at" desc, "id" desc);`,
    );
    this.addSql(
      `create index "notifications_user_unread_index" on "notifications" ("user_id") where "read_at" is null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table "notifications";`);
  }
}
