import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { SuggestionStatus } from '@brieflock/schema';
import { ID } from '../id.scalar.js';
import { requireViewer, type Context } from '../context.js';
import { User } from '../accounts/user.entity.js';
import type { UserView } from '../accounts/accounts.loaders.js';
import { Proposal } from '../proposals/proposal.entity.js';
import { type DecidedSuggestion, decideSuggestion, decideSuggestionsBy, type Decision } from './decide-suggestion.js';
import { listSuggestions } from './list-suggestions.js';
import { suggestChange } from './suggest-change.js';
import { changeAndAnnounce } from '../webhooks/webhook-outbox.js';
import { SuggestChangeInput, Suggestion, SuggestionStatusEnum, type SuggestionView } from './suggestions.types.js';

const asText = (value: SuggestionView['currentValue']): string | null => (value === null ? null : String(value));

@Resolver(() => Suggestion)
export class SuggestionsResolver {
  @Mutation(() => Suggestion, {
    description:
      'Suggests a value for a field of a map section or list item (CLIENT or FREELANCER), checked against the field type.',
  })
  async suggestChange(
    @Arg('input', () => SuggestChangeInput) input: SuggestChangeInput,
    @Ctx() ctx: Context,
  ): Promise<SuggestionView> {
    const viewer = requireViewer(ctx);
    return changeAndAnnounce(
      ctx,
      (tx) => suggestChange(tx, ctx.live, viewer, input),
      (suggestion) => [
        {
          kind: 'SUGGESTION_ADDED',
          proposalId: suggestion.proposalId,
          actorId: viewer.user.id,
          suggestionId: suggestion.id,
        },
      ],
    );
  }

  @Mutation(() => Suggestion, {
    description:
      'Accepts a suggestion: applies it to the live brief for everyone. Not its author. A change to a deleted list item: CONFLICT.',
  })
  acceptSuggestion(
    @Arg('id', () => ID) id: string,
    @Arg('proposalId', () => ID, { nullable: true, description: 'Saves looking up a rich-text suggestion.' })
    proposalId: string | null,
    @Ctx() ctx: Context,
  ): Promise<SuggestionView> {
    return this.decide(ctx, id, 'ACCEPTED', proposalId);
  }

  @Mutation(() => Suggestion, { description: 'Rejects a suggestion; the brief stays as it is.' })
  rejectSuggestion(
    @Arg('id', () => ID) id: string,
    @Arg('proposalId', () => ID, { nullable: true }) proposalId: string | null,
    @Ctx() ctx: Context,
  ): Promise<SuggestionView> {
    return this.decide(ctx, id, 'REJECTED', proposalId);
  }

  @Mutation(() => Suggestion, { description: 'Withdraws a suggestion (its author only).' })
  withdrawSuggestion(
    @Arg('id', () => ID) id: string,
    @Arg('proposalId', () => ID, { nullable: true }) proposalId: string | null,
    @Ctx() ctx: Context,
  ): Promise<SuggestionView> {
    return this.decide(ctx, id, 'WITHDRAWN', proposalId);
  }

  @Mutation(() => [Suggestion], {
    description: "Accepts every open suggestion of one author on a proposal (not one's own); returns those decided.",
  })
  acceptSuggestions(
    @Arg('proposalId', () => ID) proposalId: string,
    @Arg('authorId', () => ID) authorId: string,
    @Ctx() ctx: Context,
  ): Promise<SuggestionView[]> {
    return this.decideAll(ctx, proposalId, authorId, 'ACCEPTED');
  }

  @Mutation(() => [Suggestion], {
    description: 'Rejects every open suggestion of one author on a proposal; returns those decided.',
  })
  rejectSuggestions(
    @Arg('proposalId', () => ID) proposalId: string,
    @Arg('authorId', () => ID) authorId: string,
    @Ctx() ctx: Context,
  ): Promise<SuggestionView[]> {
    return this.decideAll(ctx, proposalId, authorId, 'REJECTED');
  }

  // Deciding enqueues the webhook deliveries of each SUGGESTION_DECIDED in its own
  // transaction (see decide-suggestion.ts): a bulk decision commits one by one.
  private async decide(ctx: Context, id: string, decision: Decision, proposalId: string | null) {
    const viewer = requireViewer(ctx);
    const decided = await decideSuggestion(ctx.em, ctx.live, ctx, viewer, id, decision, proposalId);
    ctx.events.notified((decided as DecidedSuggestion).notices ?? []);
    ctx.events.publish({
      kind: 'SUGGESTION_DECIDED',
      proposalId: decided.proposalId,
      actorId: viewer.user.id,
      suggestionId: decided.id,
    });
    return decided;
  }

  private async decideAll(ctx: Context, proposalId: string, authorId: string, decision: 'ACCEPTED' | 'REJECTED') {
    const viewer = requireViewer(ctx);
    const decided = await decideSuggestionsBy(ctx.em, ctx.live, ctx, viewer, proposalId, authorId, decision);
    for (const suggestion of decided) {
      ctx.events.notified((suggestion as DecidedSuggestion).notices ?? []);
      ctx.events.publish({
        kind: 'SUGGESTION_DECIDED',
        proposalId: suggestion.proposalId,
        actorId: viewer.user.id,
        suggestionId: suggestion.id,
      });
    }
    return decided;
  }

  @FieldResolver(() => User)
  author(@Root() suggestion: SuggestionView, @Ctx() ctx: Context): UserView | Promise<UserView> {
    return ctx.loaders.user(suggestion.authorId!);
  }

  @FieldResolver(() => User, { nullable: true })
  decidedBy(@Root() suggestion: SuggestionView, @Ctx() ctx: Context): UserView | Promise<UserView> | null {
    return suggestion.decidedById ? ctx.loaders.user(suggestion.decidedById) : null;
  }

  @FieldResolver(() => String, { nullable: true })
  currentValue(@Root() suggestion: SuggestionView): string | null {
    return asText(suggestion.currentValue);
  }

  @FieldResolver(() => String, { nullable: true })
  proposedValue(@Root() suggestion: SuggestionView): string | null {
    return asText(suggestion.proposedValue);
  }
}

// Proposal is only ever resolved for its participants (proposal/proposals check it).
@Resolver(() => Proposal)
export class ProposalSuggestionsResolver {
  @FieldResolver(() => [Suggestion], {
    description: 'Structured and rich-text suggestions, newest first; all of them when no status is given.',
  })
  suggestions(
    @Root() proposal: Proposal,
    @Arg('status', () => SuggestionStatusEnum, { nullable: true }) status: SuggestionStatus | null,
    @Ctx() ctx: Context,
  ): Promise<SuggestionView[]> {
    return listSuggestions(ctx.em, ctx.live, proposal.id, status ?? null);
  }
}
