import { Migration } from '@mikro-orm/migrations';

/**
 * Adding a person by e-mail becomes an invitation that names only the address until it
 * is accepted, instead of joining whatever account holds the address at once. The
 * placeholder users that stood for addresses without an account become invitations.
 */
export class Migration20261201600100Invitations extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "participants" alter column "user_id" drop not null;`);
    this.addSql(`alter table "participants"
      add column "invited_email" varchar(254) null,
      add column "accepted_at" timestamptz null,
      add column "invitation_token_hash" varchar(64) null,
      add column "invitation_expires_at" timestamptz null;`);
    this.addSql(
      `alter table "participants" add constraint "participants_invitation_token_hash_unique" unique ("invitation_token_hash");`,
    );
    this.addSql(
      `alter table "participants" add constraint "participants_proposal_id_invited_email_unique" unique ("proposal_id", "invited_email");`,
    );
    // Everyone already taking part accepted by being added; an address without an account
    // is now an invitation with no link yet (its client issues one).
    this.addSql(`update "participants" p set "accepted_at" = p."created_at"
      from "users" u where u."id" = p."user_id" and not u."pending";`);
    this.addSql(`update "participants" p set "invited_email" = u."email", "user_id" = null
      from "users" u where u."id" = p."user_id" and u."pending";`);
    this.addSql(`delete from "users" u where u."pending"
      and not exists (select 1 from "participants" p where p."user_id" = u."id" or p."invited_by_id" = u."id")
      and not exists (select 1 from "proposals" p where p."created_by_id" = u."id")
      and not exists (select 1 from "audit_events" a where a."actor_id" = u."id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`delete from "participants" where "user_id" is null;`);
    this.addSql(`alter table "participants" drop constraint "participants_proposal_id_invited_email_unique";`);
    this.addSql(`alter table "participants" drop constraint "participants_invitation_token_hash_unique";`);
    this.addSql(`alter table "participants"
      drop column "invited_email", drop column "accepted_at",
      drop column "invitation_token_hash", drop column "invitation_expires_at";`);
    this.addSql(`alter table "participants" alter column "user_id" set not null;`);
  }
}
