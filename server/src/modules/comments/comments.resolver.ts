import type { EntityManager } from '@mikro-orm/postgresql';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { ProposalEventKind, ThreadStatus } from '@brieflock/schema';
import type { Viewer } from '../accounts/sessions.js';
import { requireViewer, type Context } from '../context.js';
import { changeAndAnnounce } from '../webhooks/webhook-outbox.js';
import { ID } from '../id.scalar.js';
import { commentNotFound, threadNotFound } from './comments.policy.js';
import { EditCommentInput, ReplyInput, StartThreadInput } from './comments.inputs.js';
import { CommentThread, CommentType, type CommentView, type ThreadView } from './comments.types.js';
import { deleteComment, editComment } from './change-comment.js';
import { replyToThread } from './reply-to-thread.js';
import { setThreadStatus } from './set-thread-status.js';
import { startThread, type ThreadChange } from './start-thread.js';

/**
 * Makes a change to a thread, with the webhook deliveries of its `kind` enqueued in its
 * transaction, and tells every open page of the proposal once it committed. A change
 * that changed nothing (a thread already in that status) tells no one.
 */
async function changeThread<T extends ThreadChange & { changed?: boolean }>(
  ctx: Context,
  kind: ProposalEventKind,
  change: (tx: EntityManager, viewer: Viewer) => Promise<T>,
): Promise<T> {
  const viewer = requireViewer(ctx);
  const eventsOf = (result: T) =>
    result.changed === false
      ? []
      : [{ kind, proposalId: result.proposalId, threadId: result.threadId, actorId: viewer.user.id }];
  const result = await changeAndAnnounce(ctx, (tx) => change(tx, viewer), eventsOf);
  ctx.events.notified(result.notices ?? []);
  return result;
}

async function threadView(ctx: Context, threadId: string): Promise<ThreadView> {
  const thread = await ctx.loaders.threadById.load(threadId);
  if (!thread) throw threadNotFound();
  return thread;
}

async function commentView(ctx: Context, commentId: string): Promise<CommentView> {
  const comment = await ctx.loaders.commentById.load(commentId);
  if (!comment) throw commentNotFound();
  return comment;
}

/** Writing in comment threads: CLIENT and FREELANCER participants; VIEWER → FORBIDDEN; others NOT_FOUND. */
@Resolver()
export class CommentsResolver {
  @Mutation(() => CommentThread, { description: 'Starts a thread on part of the brief with its first comment.' })
  async startThread(
    @Arg('input', () => StartThreadInput) input: StartThreadInput,
    @Ctx() ctx: Context,
  ): Promise<ThreadView> {
    const change = await changeThread(ctx, 'THREAD_STARTED', (tx, viewer) => startThread(tx, ctx, viewer, input));
    return threadView(ctx, change.threadId);
  }

  @Mutation(() => CommentType, { description: 'Replies in a thread; a resolved thread opens again.' })
  async replyToThread(@Arg('input', () => ReplyInput) input: ReplyInput, @Ctx() ctx: Context): Promise<CommentView> {
    const reply = await changeThread(ctx, 'COMMENT_ADDED', (tx, viewer) => replyToThread(tx, ctx, viewer, input));
    return commentView(ctx, reply.commentId);
  }

  @Mutation(() => CommentType, { description: "Changes one's own comment." })
  async editComment(
    @Arg('input', () => EditCommentInput) input: EditCommentInput,
    @Ctx() ctx: Context,
  ): Promise<CommentView> {
    const change = await changeThread(ctx, 'COMMENT_EDITED', (tx, viewer) => editComment(tx, ctx, viewer, input));
    return commentView(ctx, change.commentId);
  }

  @Mutation(() => Boolean, {
    description: "Deletes one's own comment; a thread whose last comment is deleted goes with it.",
  })
  async deleteComment(@Arg('commentId', () => ID) commentId: string, @Ctx() ctx: Context): Promise<boolean> {
    await changeThread(ctx, 'COMMENT_DELETED', (tx, viewer) => deleteComment(tx, viewer, commentId));
    return true;
  }

  @Mutation(() => CommentThread, { description: 'Marks a thread resolved.' })
  resolveThread(@Arg('threadId', () => ID) threadId: string, @Ctx() ctx: Context): Promise<ThreadView> {
    return this.setStatus(ctx, threadId, 'RESOLVED');
  }

  @Mutation(() => CommentThread, { description: 'Opens a resolved thread again.' })
  reopenThread(@Arg('threadId', () => ID) threadId: string, @Ctx() ctx: Context): Promise<ThreadView> {
    return this.setStatus(ctx, threadId, 'OPEN');
  }

  private async setStatus(ctx: Context, threadId: string, status: ThreadStatus): Promise<ThreadView> {
    const kind = status === 'RESOLVED' ? 'THREAD_RESOLVED' : 'THREAD_REOPENED';
    const change = await changeThread(ctx, kind, (tx, viewer) => setThreadStatus(tx, viewer, threadId, status));
    return threadView(ctx, change.threadId);
  }
}
