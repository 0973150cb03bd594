import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { ProposalEventKind, ThreadStatus } from '@brieflock/schema';
import { requireViewer, type Context } from '../context.js';
import { ID } from '../id.scalar.js';
import { commentNotFound, threadNotFound } from './comments.policy.js';
import { EditCommentInput, ReplyInput, StartThreadInput } from './comments.inputs.js';
import { CommentThread, CommentType, type CommentView, type ThreadView } from './comments.types.js';
import { deleteComment, editComment } from './change-comment.js';
import { replyToThread } from './reply-to-thread.js';
import { setThreadStatus } from './set-thread-status.js';
import { startThread, type ThreadChange } from './start-thread.js';

/** Tells every open page of the proposal, after the change committed. */
function announce(ctx: Context, kind: ProposalEventKind, change: ThreadChange): void {
  ctx.events.notified(change.notices ?? []);
  ctx.events.publish({
    kind,
    proposalId: change.proposalId,
    threadId: change.threadId,
    actorId: requireViewer(ctx).user.id,
  });
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
    const change = await startThread(ctx.em, ctx, requireViewer(ctx), input);
    announce(ctx, 'THREAD_STARTED', change);
    return threadView(ctx, change.threadId);
  }

  @Mutation(() => CommentType, { description: 'Replies in a thread; a resolved thread opens again.' })
  async replyToThread(@Arg('input', () => ReplyInput) input: ReplyInput, @Ctx() ctx: Context): Promise<CommentView> {
    const reply = await replyToThread(ctx.em, ctx, requireViewer(ctx), input);
    announce(ctx, 'COMMENT_ADDED', reply);
    return commentView(ctx, reply.commentId);
  }

  @Mutation(() => CommentType, { description: "Changes one's own comment." })
  async editComment(
    @Arg('input', () => EditCommentInput) input: EditCommentInput,
    @Ctx() ctx: Context,
  ): Promise<CommentView> {
    const change = await editComment(ctx.em, ctx, requireViewer(ctx), input);
    announce(ctx, 'COMMENT_EDITED', change);
    return commentView(ctx, change.commentId);
  }

  @Mutation(() => Boolean, {
    description: "Deletes one's own comment; a thread whose last comment is deleted goes with it.",
  })
  async deleteComment(@Arg('commentId', () => ID) commentId: string, @Ctx() ctx: Context): Promise<boolean> {
    const change = await deleteComment(ctx.em, requireViewer(ctx), commentId);
    announce(ctx, 'COMMENT_DELETED', change);
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
    const change = await setThreadStatus(ctx.em, requireViewer(ctx), threadId, status);
    if (change.changed) announce(ctx, status === 'RESOLVED' ? 'THREAD_RESOLVED' : 'THREAD_REOPENED', change);
    return threadView(ctx, change.threadId);
  }
}
