import { Migration } from '@mikro-orm/migrations';

/**
 * A version awaiting signatures may also be DECLINED by a signer: the one step out of
 * AWAITING_SIGNATURES may set DECLINED, and only that step sets who declined and why.
 * Nothing ever leaves DECLINED (nor SIGNED, nor SUPERSEDED), and a signature of a
 * declined version is refused as one of any version no longer awaiting signatures.
 */
export class Migration20261203071000SigningDecline extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create or replace function "contract_versions_guard"() returns trigger language plpgsql as $$
      begin
        if tg_op <> 'UPDATE' then
          raise exception 'contract versions are immutable: % refused', tg_op using errcode = 'integrity_constraint_violation';
        end if;
        if old.status <> 'AWAITING_SIGNATURES' or new.status = 'AWAITING_SIGNATURES'
           or (to_jsonb(new) - 'status' - 'status_changed_at' - 'declined_by_id' - 'decline_reason')
              is distinct from (to_jsonb(old) - 'status' - 'status_changed_at' - 'declined_by_id' - 'decline_reason') then
          raise exception 'contract version % is immutable', old.id using errcode = 'integrity_constraint_violation';
        end if;
        if new.status = 'DECLINED' then
          if new."declined_by_id" is null or new."decline_reason" is null then
            raise exception 'declining contract version % needs who declined and why', old.id using errcode = 'integrity_constraint_violation';
          end if;
        elsif new."declined_by_id" is distinct from old."declined_by_id" or new."decline_reason" is distinct from old."decline_reason" then
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
  }

  override async down(): Promise<void> {
    this.addSql(`create or replace function "contract_versions_guard"() returns trigger language plpgsql as $$
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
  }
}
