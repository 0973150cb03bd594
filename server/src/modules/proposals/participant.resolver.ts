import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { User } from '../accounts/user.entity.js';
import { Participant } from './participant.entity.js';

@Resolver(() => Participant)
export class ParticipantResolver {
  @FieldResolver(() => User)
  async user(@Root() participant: Participant, @Ctx() ctx: Context): Promise<User> {
    const user = await ctx.loaders.userById.load(participant.user.id);
    if (!user) throw new Error(`participant ${participant.id} has no user`);
    return user;
  }

  @FieldResolver(() => Boolean, { description: 'True while the invited e-mail has no account yet.' })
  async pending(@Root() participant: Participant, @Ctx() ctx: Context): Promise<boolean> {
    return (await this.user(participant, ctx)).pending;
  }
}
