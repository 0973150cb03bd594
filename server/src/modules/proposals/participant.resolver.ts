import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../context.js';
import type { UserView } from '../accounts/accounts.loaders.js';
import type { ParticipantView } from './proposals.loaders.js';
import { User } from '../accounts/user.entity.js';
import { Participant } from './participant.entity.js';

// The root is a participant entity or its read model (see loaders.ts).
@Resolver(() => Participant)
export class ParticipantResolver {
  @FieldResolver(() => User)
  user(@Root() participant: ParticipantView, @Ctx() ctx: Context): UserView | Promise<UserView> {
    return ctx.loaders.user(participant.user.id);
  }

  @FieldResolver(() => Boolean, { description: 'True while the invited e-mail has no account yet.' })
  pending(@Root() participant: ParticipantView, @Ctx() ctx: Context): boolean | Promise<boolean> {
    const user = ctx.loaders.user(participant.user.id);
    return 'then' in user ? user.then((loaded) => loaded.pending) : user.pending;
  }
}
