import { Migration } from '@mikro-orm/migrations';

/**
 * Comment threads on the brief, their comments and mentions, and which threads were open
 * when each version was frozen. Kept in their own tables, apart from the brief and from
 * every frozen version's content.
 */
export class Migration20261202030000CommentThreads extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "thread_status" as enum ('OPEN', 'RESOLVED');`);
    this.addSql(`create table "comment_threads" (
      "id" uuid not null,
      "proposal_id" uuid not null,
      "section" varchar(64) not null,
      "item_id" varchar(64) null,
      "field" varchar(64) null,
      "anchor_from" varchar(256) null,
      "anchor_to" varchar(256) null,
      "quote" text null,
      "status" "thread_status" not null default 'OPEN',
      "created_by_id" uuid not null,
      "created_at" timestamptz not null,
      "last_activity_at" timestamptz not null,
      "resolved_by_id" uuid null,
      "resolved_at" timestamptz null,
      "opened_on_version_id" uuid null,
      "resolved_on_version_id" uuid null,
      constraint "comment_threads_pkey" primary key ("id")
    );`);
    this.addSql(
      `create index "comment_threads_proposal_id_last_activity_at_index" on "comment_threads" ("proposal_id", "last_activity_at");`,
    );
    this.addSql(`create table "comments" (
      "id" uuid not null,
      "thread_id" uuid not null,
      "author_id" uuid not null,
      "body" text not null,
      "created_at" timestamptz not null,
      "edited_at" timestamptz null,
      constraint "comments_pkey" primary key ("id")
    );`);
    this.addSql(`create index "comments_thread_id_created_at_index" on "comments" ("thread_id", "created_at");`);
    this.addSql(`create table "comment_mentions" (
      "comment_id" uuid not null,
      "user_id" uuid not null,
      constraint "comment_mentions_pkey" primary key ("comment_id", "user_id")
    );`);
    this.addSql(`create table "version_open_threads" (
      "version_id" uuid not null,
      "thread_id" uuid not null,
      constraint "version_open_threads_pkey" primary key ("version_id", "thread_id")
    );`);
    this.addSql(
      `alter table "comment_threads" add constraint "comment_threads_proposal_id_foreign" foreign key ("proposal_id") references "proposals" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "comment_threads" add constraint "comment_threads_created_by_id_foreign" foreign key ("created_by_id") references "users" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "comment_threads" add constraint "comment_threads_resolved_by_id_foreign" foreign key ("resolved_by_id") references "users" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "comment_threads" add constraint "comment_threads_opened_on_version_id_foreign" foreign key ("opened_on_version_id") references "contract_versions" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "comment_threads" add constraint "comment_threads_resolved_on_version_id_foreign" foreign key ("resolved_on_version_id") references "contract_versions" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "comments" add constraint "comments_thread_id_foreign" foreign key ("thread_id") references "comment_threads" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "comments" add constraint "comments_author_id_foreign" foreign key ("author_id") references "users" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "comment_mentions" add constraint "comment_mentions_comment_id_foreign" foreign key ("comment_id") references "comments" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "comment_mentions" add constraint "comment_mentions_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "version_open_threads" add constraint "version_open_threads_version_id_foreign" foreign key ("version_id") references "contract_versions" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "version_open_threads" add constraint "version_open_threads_thread_id_foreign" foreign key ("thread_id") references "comment_threads" ("id") on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "version_open_threads" cascade;`);
    this.addSql(`drop table if exists "comment_mentions" cascade;`);
    this.addSql(`drop table if exists "comments" cascade;`);
    this.addSql(`drop table if exists "comment_threads" cascade;`);
    this.addSql(`drop type if exists "thread_status";`);
  }
}
