import { Migration } from '@mikro-orm/migrations';

/**
 * Frozen contract versions, their required signers, signatures and the audit trail.
 * Triggers make them immutable in the database itself: versions may only leave
 * AWAITING_SIGNATURES (to SIGNED once every required signer signed, or to
 * SUPERSEDED), and nothing in these tables can be deleted or truncated.
 */
export class Migration20261125200000ContractVersions extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "version_status" as enum ('AWAITING_SIGNATURES', 'SIGNED', 'SUPERSEDED');`);
    this.addSql(
      `create table "contract_versions" ("id" uuid not null, "proposal_id" uuid not null, "number" int not null, "status" "version_status" not null default 'AWAITING_SIGNATURES', "content_hash" varchar(64) not null, "content_json" jsonb not null, "yjs_state" bytea not null, "previous_hash" varchar(64) null, "chain_hash" varchar(64) not null, "note" text null, "frozen_by_id" uuid not null, "frozen_at" timestamptz not null, "status_changed_at" timestamptz null, constraint "contract_versions_pkey" primary key ("id"));`,
    );
    this.addSql(
      `alter table "contract_versions" add constraint "contract_versions_chain_hash_unique" unique ("chain_hash");`,
    );
    this.addSql(
      `alter table "contract_versions" add constraint "contract_versions_proposal_id_number_unique" unique ("proposal_id", "number");`,
    );

    this.addSql(
      `create table "signatures" ("id" uuid not null, "version_id" uuid not null, "signer_id" uuid not null, "content_hash" varchar(64) not null, "signed_at" timestamptz not null, "ip" varchar(64) null, "user_agent" varchar(512) null, "auth_method" varchar(32) not null, "consent_statement" text not null, "record_hash" varchar(64) not null, constraint "signatures_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "signatures_signer_id_index" on "signatures" ("signer_id");`);
    this.addSql(
      `alter table "signatures" add constraint "signatures_version_id_signer_id_unique" unique ("version_id", "signer_id");`,
    );

    this.addSql(
      `create table "audit_events" ("id" bigserial primary key, "proposal_id" uuid not null, "kind" varchar(40) not null, "actor_id" uuid null, "version_id" uuid null, "data" jsonb null, "at" timestamptz not null, "previous_hash" varchar(64) null, "hash" varchar(64) not null);`,
    );
    this.addSql(`create index "audit_events_proposal_id_id_index" on "audit_events" ("proposal_id", "id");`);

    this.addSql(
      `create table "version_signers" ("id" uuid not null, "version_id" uuid not null, "user_id" uuid not null, "role" "participant_role" not null, constraint "version_signers_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "version_signers_user_id_index" on "version_signers" ("user_id");`);
    this.addSql(
      `alter table "version_signers" add constraint "version_signers_version_id_user_id_unique" unique ("version_id", "user_id");`,
    );

    this.addSql(
      `alter table "contract_versions" add constraint "contract_versions_proposal_id_foreign" foreign key ("proposal_id") references "proposals" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "contract_versions" add constraint "contract_versions_frozen_by_id_foreign" foreign key ("frozen_by_id") references "users" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "signatures" add constraint "signatures_version_id_foreign" foreign key ("version_id") references "contract_versions" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "signatures" add constraint "signatures_signer_id_foreign" foreign key ("signer_id") references "users" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "audit_events" add constraint "audit_events_proposal_id_foreign" foreign key ("proposal_id") references "proposals" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "audit_events" add constraint "audit_events_actor_id_foreign" foreign key ("actor_id") references "users" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "audit_events" add constraint "audit_events_version_id_foreign" foreign key ("version_id") references "contract_versions" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "version_signers" add constraint "version_signers_version_id_foreign" foreign key ("version_id") references "contract_versions" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "version_signers" add constraint "version_signers_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade;`,
    );

    // Append-only tables: any UPDATE, DELETE or TRUNCATE is refused.
    this.addSql(`create function "brieflock_refuse_change"() returns trigger language plpgsql as $$
      begin
        raise exception '% rows are immutable: % refused', tg_table_name, tg_op using errcode = 'integrity_constraint_violation';
      end
    $$;`);
    for (const table of ['signatures', 'version_signers', 'audit_events']) {
      this.addSql(
        `create trigger "${table}_immutable" before update or delete on "${table}" for each row execute function "brieflock_refuse_change"();`,
      );
      this.addSql(
        `create trigger "${table}_no_truncate" before truncate on "${table}" for each statement execute function "brieflock_refuse_change"();`,
      );
    }

    // A version may only change status, once, out of AWAITING_SIGNATURES; SIGNED only
    // when every required signer has signed. Everything else about it is fixed.
    this.addSql(`create function "contract_versions_guard"() returns trigger language plpgsql as $$
      begin
        if tg_op <> 'UPDATE' then
          raise exception 'contract versions are immutable: % refused', tg_op using errcode = 'integrity_constraint_violation';
        end if;
        if old.status <> 'AWAITING_SIGNATURES' or new.status = 'AWAITING_SIGNATURES'
           or (to_jsonb(new) - 'status' - 'status_changed_at') is distinct from (to_jsonb(old) - 'status' - 'status_changed_at') then
          raise exception 'contract version % is immutable', old.id using errcode = 'integrity_constraint_violation';
        end if;
        if new.status = 'SIGNED' and exists (
          select 1 from "version_signers" vs
           where vs."version_id" = new."id"
             and not exists (select 1 from "signatures" s where s."version_id" = vs."version_id" and s."signer_id" = vs."user_id")
        ) then
          raise exception 'contract version % is not signed by every required signer', old.id using errcode = 'integrity_constraint_violation';
        end if;
        return new;
      end
    $$;`);
    this.addSql(
      `create trigger "contract_versions_immutable" before update or delete on "contract_versions" for each row execute function "contract_versions_guard"();`,
    );
    this.addSql(
      `create trigger "contract_versions_no_truncate" before truncate on "contract_versions" for each statement execute function "brieflock_refuse_change"();`,
    );

    // A signature must be by a required signer, of the version's exact content, while
    // the version still awaits signatures.
    this.addSql(`create function "signatures_check_insert"() returns trigger language plpgsql as $$
      declare
        v record;
      begin
        select "status", "content_hash" into v from "contract_versions" where "id" = new."version_id";
        if v is null or v.status <> 'AWAITING_SIGNATURES' then
          raise exception 'version % does not await signatures', new."version_id" using errcode = 'integrity_constraint_violation';
        end if;
        if v.content_hash <> new."content_hash" then
          raise exception 'signature hash does not match version %', new."version_id" using errcode = 'integrity_constraint_violation';
        end if;
        if not exists (select 1 from "version_signers" where "version_id" = new."version_id" and "user_id" = new."signer_id") then
          raise exception 'user % is not a required signer of version %', new."signer_id", new."version_id" using errcode = 'integrity_constraint_violation';
        end if;
        return new;
      end
    $$;`);
    this.addSql(
      `create trigger "signatures_check_insert" before insert on "signatures" for each row execute function "signatures_check_insert"();`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "signatures" cascade;`);
    this.addSql(`drop table if exists "version_signers" cascade;`);
    this.addSql(`drop table if exists "audit_events" cascade;`);
    this.addSql(`drop table if exists "contract_versions" cascade;`);
    this.addSql(`drop function if exists "brieflock_refuse_change"() cascade;`);
    this.addSql(`drop function if exists "contract_versions_guard"() cascade;`);
    this.addSql(`drop function if exists "signatures_check_insert"() cascade;`);
    this.addSql(`drop type if exists "version_status";`);
  }
}
