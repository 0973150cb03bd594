import { Migration } from '@mikro-orm/migrations';

/**
 * Proposal webhooks: the endpoints a proposal's client registered, and one row per
 * delivery attempt. A delivery's `message_id` stays the same across its retries (the
 * receiver's idempotency key); the worker finds an attempt by its id, the log lists an
 * endpoint's newest attempts first.
 */
export class Migration20261202083000Webhooks extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "webhooks" (
      "id" uuid not null,
      "proposal_id" uuid not null,
      "created_by_id" uuid not null,
      "url" varchar(2048) not null,
      "events" text[] not null,
      "secret_ciphertext" text not null,
      "enabled" boolean not null default true,
      "created_at" timestamptz not null,
      "disabled_at" timestamptz null,
      constraint "webhooks_pkey" primary key ("id")
    );`);
    this.addSql(
      `alter table "webhooks" add constraint "webhooks_proposal_id_foreign" foreign key ("proposal_id") references "proposals" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "webhooks" add constraint "webhooks_created_by_id_foreign" foreign key ("created_by_id") references "users" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(`create index "webhooks_proposal_index" on "webhooks" ("proposal_id");`);
    this.addSql(`create table "webhook_deliveries" (
      "id" uuid not null,
      "webhook_id" uuid not null,
      "message_id" varchar(64) not null,
      "event" varchar(32) not null,
      "payload" jsonb not null,
      "attempt" int not null,
      "status" varchar(16) not null,
      "response_code" int null,
      "error" varchar(300) null,
      "first_attempt_at" timestamptz null,
      "scheduled_at" timestamptz not null,
      "attempted_at" timestamptz null,
      "delivered_at" timestamptz null,
      "next_attempt_at" timestamptz null,
      constraint "webhook_deliveries_pkey" primary key ("id"),
      constraint "webhook_deliveries_attempt_unique" unique ("message_id", "attempt")
    );`);
    this.addSql(
      `alter table "webhook_deliveries" add constraint "webhook_deliveries_webhook_id_foreign" foreign key ("webhook_id") references "webhooks" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `create index "webhook_deliveries_webhook_index" on "webhook_deliveries" ("webhook_id", "scheduled_at" desc, "attempt" desc);`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table "webhook_deliveries";`);
    this.addSql(`drop table "webhooks";`);
  }
}
