import { Migration } from '@mikro-orm/migrations';

/**
 * The server's Ed25519 signatures over every contract record, a gapless sequence number
 * per proposal on audit rows, the receipts handed to the parties and the server's key
 * ids. Seals are written with their rows and never change; receipts and keys are
 * append-only like the rest of the contract tables.
 */
export class Migration20261201400000ServerSeals extends Migration {
  override async up(): Promise<void> {
    for (const table of ['contract_versions', 'signatures', 'audit_events']) {
      this.addSql(
        `alter table "${table}" add column "server_key_id" varchar(32) null, add column "server_signature" varchar(128) null;`,
      );
    }
    this.addSql(`alter table "audit_events" add column "sequence" int null;`);
    // Existing rows are numbered once, in chain order, with the immutability trigger held back.
    this.addSql(`alter table "audit_events" disable trigger "audit_events_immutable";`);
    this.addSql(
      `update "audit_events" a set "sequence" = n.seq from (select "id", row_number() over (partition by "proposal_id" order by "id") as seq from "audit_events") n where n."id" = a."id";`,
    );
    this.addSql(`alter table "audit_events" enable trigger "audit_events_immutable";`);
    this.addSql(`alter table "audit_events" alter column "sequence" set not null;`);
    this.addSql(
      `alter table "audit_events" add constraint "audit_events_proposal_id_sequence_unique" unique ("proposal_id", "sequence");`,
    );

    this.addSql(
      `create table "receipts" ("id" bigserial primary key, "proposal_id" uuid not null, "head_hash" varchar(64) not null, "length" int not null, "issued_at" timestamptz not null, "key_id" varchar(32) not null, "signature" varchar(128) not null);`,
    );
    this.addSql(`create index "receipts_proposal_id_id_index" on "receipts" ("proposal_id", "id");`);
    this.addSql(
      `alter table "receipts" add constraint "receipts_proposal_id_foreign" foreign key ("proposal_id") references "proposals" ("id") on update cascade;`,
    );
    this.addSql(
      `create table "server_keys" ("key_id" varchar(32) primary key, "public_key" varchar(64) not null, "created_at" timestamptz not null default now());`,
    );
    for (const table of ['receipts', 'server_keys']) {
      this.addSql(
        `create trigger "${table}_immutable" before update or delete on "${table}" for each row execute function "brieflock_refuse_change"();`,
      );
      this.addSql(
        `create trigger "${table}_no_truncate" before truncate on "${table}" for each statement execute function "brieflock_refuse_change"();`,
      );
    }
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "receipts" cascade;`);
    this.addSql(`drop table if exists "server_keys" cascade;`);
    this.addSql(`alter table "audit_events" drop constraint if exists "audit_events_proposal_id_sequence_unique";`);
    this.addSql(`alter table "audit_events" drop column if exists "sequence";`);
    for (const table of ['contract_versions', 'signatures', 'audit_events']) {
      this.addSql(
        `alter table "${table}" drop column if exists "server_key_id", drop column if exists "server_signature";`,
      );
    }
  }
}
