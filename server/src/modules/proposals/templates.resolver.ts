import { Arg, Ctx, Field, InputType, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { BRIEF_TEMPLATES } from '@brieflock/schema';
import { requireViewer, type Context } from '../context.js';
import { ID } from '../id.scalar.js';
import { changeWithWebhooks } from '../webhooks/webhook-outbox.js';
import { createProposalFrom, type CreatedFrom } from './create-proposal-from.js';
import { Proposal } from './proposal.entity.js';

@ObjectType({ description: 'A starter brief a proposal can be created from (createProposalFrom with its key).' })
export class Template {
  @Field(() => String) key!: string;
  @Field(() => String) title!: string;
  @Field(() => String) description!: string;
}

@InputType()
export class CreateFromInput {
  @Field(() => ID, { nullable: true, description: 'A proposal you take part in; give this or templateKey.' })
  proposalId?: string | null;
  @Field(() => String, { nullable: true, description: 'A key from `templates`; give this or proposalId.' })
  templateKey?: string | null;
  @Field(() => [String], { description: 'The brief sections to copy (keys of the brief layout), at least one.' })
  sections!: string[];
  @Field(() => String) title!: string;
  @Field(() => [String], { nullable: true, description: 'E-mail addresses invited as FREELANCER.' })
  invite?: string[] | null;
}

@Resolver()
export class TemplatesResolver {
  @Query(() => [Template], { description: 'The starter briefs a proposal can be created from.' })
  templates(@Ctx() ctx: Context): Template[] {
    requireViewer(ctx);
    return BRIEF_TEMPLATES.map(({ key, title, description }) => ({ key, title, description }));
  }

  @Mutation(() => Proposal, {
    description:
      'Creates a proposal from a starter template or from a proposal you take part in, copying the chosen ' +
      'sections of its brief (no comments, suggestions, versions or participants). You join as CLIENT; ' +
      'each address in `invite` is invited as FREELANCER, all in one transaction.',
  })
  async createProposalFrom(
    @Arg('input', () => CreateFromInput) input: CreateFromInput,
    @Ctx() ctx: Context,
  ): Promise<Proposal> {
    const viewer = requireViewer(ctx).user;
    const eventsOf = ({ proposal, invited }: CreatedFrom) =>
      invited.map(
        (participant) =>
          ({
            kind: 'PARTICIPANT_ADDED',
            proposalId: proposal.id,
            participantId: participant.id,
            actorId: viewer.id,
            clientsOnly: true,
          }) as const,
      );
    const created = await changeWithWebhooks(
      ctx.em,
      ctx.jobs,
      (tx) => createProposalFrom(tx, viewer, input, ctx),
      eventsOf,
    );
    ctx.events.notified(created.notices);
    for (const event of eventsOf(created)) ctx.events.publish(event);
    return created.proposal;
  }
}
