import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { ThreadStatus } from '@brieflock/schema';
import type { Context } from '../context.js';
import { ID } from '../id.scalar.js';
import type { UserView } from '../accounts/accounts.loaders.js';
import { User } from '../accounts/user.entity.js';
import type { VersionView } from '../contract/contract.loaders.js';
import { ContractVersion } from '../contract/contract-version.entity.js';
import { Proposal } from '../proposals/proposal.entity.js';
import {
  Anchor,
  CommentThread,
  CommentType,
  ThreadStatusEnum,
  type CommentView,
  type ThreadView,
} from './comments.types.js';

// Threads and comments are only ever reached through a proposal or version the caller
// takes part in (or a mutation that checked it), so these fields need no further check.
// A thread a version kept carries its comments (and they their mentions): those are
// shown, not the live ones.

@Resolver(() => CommentThread)
export class ThreadFieldsResolver {
  @FieldResolver(() => ID)
  proposalId(@Root() thread: ThreadView): string {
    return thread.proposal.id;
  }

  @FieldResolver(() => Anchor)
  anchor(@Root() thread: ThreadView): Anchor {
    return {
      section: thread.section,
      itemId: thread.itemId,
      field: thread.field,
      from: thread.anchorFrom,
      to: thread.anchorTo,
      quote: thread.quote,
    };
  }

  @FieldResolver(() => [CommentType], { description: 'Oldest first: the first comment started the thread.' })
  comments(@Root() thread: ThreadView, @Ctx() ctx: Context): CommentView[] | Promise<CommentView[]> {
    return thread.comments ?? ctx.loaders.commentsByThread.load(thread.id);
  }

  @FieldResolver(() => User, { description: 'Who started the thread.' })
  startedBy(@Root() thread: ThreadView, @Ctx() ctx: Context): UserView | Promise<UserView> {
    return ctx.loaders.user(thread.createdBy.id);
  }

  @FieldResolver(() => User, { nullable: true })
  resolvedBy(@Root() thread: ThreadView, @Ctx() ctx: Context): UserView | Promise<UserView> | null {
    return thread.resolvedBy ? ctx.loaders.user(thread.resolvedBy.id) : null;
  }
}

@Resolver(() => CommentType)
export class CommentFieldsResolver {
  @FieldResolver(() => ID)
  threadId(@Root() comment: CommentView): string {
    return comment.thread.id;
  }

  @FieldResolver(() => User)
  author(@Root() comment: CommentView, @Ctx() ctx: Context): UserView | Promise<UserView> {
    return ctx.loaders.user(comment.author.id);
  }

  @FieldResolver(() => [User], { description: 'The participants the comment mentions.' })
  async mentions(@Root() comment: CommentView, @Ctx() ctx: Context): Promise<UserView[]> {
    const refs = comment.mentions ?? (await ctx.loaders.mentionsByComment.load(comment.id));
    return Promise.all(refs.map((ref) => ctx.loaders.user(ref.id)));
  }
}

@Resolver(() => Proposal)
export class ProposalThreadsResolver {
  @FieldResolver(() => [CommentThread], { description: 'Comment threads on the brief, newest activity first.' })
  async threads(
    @Root() proposal: Proposal,
    @Arg('status', () => ThreadStatusEnum, { nullable: true }) status: ThreadStatus | null,
    @Ctx() ctx: Context,
  ): Promise<ThreadView[]> {
    const threads = await ctx.loaders.threadsByProposal.load(proposal.id);
    return status ? threads.filter((thread) => thread.status === status) : threads;
  }
}

@Resolver(() => ContractVersion)
export class VersionThreadsResolver {
  @FieldResolver(() => [CommentThread], {
    description:
      'The threads that were open when this version was frozen, as they were then (newest activity first): their comments, anchors and status at the freeze. Replies, edits, deletions and resolutions since do not change them.',
  })
  threads(@Root() version: VersionView, @Ctx() ctx: Context): Promise<ThreadView[]> {
    return ctx.loaders.threadsOpenAtVersion.load(version.id);
  }
}
