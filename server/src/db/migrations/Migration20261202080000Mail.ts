import { Migration } from '@mikro-orm/migrations';

/**
 * Reaching people by e-mail.
 * - `emails`: every message, queued in the transaction of its cause and handed to SMTP
 *   by a job. Once SMTP has accepted a message its bodies are dropped (they may hold a
 *   link token); without SMTP they stay here as the outbox.
 * - `account_tokens`: single-purpose link tokens (verify an address, reset a password,
 *   unsubscribe), stored as hex SHA-256 hashes only.
 * - `sign_reminders`: each reminder a pending signer was sent, so no instance sends one twice.
 * - `notifications.emailed_at`: when a notification went out by e-mail (alone or in a digest).
 */
export class Migration20261202080000Mail extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "emails" (
      "id" uuid not null,
      "user_id" uuid null,
      "kind" varchar(32) not null,
      "ref" uuid null,
      "to_address" varchar(254) not null,
      "to_name" varchar(120) not null,
      "subject" varchar(300) not null,
      "text_body" text null,
      "html_body" text null,
      "link" varchar(2000) null,
      "unsubscribe_url" varchar(2000) null,
      "status" varchar(16) not null default 'queued',
      "attempts" int not null default 0,
      "last_error" varchar(500) null,
      "created_at" timestamptz not null,
      "sent_at" timestamptz null,
      constraint "emails_pkey" primary key ("id")
    );`);
    this.addSql(
      `alter table "emails" add constraint "emails_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete set null;`,
    );
    this.addSql(`create index "emails_user_created_index" on "emails" ("user_id", "created_at" desc);`);
    this.addSql(`create index "emails_ref_index" on "emails" ("ref") where "ref" is not null;`);

    this.addSql(`create table "account_tokens" (
      "id" uuid not null,
      "user_id" uuid not null,
      "purpose" varchar(24) not null,
      "token_hash" varchar(64) not null,
      "email" varchar(254) null,
      "scope" varchar(32) null,
      "created_at" timestamptz not null,
      "expires_at" timestamptz not null,
      "used_at" timestamptz null,
      constraint "account_tokens_pkey" primary key ("id")
    );`);
    this.addSql(
      `alter table "account_tokens" add constraint "account_tokens_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "account_tokens" add constraint "account_tokens_token_hash_unique" unique ("token_hash");`,
    );
    this.addSql(`create index "account_tokens_user_purpose_index" on "account_tokens" ("user_id", "purpose");`);

    this.addSql(`create table "sign_reminders" (
      "id" uuid not null,
      "version_id" uuid not null,
      "user_id" uuid not null,
      "ordinal" int null,
      "sent_by_id" uuid null,
      "sent_at" timestamptz not null,
      constraint "sign_reminders_pkey" primary key ("id")
    );`);
    this.addSql(
      `alter table "sign_reminders" add constraint "sign_reminders_version_id_foreign" foreign key ("version_id") references "contract_versions" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "sign_reminders" add constraint "sign_reminders_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "sign_reminders" add constraint "sign_reminders_sent_by_id_foreign" foreign key ("sent_by_id") references "users" ("id") on update cascade on delete set null;`,
    );
    // A scheduled reminder (its ordinal in SIGN_REMINDER_DAYS) goes out once per signer.
    this.addSql(
      `create unique index "sign_reminders_scheduled_unique" on "sign_reminders" ("version_id", "user_id", "ordinal") where "ordinal" is not null;`,
    );
    this.addSql(
      `create index "sign_reminders_version_user_index" on "sign_reminders" ("version_id", "user_id", "sent_at" desc);`,
    );

    this.addSql(`alter table "notifications" add column "emailed_at" timestamptz null;`);
    this.addSql(
      `create index "notifications_user_unemailed_index" on "notifications" ("user_id", "created_at") where "emailed_at" is null and "read_at" is null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "notifications_user_unemailed_index";`);
    this.addSql(`alter table "notifications" drop column "emailed_at";`);
    this.addSql(`drop table "sign_reminders";`);
    this.addSql(`drop table "account_tokens";`);
    this.addSql(`drop table "emails";`);
  }
}
