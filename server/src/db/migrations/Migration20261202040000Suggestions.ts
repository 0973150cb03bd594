import { Migration } from '@mikro-orm/migrations';

/** Suggestions on a proposal's brief: structured field changes, and decided rich-text changes. */
export class Migration20261202040000Suggestions extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "suggestion_kind" as enum ('FIELD', 'TEXT');`);
    this.addSql(`create type "suggestion_status" as enum ('OPEN', 'ACCEPTED', 'REJECTED', 'WITHDRAWN');`);
    this.addSql(`create table "suggestions" (
      "id" uuid not null,
      "proposal_id" uuid not null,
      "kind" "suggestion_kind" not null,
      "section" varchar(50) not null,
      "item_id" varchar(100) null,
      "field" varchar(50) null,
      "author_id" uuid null,
      "current_value" jsonb null,
      "proposed_value" jsonb null,
      "summary" text not null,
      "status" "suggestion_status" not null,
      "created_at" timestamptz not null,
      "decided_by_id" uuid null,
      "decided_at" timestamptz null,
      constraint "suggestions_pkey" primary key ("id")
    );`);
    this.addSql(`create index "suggestions_proposal_id_status_index" on "suggestions" ("proposal_id", "status");`);
    this.addSql(`alter table "suggestions" add constraint "suggestions_proposal_id_foreign"
      foreign key ("proposal_id") references "proposals" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "suggestions" add constraint "suggestions_author_id_foreign"
      foreign key ("author_id") references "users" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "suggestions" add constraint "suggestions_decided_by_id_foreign"
      foreign key ("decided_by_id") references "users" ("id") on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "suggestions";`);
    this.addSql(`drop type if exists "suggestion_status";`);
    this.addSql(`drop type if exists "suggestion_kind";`);
  }
}
