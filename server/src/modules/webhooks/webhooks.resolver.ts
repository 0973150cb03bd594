import type DataLoader from 'dataloader';
import { Arg, Ctx, FieldResolver, Int, Mutation, Resolver, Root } from 'type-graphql';
import { requireViewer, type Context } from '../context.js';
import { ID } from '../id.scalar.js';
import { Proposal } from '../proposals/proposal.entity.js';
import { createDeliveriesLoader, deliveriesPageOf } from './webhook-deliveries.js';
import { createWebhook, deleteWebhook, enableWebhook, listWebhooks } from './manage-webhooks.js';
import { CreateWebhookInput } from './webhooks.inputs.js';
import {
  Webhook,
  WebhookDelivery,
  type WebhookDeliveryView,
  type WebhookView,
  WebhookWithSecret,
} from './webhooks.types.js';

/** One deliveries loader per request and page size (the field's `first`). */
const deliveryLoaders = new WeakMap<Context, Map<number, DataLoader<string, WebhookDeliveryView[]>>>();

function deliveriesLoader(ctx: Context, first: number): DataLoader<string, WebhookDeliveryView[]> {
  let bySize = deliveryLoaders.get(ctx);
  if (!bySize) {
    bySize = new Map();
    deliveryLoaders.set(ctx, bySize);
  }
  let loader = bySize.get(first);
  if (!loader) {
    loader = createDeliveriesLoader(ctx.em, first);
    bySize.set(first, loader);
  }
  return loader;
}

@Resolver(() => Webhook)
export class WebhooksResolver {
  @Mutation(() => WebhookWithSecret, {
    description:
      "Registers an https:// endpoint for a proposal's events (CLIENT only; at most 10 a proposal). The answer carries its signing secret, shown only this once.",
  })
  createWebhook(
    @Arg('input', () => CreateWebhookInput) input: CreateWebhookInput,
    @Ctx() ctx: Context,
  ): Promise<{ webhook: WebhookView; secret: string }> {
    return createWebhook(ctx.em, ctx.keys, requireViewer(ctx), input, { allowPrivate: ctx.webhookAllowPrivate });
  }

  @Mutation(() => Boolean, { description: 'Deletes a webhook and its delivery log (CLIENT only).' })
  async deleteWebhook(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<boolean> {
    await deleteWebhook(ctx.em, requireViewer(ctx), id);
    return true;
  }

  @Mutation(() => Webhook, {
    description:
      'Turns a disabled webhook back on once its receiver is fixed (CLIENT only): events from now on are delivered to it again.',
  })
  enableWebhook(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<WebhookView> {
    return enableWebhook(ctx.em, requireViewer(ctx), id);
  }

  @FieldResolver(() => [WebhookDelivery], {
    description: 'Its newest delivery attempts first (`first`: 1–100, default 20).',
  })
  deliveries(
    @Root() webhook: WebhookView,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Ctx() ctx: Context,
  ): Promise<WebhookDeliveryView[]> {
    return deliveriesLoader(ctx, deliveriesPageOf(first)).load(webhook.id);
  }
}

@Resolver(() => Proposal)
export class ProposalWebhooksResolver {
  @FieldResolver(() => [Webhook], {
    description: "The proposal's webhooks, oldest first (its clients only; FORBIDDEN for other participants).",
  })
  webhooks(@Root() proposal: Proposal, @Ctx() ctx: Context): Promise<WebhookView[]> {
    return listWebhooks(ctx.em, requireViewer(ctx), proposal.id);
  }
}
