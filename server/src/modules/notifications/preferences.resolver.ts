import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { forbidden } from '../../errors.js';
import { User } from '../accounts/user.entity.js';
import { requireViewer, type Context } from '../context.js';
import { preferencesOf, updatePreferences } from './preferences.js';
import { NotificationPreferences, NotificationPreferencesInput } from './preferences.types.js';

@Resolver()
export class NotificationPreferencesResolver {
  @Mutation(() => NotificationPreferences, {
    description: "Sets the signed-in person's channels for the kinds named; answers every kind's channel.",
  })
  async updateNotificationPreferences(
    @Arg('input', () => NotificationPreferencesInput) input: NotificationPreferencesInput,
    @Ctx() ctx: Context,
  ): Promise<NotificationPreferences> {
    const viewer = requireViewer(ctx);
    return { channels: await updatePreferences(ctx.em, viewer.user.id, input.channels) };
  }
}

@Resolver(() => User)
export class UserNotificationPreferencesResolver {
  @FieldResolver(() => NotificationPreferences, {
    nullable: true,
    description: 'How this person hears of notifications: only they may read it (FORBIDDEN for anyone else).',
  })
  async notificationPreferences(@Root() user: Pick<User, 'id'>, @Ctx() ctx: Context): Promise<NotificationPreferences> {
    const viewer = requireViewer(ctx);
    if (viewer.user.id !== user.id) throw forbidden('Only the account holder sees its notification preferences.');
    return { channels: await preferencesOf(ctx.em, user.id) };
  }
}
