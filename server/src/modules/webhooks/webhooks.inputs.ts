import { PROPOSAL_EVENT_KINDS, type ProposalEventKind } from '@brieflock/schema';
import { Field, InputType } from 'type-graphql';
import { z } from 'zod';
import { ProposalEventKindEnum } from '../events/events.types.js';
import { ID } from '../id.scalar.js';

/** Limits on webhooks, enforced when one is created. */
export const WEBHOOK_LIMITS = {
  urlMaxLength: 2048,
  perProposal: 10,
} as const;

@InputType()
export class CreateWebhookInput {
  @Field(() => ID) proposalId!: string;
  @Field(() => String, {
    description: `An https:// URL of at most ${WEBHOOK_LIMITS.urlMaxLength} characters, without credentials.`,
  })
  url!: string;
  @Field(() => [ProposalEventKindEnum], { description: 'The events to send it; at least one.' })
  events!: ProposalEventKind[];
}

export const CreateWebhookSchema = z.object({
  proposalId: z.string(),
  url: z
    .string()
    .trim()
    .min(1, 'must be an https:// URL')
    .max(WEBHOOK_LIMITS.urlMaxLength, `must be at most ${WEBHOOK_LIMITS.urlMaxLength} characters`),
  events: z
    .array(z.enum(PROPOSAL_EVENT_KINDS, { message: 'must list known event kinds' }))
    .min(1, 'must list at least one event')
    .transform((events) => [...new Set(events)]),
});
export type CreateWebhook = z.infer<typeof CreateWebhookSchema>;
