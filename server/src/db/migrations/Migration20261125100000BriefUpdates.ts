import { Migration } from '@mikro-orm/migrations';

/** The live brief's Yjs update log. */
export class Migration20261125100000BriefUpdates extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "brief_updates" (
      "id" bigserial,
      "proposal_id" uuid not null,
      "data" bytea not null,
      "created_at" timestamptz not null default now(),
      constraint "brief_updates_pkey" primary key ("id")
    );`);
    this.addSql(`create index "brief_updates_proposal_id_id_index" on "brief_updates" ("proposal_id", "id");`);
    this.addSql(
      `alter table "brief_updates" add constraint "brief_updates_proposal_id_foreign" foreign key ("proposal_id") references "proposals" ("id") on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "brief_updates" cascade;`);
  }
}
