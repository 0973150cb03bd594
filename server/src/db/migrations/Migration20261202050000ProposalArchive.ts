import { Migration } from '@mikro-orm/migrations';

/** A client may archive a proposal: it leaves everyone's default list until restored. */
export class Migration20261202050000ProposalArchive extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "proposals" add column "archived_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "proposals" drop column "archived_at";`);
  }
}
