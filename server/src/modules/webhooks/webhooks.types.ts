import type { ProposalEventKind } from '@brieflock/schema';
import { Field, Int, ObjectType } from 'type-graphql';
import { ProposalEventKindEnum } from '../events/events.types.js';
import { ID } from '../id.scalar.js';
import type { DeliveryStatus } from './webhook.entity.js';

/** An endpoint as the resolvers hand it on (never its secret). */
export interface WebhookView {
  id: string;
  proposalId: string;
  url: string;
  events: ProposalEventKind[];
  enabled: boolean;
  disabledAt: Date | null;
}

export interface WebhookDeliveryView {
  id: string;
  event: ProposalEventKind;
  attempt: number;
  status: DeliveryStatus;
  responseCode: number | null;
  deliveredAt: Date | null;
  nextAttemptAt: Date | null;
}

@ObjectType({ description: "An endpoint that hears a proposal's events (its clients only)." })
export class Webhook {
  @Field(() => ID) id!: string;
  @Field(() => String) url!: string;
  @Field(() => [ProposalEventKindEnum], { description: 'The events it is sent.' }) events!: ProposalEventKind[];
  @Field(() => Boolean, {
    description:
      'False once deliveries kept failing for a day: nothing more is sent to it until a client enables it again.',
  })
  enabled!: boolean;
  @Field(() => Date, {
    nullable: true,
    description: 'When it was disabled after failing for a day; null while enabled (`enableWebhook` turns it back on).',
  })
  disabledAt!: Date | null;
}

@ObjectType({ description: 'One attempt to deliver one event to a webhook.' })
export class WebhookDelivery {
  @Field(() => ID) id!: string;
  @Field(() => ProposalEventKindEnum) event!: ProposalEventKind;
  @Field(() => Int, { description: 'Which attempt of this event it is: 1 for the first, then each retry.' })
  attempt!: number;
  @Field(() => String, {
    description:
      'PENDING (not made yet), SUCCEEDED (a 2xx answer), FAILED (another answer, a redirect, no answer), REFUSED (the address is not one webhooks are sent to) or CANCELLED (not made: the webhook was disabled, or its creator is no longer a client).',
  })
  status!: DeliveryStatus;
  @Field(() => Int, { nullable: true, description: 'The HTTP status the receiver answered with.' })
  responseCode!: number | null;
  @Field(() => Date, { nullable: true, description: 'When the receiver accepted it; null unless SUCCEEDED.' })
  deliveredAt!: Date | null;
  @Field(() => Date, { nullable: true, description: 'When the next attempt is made, after a failed one.' })
  nextAttemptAt!: Date | null;
}

@ObjectType({ description: 'A webhook just created, with the secret that signs its requests: shown only here.' })
export class WebhookWithSecret {
  @Field(() => Webhook) webhook!: WebhookView;
  @Field(() => String, {
    description: '`whsec_<base64>`: verify `webhook-signature` with it (Standard Webhooks). It cannot be read again.',
  })
  secret!: string;
}
