import { Migration } from '@mikro-orm/migrations';

/** Accounts, sessions, sign-in throttling, proposals and participants. */
export class Migration20261125000000Init extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "participant_role" as enum ('CLIENT', 'FREELANCER', 'VIEWER');`);

    this.addSql(`create table "users" (
      "id" uuid not null,
      "email" varchar(254) not null,
      "name" varchar(120) not null,
      "password_hash" varchar(255) null,
      "pending" boolean not null default false,
      "created_at" timestamptz not null,
      constraint "users_pkey" primary key ("id"),
      constraint "users_email_normalised" check ("email" = lower(btrim("email")))
    );`);
    this.addSql(`alter table "users" add constraint "users_email_unique" unique ("email");`);

    this.addSql(`create table "sessions" (
      "id" uuid not null,
      "user_id" uuid not null,
      "token_hash" varchar(64) not null,
      "method" varchar(32) not null,
      "created_at" timestamptz not null,
      "expires_at" timestamptz not null,
      "revoked_at" timestamptz null,
      "ip" varchar(64) null,
      "user_agent" varchar(512) null,
      constraint "sessions_pkey" primary key ("id")
    );`);
    this.addSql(`alter table "sessions" add constraint "sessions_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "sessions_user_id_index" on "sessions" ("user_id");`);
    this.addSql(
      `alter table "sessions" add constraint "sessions_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(`create table "sign_in_failures" (
      "email" varchar(254) not null,
      "failures" int not null,
      "window_started_at" timestamptz not null,
      "locked_until" timestamptz null,
      constraint "sign_in_failures_pkey" primary key ("email")
    );`);

    this.addSql(`create table "proposals" (
      "id" uuid not null,
      "title" varchar(200) not null,
      "created_by_id" uuid not null,
      "created_at" timestamptz not null,
      constraint "proposals_pkey" primary key ("id")
    );`);
    this.addSql(
      `alter table "proposals" add constraint "proposals_created_by_id_foreign" foreign key ("created_by_id") references "users" ("id") on update cascade;`,
    );

    this.addSql(`create table "participants" (
      "id" uuid not null,
      "proposal_id" uuid not null,
      "user_id" uuid not null,
      "role" "participant_role" not null,
      "invited_by_id" uuid null,
      "created_at" timestamptz not null,
      constraint "participants_pkey" primary key ("id")
    );`);
    this.addSql(
      `alter table "participants" add constraint "participants_proposal_id_user_id_unique" unique ("proposal_id", "user_id");`,
    );
    this.addSql(`create index "participants_user_id_index" on "participants" ("user_id");`);
    this.addSql(
      `alter table "participants" add constraint "participants_proposal_id_foreign" foreign key ("proposal_id") references "proposals" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "participants" add constraint "participants_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "participants" add constraint "participants_invited_by_id_foreign" foreign key ("invited_by_id") references "users" ("id") on update cascade on delete set null;`,
    );
  }
}
