import { Migration } from '@mikro-orm/migrations';

/**
 * The reminder sweep reads, every minute on every instance, only the versions still
 * awaiting signatures: a partial index keeps that read as small as the set of open
 * versions, however many signed and superseded ones pile up.
 */
export class Migration20261202090000AwaitingVersionsIndex extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create index "contract_versions_awaiting_index" on "contract_versions" ("frozen_at") where "status" = 'AWAITING_SIGNATURES';`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "contract_versions_awaiting_index";`);
  }
}
