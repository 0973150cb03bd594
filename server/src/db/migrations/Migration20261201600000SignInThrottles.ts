import { Migration } from '@mikro-orm/migrations';

/**
 * Sign-in throttling counts per address and client, per client and per address
 * (modules/accounts/throttle.ts) instead of locking an address after a few failures
 * from anyone, which let a stranger lock the owner out.
 */
export class Migration20261201600000SignInThrottles extends Migration {
  override async up(): Promise<void> {
    this.addSql(`drop table if exists "sign_in_failures";`);
    this.addSql(`create table "sign_in_throttles" (
      "key" varchar(400) not null,
      "failures" int not null,
      "last_failure_at" timestamptz not null,
      "blocked_until" timestamptz null,
      constraint "sign_in_throttles_pkey" primary key ("key")
    );`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "sign_in_throttles";`);
    this.addSql(`create table "sign_in_failures" (
      "email" varchar(254) not null,
      "failures" int not null,
      "window_started_at" timestamptz not null,
      "locked_until" timestamptz null,
      constraint "sign_in_failures_pkey" primary key ("email")
    );`);
  }
}
