import { Migration } from '@mikro-orm/migrations';

/**
 * A version keeps the threads that were open when it was frozen as they were then, in
 * `version_threads`: one row per thread, the thread and its comments as one JSON
 * document. Replaces `version_open_threads`, which only pointed at the live threads (so
 * a version showed later replies, edits and resolutions, and lost a deleted thread).
 *
 * Versions frozen before this have no snapshot; they are given one here from what the
 * live rows still tell about the moment of the freeze, so every version reads the same
 * way afterwards:
 * - exact: the thread was OPEN then (that is why it was listed), so it shows as open
 *   with no resolver; comments written after the freeze are left out;
 * - approximate: a comment edited after the freeze keeps its current text (its
 *   `editedAt`, later than the freeze, shows that); a comment or thread deleted since is
 *   gone; a thread whose activity went on after the freeze gets the time of its newest
 *   comment from before the freeze.
 */
export class Migration20261202060000VersionThreadSnapshots extends Migration {
  override async up(): Promise<void> {
    // No foreign key to the thread: the snapshot must outlive a thread deleted later.
    this.addSql(`create table "version_threads" (
      "version_id" uuid not null,
      "thread_id" uuid not null,
      "position" integer not null,
      "snapshot" jsonb not null,
      constraint "version_threads_pkey" primary key ("version_id", "thread_id")
    );`);
    this.addSql(
      `alter table "version_threads" add constraint "version_threads_version_id_foreign" foreign key ("version_id") references "contract_versions" ("id") on update cascade;`,
    );

    this.addSql(`insert into "version_threads" ("version_id", "thread_id", "position", "snapshot")
      select o."version_id", o."thread_id",
             row_number() over (partition by o."version_id" order by o."last_activity_at" desc, o."thread_id"),
             jsonb_build_object(
               'section', o."section", 'itemId', o."item_id", 'field', o."field",
               'anchorFrom', o."anchor_from", 'anchorTo', o."anchor_to", 'quote', o."quote",
               'status', 'OPEN', 'createdById', o."created_by_id", 'createdAt', o."created_at",
               'lastActivityAt', o."last_activity_at", 'resolvedById', null, 'resolvedAt', null,
               'comments', coalesce((
                 select jsonb_agg(jsonb_build_object(
                          'id', c."id", 'authorId', c."author_id", 'body', c."body",
                          'createdAt', c."created_at", 'editedAt', c."edited_at",
                          'mentionIds', coalesce((
                            select jsonb_agg(m."user_id" order by u."name", u."id")
                              from "comment_mentions" m join "users" u on u."id" = m."user_id"
                             where m."comment_id" = c."id"), '[]'::jsonb)
                        ) order by c."created_at", c."id")
                   from "comments" c
                  where c."thread_id" = o."thread_id" and c."created_at" <= o."frozen_at"), '[]'::jsonb))
        from (
          select vot."version_id", vot."thread_id", cv."frozen_at", t."section", t."item_id", t."field",
                 t."anchor_from", t."anchor_to", t."quote", t."created_by_id", t."created_at",
                 case when t."last_activity_at" <= cv."frozen_at" then t."last_activity_at"
                      else greatest(t."created_at", (
                        select max(c."created_at") from "comments" c
                         where c."thread_id" = t."id" and c."created_at" <= cv."frozen_at"))
                 end as "last_activity_at"
            from "version_open_threads" vot
            join "contract_versions" cv on cv."id" = vot."version_id"
            join "comment_threads" t on t."id" = vot."thread_id"
        ) o;`);
    this.addSql(`drop table "version_open_threads";`);

    // Like the version itself: written once, at the freeze, never changed.
    this.addSql(
      `create trigger "version_threads_immutable" before update or delete on "version_threads" for each row execute function "brieflock_refuse_change"();`,
    );
    this.addSql(
      `create trigger "version_threads_no_truncate" before truncate on "version_threads" for each statement execute function "brieflock_refuse_change"();`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`create table "version_open_threads" (
      "version_id" uuid not null,
      "thread_id" uuid not null,
      constraint "version_open_threads_pkey" primary key ("version_id", "thread_id")
    );`);
    this.addSql(
      `alter table "version_open_threads" add constraint "version_open_threads_version_id_foreign" foreign key ("version_id") references "contract_versions" ("id") on update cascade;`,
    );
    this.addSql(
      `alter table "version_open_threads" add constraint "version_open_threads_thread_id_foreign" foreign key ("thread_id") references "comment_threads" ("id") on update cascade on delete cascade;`,
    );
    // Only threads that still exist can be pointed at again.
    this.addSql(`insert into "version_open_threads" ("version_id", "thread_id")
      select v."version_id", v."thread_id" from "version_threads" v
       where exists (select 1 from "comment_threads" t where t."id" = v."thread_id");`);
    this.addSql(`drop table "version_threads";`);
  }
}
