import { z } from 'zod';
import { THREAD_STATUSES } from '@brieflock/schema';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { CommentView, ThreadView } from './comments.types.js';

/*
 * What a version keeps of the threads open when it was frozen: each thread with its
 * comments and mentions as one JSON document (`version_threads.snapshot`). One document
 * rather than copies of the three live tables, because it is written once, read whole
 * and never queried into, and must outlive the live rows (a comment or a whole thread
 * deleted later still shows in the version as it was), so nothing in it can be a
 * foreign key anyway. People stay references: a version shows its authors as they are
 * now, like everywhere else. None of it is part of the version's hashed content.
 */

// PostgreSQL writes timestamps into JSON with the session's offset; ids are any UUID the
// database holds (`z.uuid()` would insist on an RFC version).
const timestamp = z.iso.datetime({ offset: true }).transform((value) => new Date(value));
const nullableTimestamp = timestamp.nullable();

const CommentSnapshotSchema = z.object({
  id: z.guid(),
  authorId: z.guid(),
  body: z.string(),
  createdAt: timestamp,
  editedAt: nullableTimestamp,
  mentionIds: z.array(z.guid()),
});

/** The JSON a freeze writes for one thread (see `snapshotOpenThreads`). */
export const ThreadSnapshotSchema = z.object({
  section: z.string(),
  itemId: z.string().nullable(),
  field: z.string().nullable(),
  anchorFrom: z.string().nullable(),
  anchorTo: z.string().nullable(),
  quote: z.string().nullable(),
  status: z.enum(THREAD_STATUSES),
  createdById: z.guid(),
  createdAt: timestamp,
  lastActivityAt: timestamp,
  resolvedById: z.guid().nullable(),
  resolvedAt: nullableTimestamp,
  comments: z.array(CommentSnapshotSchema),
});

/**
 * Keeps the proposal's OPEN threads, with their comments and mentions as they are at
 * this moment, with the version being frozen. Called inside the freeze's transaction,
 * after the proposal row is locked, so the snapshot is the state the version was frozen
 * in. `position` keeps the order of the list then: newest activity first.
 */
export async function snapshotOpenThreads(em: EntityManager, proposalId: string, versionId: string): Promise<void> {
  await em.execute(
    `insert into "version_threads" ("version_id", "thread_id", "position", "snapshot")
     select ?, t."id", row_number() over (order by t."last_activity_at" desc, t."id"),
            jsonb_build_object(
              'section', t."section", 'itemId', t."item_id", 'field', t."field",
              'anchorFrom', t."anchor_from", 'anchorTo', t."anchor_to", 'quote', t."quote",
              'status', t."status", 'createdById', t."created_by_id", 'createdAt', t."created_at",
              'lastActivityAt', t."last_activity_at", 'resolvedById', t."resolved_by_id", 'resolvedAt', t."resolved_at",
              'comments', coalesce((
                select jsonb_agg(jsonb_build_object(
                         'id', c."id", 'authorId', c."author_id", 'body', c."body",
                         'createdAt', c."created_at", 'editedAt', c."edited_at",
                         'mentionIds', coalesce((
                           select jsonb_agg(m."user_id" order by u."name", u."id")
                             from "comment_mentions" m join "users" u on u."id" = m."user_id"
                            where m."comment_id" = c."id"), '[]'::jsonb)
                       ) order by c."created_at", c."id")
                  from "comments" c where c."thread_id" = t."id"), '[]'::jsonb))
       from "comment_threads" t
      where t."proposal_id" = ? and t."status" = 'OPEN'`,
    [versionId, proposalId],
  );
}

/** A row of `version_threads` with its version's proposal. */
export interface VersionThreadRow {
  version_id: string;
  thread_id: string;
  proposal_id: string;
  snapshot: unknown;
}

/**
 * A kept thread as GraphQL reads it: the same view as a live thread, carrying its
 * comments and their mentions, so the field resolvers show these instead of reading the
 * live ones.
 */
export function threadFromSnapshot(row: VersionThreadRow): ThreadView {
  const raw = typeof row.snapshot === 'string' ? JSON.parse(row.snapshot) : row.snapshot;
  const snapshot = ThreadSnapshotSchema.parse(raw);
  const thread = { id: row.thread_id };
  return {
    id: row.thread_id,
    proposal: { id: row.proposal_id },
    section: snapshot.section,
    itemId: snapshot.itemId,
    field: snapshot.field,
    anchorFrom: snapshot.anchorFrom,
    anchorTo: snapshot.anchorTo,
    quote: snapshot.quote,
    status: snapshot.status,
    createdBy: { id: snapshot.createdById },
    createdAt: snapshot.createdAt,
    lastActivityAt: snapshot.lastActivityAt,
    resolvedBy: snapshot.resolvedById ? { id: snapshot.resolvedById } : null,
    resolvedAt: snapshot.resolvedAt,
    comments: snapshot.comments.map(
      (comment): CommentView => ({
        id: comment.id,
        thread,
        author: { id: comment.authorId },
        body: comment.body,
        createdAt: comment.createdAt,
        editedAt: comment.editedAt,
        mentions: comment.mentionIds.map((id) => ({ id })),
      }),
    ),
  };
}
