import { Migration } from '@mikro-orm/migrations';

/**
 * The engagement after signing.
 *
 * - Versions may be DECLINED (by whom, why), may amend the version in force (a change
 *   order) and may be signed in an order of groups (`version_signers.signing_group`).
 * - `tracked_milestones`: the milestones of the contract in force, one row per milestone
 *   item id, carried over by id when a change order is executed; its terms are those of
 *   the version it was last carried from (`version_id`).
 * - `milestone_submissions`: each delivery of a milestone and the client's decision on it
 *   (a request for changes uses one revision round); `metric_results`: the measured value
 *   of a success metric recorded when a submission was accepted, beside its signed
 *   baseline and target.
 * - `reviews`: a client's review of a freelancer after the engagement, and the answer.
 */
export class Migration20261203070000Engagement extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter type "version_status" add value if not exists 'DECLINED';`);
    this.addSql(`alter table "contract_versions"
      add column "declined_by_id" uuid null,
      add column "decline_reason" text null,
      add column "amends_id" uuid null;`);
    this.addSql(
      `alter table "contract_versions" add constraint "contract_versions_declined_by_id_foreign" foreign key ("declined_by_id") references "users" ("id") on update cascade on delete set null;`,
    );
    this.addSql(
      `alter table "contract_versions" add constraint "contract_versions_amends_id_foreign" foreign key ("amends_id") references "contract_versions" ("id") on update cascade on delete set null;`,
    );
    this.addSql(`alter table "version_signers" add column "signing_group" int null;`);
    this.addSql(
      `alter table "proposals" add column "closed_at" timestamptz null, add column "closed_by_id" uuid null;`,
    );
    this.addSql(
      `alter table "proposals" add constraint "proposals_closed_by_id_foreign" foreign key ("closed_by_id") references "users" ("id") on update cascade on delete set null;`,
    );

    this.addSql(
      `create type "milestone_state" as enum ('PLANNED', 'IN_PROGRESS', 'SUBMITTED', 'CHANGES_REQUESTED', 'ACCEPTED', 'REMOVED');`,
    );
    this.addSql(`create table "tracked_milestones" (
      "id" uuid not null,
      "proposal_id" uuid not null,
      "item_id" varchar(200) not null,
      "version_id" uuid not null,
      "position" int not null,
      "title" text not null,
      "due_date" date null,
      "acceptance_criteria" text not null,
      "payment" text not null,
      "revision_rounds" int not null,
      "is_trial" boolean not null default false,
      "state" "milestone_state" not null default 'PLANNED',
      "created_at" timestamptz not null,
      "started_at" timestamptz null,
      "submitted_at" timestamptz null,
      "accepted_at" timestamptz null,
      "removed_at" timestamptz null,
      "due_soon_notified_at" timestamptz null,
      "due_notified_at" timestamptz null,
      constraint "tracked_milestones_pkey" primary key ("id"),
      constraint "tracked_milestones_item_unique" unique ("proposal_id", "item_id"),
      constraint "tracked_milestones_revision_rounds_check" check ("revision_rounds" >= 0)
    );`);
    this.addSql(
      `alter table "tracked_milestones" add constraint "tracked_milestones_proposal_id_foreign" foreign key ("proposal_id") references "proposals" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "tracked_milestones" add constraint "tracked_milestones_version_id_foreign" foreign key ("version_id") references "contract_versions" ("id") on update cascade;`,
    );
    this.addSql(
      `create index "tracked_milestones_due_index" on "tracked_milestones" ("due_date") where "state" in ('PLANNED', 'IN_PROGRESS', 'SUBMITTED', 'CHANGES_REQUESTED');`,
    );

    this.addSql(`create table "milestone_submissions" (
      "id" uuid not null,
      "milestone_id" uuid not null,
      "proposal_id" uuid not null,
      "number" int not null,
      "submitted_by_id" uuid not null,
      "note" text not null,
      "links" text[] not null,
      "submitted_at" timestamptz not null,
      "decision" text check ("decision" in ('ACCEPTED', 'CHANGES_REQUESTED')) null,
      "decided_by_id" uuid null,
      "decided_at" timestamptz null,
      "reason" text null,
      "rubric_scores" jsonb null,
      "score" double precision null,
      constraint "milestone_submissions_pkey" primary key ("id"),
      constraint "milestone_submissions_number_unique" unique ("milestone_id", "number")
    );`);
    this.addSql(
      `alter table "milestone_submissions" add constraint "milestone_submissions_milestone_id_foreign" foreign key ("milestone_id") references "tracked_milestones" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "milestone_submissions" add constraint "milestone_submissions_proposal_id_foreign" foreign key ("proposal_id") references "proposals" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "milestone_submissions" add constraint "milestone_submissions_submitted_by_id_foreign" foreign key ("submitted_by_id") references "users" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "milestone_submissions" add constraint "milestone_submissions_decided_by_id_foreign" foreign key ("decided_by_id") references "users" ("id") on update cascade on delete set null;`,
    );
    this.addSql(`create index "milestone_submissions_proposal_index" on "milestone_submissions" ("proposal_id");`);

    this.addSql(`create table "metric_results" (
      "id" uuid not null,
      "submission_id" uuid not null,
      "milestone_id" uuid not null,
      "proposal_id" uuid not null,
      "metric_id" varchar(200) not null,
      "name" text not null,
      "baseline" text null,
      "target" text null,
      "value" text not null,
      "met" boolean null,
      "recorded_at" timestamptz not null,
      constraint "metric_results_pkey" primary key ("id"),
      constraint "metric_results_metric_unique" unique ("submission_id", "metric_id")
    );`);
    this.addSql(
      `alter table "metric_results" add constraint "metric_results_submission_id_foreign" foreign key ("submission_id") references "milestone_submissions" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "metric_results" add constraint "metric_results_milestone_id_foreign" foreign key ("milestone_id") references "tracked_milestones" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "metric_results" add constraint "metric_results_proposal_id_foreign" foreign key ("proposal_id") references "proposals" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(`create index "metric_results_proposal_index" on "metric_results" ("proposal_id");`);

    this.addSql(`create table "reviews" (
      "id" uuid not null,
      "proposal_id" uuid not null,
      "author_id" uuid not null,
      "freelancer_id" uuid not null,
      "would_hire_again" boolean not null,
      "communication" int not null,
      "note" text not null,
      "answer" text null,
      "answered_at" timestamptz null,
      "created_at" timestamptz not null,
      constraint "reviews_pkey" primary key ("id"),
      constraint "reviews_once_unique" unique ("proposal_id", "author_id", "freelancer_id"),
      constraint "reviews_communication_check" check ("communication" >= 1 and "communication" <= 5)
    );`);
    this.addSql(
      `alter table "reviews" add constraint "reviews_proposal_id_foreign" foreign key ("proposal_id") references "proposals" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "reviews" add constraint "reviews_author_id_foreign" foreign key ("author_id") references "users" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "reviews" add constraint "reviews_freelancer_id_foreign" foreign key ("freelancer_id") references "users" ("id") on update cascade;`,
    );
    this.addSql(`create index "reviews_freelancer_index" on "reviews" ("freelancer_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table "reviews";`);
    this.addSql(`drop table "metric_results";`);
    this.addSql(`drop table "milestone_submissions";`);
    this.addSql(`drop table "tracked_milestones";`);
    this.addSql(`drop type "milestone_state";`);
    this.addSql(`alter table "proposals" drop column "closed_by_id", drop column "closed_at";`);
    this.addSql(`alter table "version_signers" drop column "signing_group";`);
    this.addSql(
      `alter table "contract_versions" drop column "amends_id", drop column "decline_reason", drop column "declined_by_id";`,
    );
    // PostgreSQL cannot drop an enum value; DECLINED stays in "version_status".
  }
}
