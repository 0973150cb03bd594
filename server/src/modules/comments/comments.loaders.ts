import DataLoader from 'dataloader';
import type { ThreadStatus } from '@brieflock/schema';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { JoinedUsers } from '../accounts/accounts.loaders.js';
import { dateOf, groupBy, type IdRef, placeholders, type Timestamp } from '../read-model.js';
import type { CommentView, ThreadView } from './comments.types.js';
import { threadFromSnapshot, type VersionThreadRow } from './version-threads.js';

export interface CommentsLoaders {
  threadById: DataLoader<string, ThreadView | undefined>;
  /** Every thread of a proposal, newest activity first. */
  threadsByProposal: DataLoader<string, ThreadView[]>;
  /** The threads that were open when a version was frozen, as the version kept them, newest activity first. */
  threadsOpenAtVersion: DataLoader<string, ThreadView[]>;
  commentById: DataLoader<string, CommentView | undefined>;
  /** A thread's comments, oldest first. */
  commentsByThread: DataLoader<string, CommentView[]>;
  mentionsByComment: DataLoader<string, IdRef[]>;
}

type ThreadRow = {
  id: string;
  proposal_id: string;
  section: string;
  item_id: string | null;
  field: string | null;
  anchor_from: string | null;
  anchor_to: string | null;
  quote: string | null;
  status: ThreadStatus;
  created_by_id: string;
  created_at: Timestamp;
  last_activity_at: Timestamp;
  resolved_by_id: string | null;
  resolved_at: Timestamp | null;
};

type CommentRow = {
  id: string;
  thread_id: string;
  author_id: string;
  body: string;
  created_at: Timestamp;
  edited_at: Timestamp | null;
};

const THREAD_COLUMNS = `t."id", t."proposal_id", t."section", t."item_id", t."field", t."anchor_from", t."anchor_to", t."quote",
  t."status", t."created_by_id", t."created_at", t."last_activity_at", t."resolved_by_id", t."resolved_at"`;

const threadView = (row: ThreadRow): ThreadView => ({
  id: row.id,
  proposal: { id: row.proposal_id },
  section: row.section,
  itemId: row.item_id,
  field: row.field,
  anchorFrom: row.anchor_from,
  anchorTo: row.anchor_to,
  quote: row.quote,
  status: row.status,
  createdBy: { id: row.created_by_id },
  createdAt: dateOf(row.created_at),
  lastActivityAt: dateOf(row.last_activity_at),
  resolvedBy: row.resolved_by_id ? { id: row.resolved_by_id } : null,
  resolvedAt: row.resolved_at ? dateOf(row.resolved_at) : null,
});

/** The comment threads' batch loaders for one request; authors and mentioned people are read in the same statement. */
export function createCommentsLoaders(em: EntityManager, users: JoinedUsers): CommentsLoaders {
  // Who started and who resolved each thread come in the same statement as the thread.
  const threadSelect = () =>
    `select ${THREAD_COLUMNS}, ${users.columns('s', 'starter')}, ${users.columns('r', 'resolver')}
       from "comment_threads" t join "users" s on s."id" = t."created_by_id" left join "users" r on r."id" = t."resolved_by_id"`;
  const threadViews = (rows: ThreadRow[]): ThreadView[] =>
    rows.map((row) => {
      users.remember(row, row.created_by_id, 'starter');
      if (row.resolved_by_id) users.remember(row, row.resolved_by_id, 'resolver');
      return threadView(row);
    });
  const readComments = async (where: string, params: readonly string[]): Promise<CommentView[]> => {
    const rows = await em.execute<CommentRow[]>(
      `select c."id", c."thread_id", c."author_id", c."body", c."created_at", c."edited_at", ${users.columns('u', 'author')}
         from "comments" c join "users" u on u."id" = c."author_id"
        where ${where} order by c."created_at", c."id"`,
      [...params],
    );
    return rows.map((row): CommentView => {
      users.remember(row, row.author_id, 'author');
      return {
        id: row.id,
        thread: { id: row.thread_id },
        author: { id: row.author_id },
        body: row.body,
        createdAt: dateOf(row.created_at),
        editedAt: row.edited_at ? dateOf(row.edited_at) : null,
      };
    });
  };
  return {
    threadById: new DataLoader(async (ids) => {
      const rows = await em.execute<ThreadRow[]>(`${threadSelect()} where t."id" in (${placeholders(ids)})`, [...ids]);
      const byId = new Map(threadViews(rows).map((thread) => [thread.id, thread]));
      return ids.map((id) => byId.get(id));
    }),
    threadsByProposal: new DataLoader(async (proposalIds) => {
      const rows = await em.execute<ThreadRow[]>(
        `${threadSelect()} where t."proposal_id" in (${placeholders(proposalIds)}) order by t."last_activity_at" desc, t."id"`,
        [...proposalIds],
      );
      return groupBy(proposalIds, threadViews(rows), (thread) => thread.proposal.id);
    }),
    // The people in the snapshots are read by `ctx.loaders.user`, in one batch for all.
    threadsOpenAtVersion: new DataLoader(async (versionIds) => {
      const rows = await em.execute<VersionThreadRow[]>(
        `select v."version_id", v."thread_id", cv."proposal_id", v."snapshot"
           from "version_threads" v join "contract_versions" cv on cv."id" = v."version_id"
          where v."version_id" in (${placeholders(versionIds)}) order by v."position"`,
        [...versionIds],
      );
      return groupBy(versionIds, rows, (row) => row.version_id).map((group) => group.map(threadFromSnapshot));
    }),
    commentById: new DataLoader(async (ids) => {
      const comments = await readComments(`c."id" in (${placeholders(ids)})`, ids);
      const byId = new Map(comments.map((comment) => [comment.id, comment]));
      return ids.map((id) => byId.get(id));
    }),
    commentsByThread: new DataLoader(async (threadIds) => {
      const comments = await readComments(`c."thread_id" in (${placeholders(threadIds)})`, threadIds);
      return groupBy(threadIds, comments, (comment) => comment.thread.id);
    }),
    mentionsByComment: new DataLoader(async (commentIds) => {
      const rows = await em.execute<{ comment_id: string; user_id: string }[]>(
        `select m."comment_id", m."user_id", ${users.columns('u', 'user')}
           from "comment_mentions" m join "users" u on u."id" = m."user_id"
          where m."comment_id" in (${placeholders(commentIds)}) order by u."name", u."id"`,
        [...commentIds],
      );
      for (const row of rows) users.remember(row, row.user_id, 'user');
      return groupBy(commentIds, rows, (row) => row.comment_id).map((group) =>
        group.map((row) => ({ id: row.user_id })),
      );
    }),
  };
}
