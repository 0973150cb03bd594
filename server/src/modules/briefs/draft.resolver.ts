import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { evaluateReadiness, type TypedBriefContent } from '@brieflock/schema';
import type { Context } from '../context.js';
import { Proposal } from '../proposals/proposal.entity.js';
import { Brief, Readiness } from './brief.types.js';
import { briefSnapshot } from './brief-snapshot.js';
import { readinessFacts } from './readiness-facts.js';

/** Reads the draft once per proposal and request, however many fields ask for it. */
function draftOf(ctx: Context, proposalId: string): Promise<TypedBriefContent> {
  let pending = ctx.drafts.get(proposalId);
  if (!pending) {
    pending = briefSnapshot(ctx.orm.em.fork(), ctx.live, proposalId).then((snapshot) => snapshot.brief);
    ctx.drafts.set(proposalId, pending);
  }
  return pending;
}

// Proposal is only ever resolved for its participants (proposal/proposals check it), so
// these fields need no further check.
@Resolver(() => Proposal)
export class DraftResolver {
  @FieldResolver(() => Brief, { description: 'The live brief as it is now.' })
  async draft(@Root() proposal: Proposal, @Ctx() ctx: Context): Promise<Brief> {
    return (await draftOf(ctx, proposal.id)) as unknown as Brief;
  }

  @FieldResolver(() => Readiness, {
    description: 'The live brief, and what the database knows of the proposal (open threads), checked for readiness.',
  })
  async readiness(@Root() proposal: Proposal, @Ctx() ctx: Context): Promise<Readiness> {
    const [brief, facts] = await Promise.all([
      draftOf(ctx, proposal.id),
      readinessFacts(ctx.em, ctx.live, proposal.id),
    ]);
    return evaluateReadiness(brief, facts);
  }
}
