import { Migration } from '@mikro-orm/migrations';

/**
 * A version's required signers are fixed when it is frozen: a signer row may only be
 * inserted by the transaction that inserted the version itself.
 */
export class Migration20261125210000SignerInsertGuard extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create function "version_signers_check_insert"() returns trigger language plpgsql as $$
      begin
        if not exists (
          select 1 from "contract_versions" where "id" = new."version_id" and "xmin" = pg_current_xact_id()::xid
        ) then
          raise exception 'the signers of version % were fixed when it was frozen', new."version_id" using errcode = 'integrity_constraint_violation';
        end if;
        return new;
      end
    $$;`);
    this.addSql(
      `create trigger "version_signers_check_insert" before insert on "version_signers" for each row execute function "version_signers_check_insert"();`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists "version_signers_check_insert" on "version_signers";`);
    this.addSql(`drop function if exists "version_signers_check_insert"();`);
  }
}
