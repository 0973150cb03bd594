import { Migration } from '@mikro-orm/migrations';

/**
 * An address belongs to an account only once proven: sign-up no longer refuses an address
 * that is taken (which told anyone whether it had an account), so several accounts may
 * claim one address, and at most one holds it proven. Existing accounts signed up while
 * addresses were unique, so they keep theirs as proven.
 */
export class Migration20261201600200AddressProof extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "users" add column "email_verified_at" timestamptz null;`);
    this.addSql(`update "users" set "email_verified_at" = "created_at" where not "pending";`);
    this.addSql(`alter table "users" drop constraint "users_email_unique";`);
    this.addSql(`create index "users_email_index" on "users" ("email");`);
    this.addSql(
      `create unique index "users_verified_email_unique" on "users" ("email") where "email_verified_at" is not null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "users_verified_email_unique";`);
    this.addSql(`drop index "users_email_index";`);
    this.addSql(`delete from "users" where "email_verified_at" is null and "email" in
      (select "email" from "users" where "email_verified_at" is not null);`);
    this.addSql(`alter table "users" add constraint "users_email_unique" unique ("email");`);
    this.addSql(`alter table "users" drop column "email_verified_at";`);
  }
}
