import { Migration } from '@mikro-orm/migrations';

/**
 * Passkeys (WebAuthn credentials), their single-use challenges, and the passkey
 * assertion kept with every new signature. A passkey's key never changes and its row is
 * never deleted (removing one marks it removed), so a signature's key stays traceable.
 */
export class Migration20261201500000Passkeys extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "passkeys" (
      "id" uuid not null,
      "user_id" uuid not null,
      "credential_id" varchar(1366) not null,
      "public_key" text not null,
      "cose_public_key" bytea not null,
      "algorithm" int not null,
      "counter" bigint not null default 0,
      "transports" jsonb not null default '[]',
      "device_type" varchar(16) not null,
      "backed_up" boolean not null,
      "name" varchar(64) not null,
      "created_at" timestamptz not null,
      "last_used_at" timestamptz null,
      "removed_at" timestamptz null,
      constraint "passkeys_pkey" primary key ("id"),
      constraint "passkeys_credential_id_unique" unique ("credential_id"));`);
    this.addSql(`create index "passkeys_user_id_index" on "passkeys" ("user_id");`);
    this.addSql(
      `alter table "passkeys" add constraint "passkeys_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade;`,
    );
    this.addSql(`create function "passkeys_guard"() returns trigger language plpgsql as $$
      begin
        if tg_op <> 'UPDATE' then
          raise exception 'passkeys are never deleted: % refused', tg_op using errcode = 'integrity_constraint_violation';
        end if;
        if (new."id", new."user_id", new."credential_id", new."public_key", new."cose_public_key", new."algorithm", new."created_at")
           is distinct from (old."id", old."user_id", old."credential_id", old."public_key", old."cose_public_key", old."algorithm", old."created_at")
           or (old."removed_at" is not null and new."removed_at" is distinct from old."removed_at") then
          raise exception 'passkey % keeps its key and owner', old."id" using errcode = 'integrity_constraint_violation';
        end if;
        return new;
      end
    $$;`);
    this.addSql(
      `create trigger "passkeys_guard" before update or delete on "passkeys" for each row execute function "passkeys_guard"();`,
    );

    this.addSql(`create table "webauthn_challenges" (
      "challenge_hash" varchar(64) not null,
      "purpose" varchar(16) not null,
      "user_id" uuid null,
      "email" varchar(254) null,
      "version_id" uuid null,
      "nonce" varchar(64) null,
      "consent_statement" text null,
      "expires_at" timestamptz not null,
      constraint "webauthn_challenges_pkey" primary key ("challenge_hash"));`);
    this.addSql(`create index "webauthn_challenges_expires_at_index" on "webauthn_challenges" ("expires_at");`);
    this.addSql(
      `alter table "webauthn_challenges" add constraint "webauthn_challenges_user_id_foreign" foreign key ("user_id") references "users" ("id") on update cascade on delete cascade;`,
    );

    for (const column of [
      '"passkey_id" uuid null',
      '"credential_id" varchar(1366) null',
      '"public_key" text null',
      '"public_key_algorithm" int null',
      '"authenticator_data" text null',
      '"client_data_json" text null',
      '"assertion_signature" text null',
      '"challenge_nonce" varchar(64) null',
      '"rp_id" varchar(253) null',
    ])
      this.addSql(`alter table "signatures" add column ${column};`);
  }

  override async down(): Promise<void> {
    for (const column of [
      'passkey_id',
      'credential_id',
      'public_key',
      'public_key_algorithm',
      'authenticator_data',
      'client_data_json',
      'assertion_signature',
      'challenge_nonce',
      'rp_id',
    ])
      this.addSql(`alter table "signatures" drop column if exists "${column}";`);
    this.addSql(`drop table if exists "webauthn_challenges" cascade;`);
    this.addSql(`drop table if exists "passkeys" cascade;`);
    this.addSql(`drop function if exists "passkeys_guard"() cascade;`);
  }
}
