import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { SubscribeResolverData } from 'type-graphql';
import { notFound } from '../../errors.js';
import { requireViewer, type Context } from '../context.js';
import { ID } from '../id.scalar.js';
import { Proposal } from '../proposals/proposal.entity.js';
import { roleOn } from '../proposals/proposal.policy.js';
import type { NotificationPayload } from '../events/proposal-events.js';
import {
  findNotification,
  listNotifications,
  markNotificationsRead,
  type NotificationPageView,
} from './list-notifications.js';
import { Notification, NotificationPage, type NotificationView } from './notifications.types.js';

/** Signed-in people only, and only their own: the topic is the caller's, whatever they ask. */
function subscribeToOwn({
  context,
}: SubscribeResolverData<unknown, unknown, Context>): AsyncIterable<NotificationPayload> {
  const viewer = requireViewer(context);
  return context.events.subscribeNotifications({ userId: viewer.user.id, sessionId: viewer.session.id });
}

@Resolver(() => Notification)
export class NotificationsResolver {
  @Query(() => NotificationPage, {
    description: "The signed-in person's notifications, newest first, a page at a time (`after`: a page's `next`).",
  })
  notifications(
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: Context,
  ): Promise<NotificationPageView> {
    return listNotifications(ctx.em, requireViewer(ctx).user.id, first, after);
  }

  @Mutation(() => Int, {
    description:
      "Marks the signed-in person's notifications read: those named, or all of them when none are named. Returns how many changed.",
  })
  markNotificationsRead(
    @Arg('ids', () => [ID], { nullable: true }) ids: string[] | null,
    @Ctx() ctx: Context,
  ): Promise<number> {
    return markNotificationsRead(ctx.em, requireViewer(ctx).user.id, ids);
  }

  @Subscription(() => Notification, {
    subscribe: subscribeToOwn,
    description: "The signed-in person's new notifications, live. Ends when the session ends.",
  })
  async myNotifications(@Root() payload: NotificationPayload, @Ctx() ctx: Context): Promise<NotificationView> {
    const viewer = requireViewer(ctx);
    // Every notification is read afresh: one context serves the whole subscription.
    ctx.em.clear();
    const found = await findNotification(ctx.em.fork(), viewer.user.id, payload.notificationId);
    if (!found) throw notFound('Notification not found.');
    return found;
  }

  @FieldResolver(() => Proposal, {
    nullable: true,
    description: 'The proposal it is about, while its recipient takes part in it; null otherwise.',
  })
  async proposal(@Root() notification: NotificationView, @Ctx() ctx: Context): Promise<Proposal | null> {
    if (!notification.proposalId) return null;
    const role = await roleOn(ctx.em, notification.proposalId, notification.userId);
    if (!role) return null;
    return (await ctx.loaders.proposalById.load(notification.proposalId)) ?? null;
  }
}
