import DataLoader from 'dataloader';
import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ID } from '../id.scalar.js';
import { requireViewer, type Context } from '../context.js';
import type { UserView } from '../accounts/accounts.loaders.js';
import { User } from '../accounts/user.entity.js';
import { Proposal } from '../proposals/proposal.entity.js';
import { getProposalFor } from '../proposals/proposal.queries.js';
import { changeAndAnnounce } from '../webhooks/webhook-outbox.js';
import { benchOf, type BenchEntryView } from './bench.js';
import { answerReview, closeEngagement, reviewFreelancer, type WrittenReview } from './reviews.js';
import {
  AnswerReviewInput,
  BenchEntry,
  Review,
  ReviewInput,
  type ReviewRow,
  type ReviewView,
  reviewOf,
} from './reviews.types.js';

/** Reviews by proposal, batched per request (a list of proposals costs one query). */
const reviewLoaders = new WeakMap<Context, DataLoader<string, ReviewView[]>>();
function reviewsByProposal(ctx: Context): DataLoader<string, ReviewView[]> {
  let loader = reviewLoaders.get(ctx);
  if (!loader) {
    loader = new DataLoader(async (ids) => {
      const rows = await ctx.em.execute<ReviewRow[]>(
        `select * from "reviews" where "proposal_id" = any(?::uuid[]) order by "created_at", "id"`,
        [`{${ids.join(',')}}`],
      );
      return ids.map((id) => rows.filter((row) => row.proposal_id === id).map(reviewOf));
    });
    reviewLoaders.set(ctx, loader);
  }
  return loader;
}

/** A review written or answered, as the proposal's event: every participant sees it live. */
const reviewEvent = (kind: 'REVIEW_WRITTEN' | 'REVIEW_ANSWERED', written: WrittenReview, actorId: string) => ({
  kind,
  proposalId: written.review.proposal_id,
  actorId,
});

@Resolver(() => Review)
export class EngagementResolver {
  @Mutation(() => Proposal, {
    description:
      'Closes the engagement (a CLIENT; a contract must be in force). Closing again is a CONFLICT. ' +
      'Recorded in the audit trail; the participants are told.',
  })
  async closeEngagement(@Arg('proposalId', () => ID) proposalId: string, @Ctx() ctx: Context): Promise<Proposal> {
    const viewer = requireViewer(ctx);
    const closed = await changeAndAnnounce(
      ctx,
      (tx) => closeEngagement(tx, ctx, viewer.user.id, proposalId),
      (closed) => [
        {
          kind: 'ENGAGEMENT_CLOSED',
          proposalId: closed.proposalId,
          versionId: closed.versionId,
          actorId: viewer.user.id,
        },
      ],
    );
    ctx.events.notified(closed.notices);
    return getProposalFor(ctx.em, closed.proposalId, viewer.user.id);
  }

  @Mutation(() => Review, {
    description:
      'A CLIENT reviews a freelancer who signed the contract in force, once per engagement: after the engagement ' +
      'is closed or every milestone is accepted.',
  })
  async reviewFreelancer(
    @Arg('input', () => ReviewInput) input: ReviewInput,
    @Ctx() ctx: Context,
  ): Promise<ReviewView> {
    const viewer = requireViewer(ctx);
    const written = await changeAndAnnounce(
      ctx,
      (tx) => reviewFreelancer(tx, ctx, viewer.user.id, input),
      (written) => [reviewEvent('REVIEW_WRITTEN', written, viewer.user.id)],
    );
    ctx.events.notified(written.notices);
    return reviewOf(written.review);
  }

  @Mutation(() => Review, { description: 'The reviewed freelancer answers a review, once.' })
  async answerReview(
    @Arg('input', () => AnswerReviewInput) input: AnswerReviewInput,
    @Ctx() ctx: Context,
  ): Promise<ReviewView> {
    const viewer = requireViewer(ctx);
    const written = await changeAndAnnounce(
      ctx,
      (tx) => answerReview(tx, ctx, viewer.user.id, input),
      (written) => [reviewEvent('REVIEW_ANSWERED', written, viewer.user.id)],
    );
    ctx.events.notified(written.notices);
    return reviewOf(written.review);
  }

  @Query(() => [BenchEntry], {
    description:
      'Every freelancer who signed an executed version of a proposal the signed-in user is a CLIENT of, with ' +
      'figures computed from the records. `skill`: only engagements whose contract in force names every word in ' +
      'its team or deliverables (case-insensitive, whole words).',
  })
  myBench(
    @Arg('skill', () => String, { nullable: true }) skill: string | null,
    @Ctx() ctx: Context,
  ): Promise<BenchEntryView[]> {
    return benchOf(ctx.em, requireViewer(ctx).user.id, skill);
  }

  @FieldResolver(() => User)
  author(@Root() review: ReviewView, @Ctx() ctx: Context): UserView | Promise<UserView> {
    return ctx.loaders.user(review.authorId);
  }

  @FieldResolver(() => User)
  freelancer(@Root() review: ReviewView, @Ctx() ctx: Context): UserView | Promise<UserView> {
    return ctx.loaders.user(review.freelancerId);
  }
}

@Resolver(() => BenchEntry)
export class BenchEntryResolver {
  @FieldResolver(() => User)
  freelancer(@Root() entry: BenchEntryView, @Ctx() ctx: Context): UserView | Promise<UserView> {
    return ctx.loaders.user(entry.freelancerId);
  }
}

// Proposal is only resolved for its participants, so its reviews need no further check.
@Resolver(() => Proposal)
export class ProposalReviewsResolver {
  @FieldResolver(() => [Review], { description: 'Reviews written on this engagement, oldest first.' })
  reviews(@Root() proposal: Proposal, @Ctx() ctx: Context): Promise<ReviewView[]> {
    return reviewsByProposal(ctx).load(proposal.id);
  }

  @FieldResolver(() => User, {
    nullable: true,
    description: 'The client who closed the engagement; null while it runs (or once their account is gone).',
  })
  closedBy(@Root() proposal: Proposal, @Ctx() ctx: Context): UserView | Promise<UserView> | null {
    const closer = proposal.closedBy;
    return closer ? ctx.loaders.user(closer.id) : null;
  }
}
