import { randomUUID } from 'node:crypto';
import {
  ArrayType,
  Entity,
  Index,
  ManyToOne,
  OptionalProps,
  PrimaryKey,
  Property,
  type Ref,
  Unique,
} from '@mikro-orm/core';
import type { ProposalEventKind } from '@brieflock/schema';
import { User } from '../accounts/user.entity.js';
import { Proposal } from '../proposals/proposal.entity.js';

/**
 * An endpoint a proposal's client registered to hear its events. The signing secret is
 * kept encrypted (see webhook-secrets.ts): it must stay usable to sign, so a hash alone
 * would not do, and a database dump without the server's key does not reveal it.
 */
@Entity({ tableName: 'webhooks' })
@Index({ name: 'webhooks_proposal_index', properties: ['proposal'] })
export class WebhookRecord {
  [OptionalProps]?: 'enabled' | 'createdAt' | 'disabledAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Proposal, { ref: true, deleteRule: 'cascade' })
  proposal!: Ref<Proposal>;

  /** The client who registered it: told when it is disabled. */
  @ManyToOne(() => User, { ref: true, deleteRule: 'cascade' })
  createdBy!: Ref<User>;

  @Property({ type: 'string', length: 2048 })
  url!: string;

  @Property({ type: ArrayType })
  events!: ProposalEventKind[];

  @Property({ type: 'text' })
  secretCiphertext!: string;

  @Property({ type: 'boolean', default: true })
  enabled: boolean = true;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  /** Set when deliveries kept failing for the retry window. */
  @Property({ type: 'timestamptz', nullable: true })
  disabledAt: Date | null = null;
}

/**
 * What became of one delivery attempt. CANCELLED: never made, because its endpoint was
 * disabled or its creator is no longer a client of the proposal.
 */
export const DELIVERY_STATUSES = ['PENDING', 'SUCCEEDED', 'FAILED', 'REFUSED', 'CANCELLED'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * One attempt to deliver one event to one endpoint. Retries are new rows with the same
 * `messageId` (sent as `webhook-id`) and the next `attempt` number.
 */
@Entity({ tableName: 'webhook_deliveries' })
@Unique({ name: 'webhook_deliveries_attempt_unique', properties: ['messageId', 'attempt'] })
@Index({
  name: 'webhook_deliveries_webhook_index',
  expression:
    'create index "webhook_deliveries_webhook_index" on "webhook_deliveries" ("webhook_id", "scheduled_at" desc, "attempt" desc)',
})
export class WebhookDeliveryRecord {
  [OptionalProps]?:
    | 'responseCode'
    | 'error'
    | 'firstAttemptAt'
    | 'attemptedAt'
    | 'deliveredAt'
    | 'nextAttemptAt'
    | 'scheduledAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => WebhookRecord, { ref: true, deleteRule: 'cascade' })
  webhook!: Ref<WebhookRecord>;

  @Property({ type: 'string', length: 64 })
  messageId!: string;

  @Property({ type: 'string', length: 32 })
  event!: ProposalEventKind;

  /** The exact body sent, `{ type, timestamp, data }`: the same on every retry. */
  @Property({ type: 'json' })
  payload!: Record<string, unknown>;

  @Property({ type: 'int' })
  attempt!: number;

  @Property({ type: 'string', length: 16 })
  status!: DeliveryStatus;

  @Property({ type: 'int', nullable: true })
  responseCode: number | null = null;

  /** Why an attempt failed or was refused, for the log (never a response body). */
  @Property({ type: 'string', length: 300, nullable: true })
  error: string | null = null;

  /** When the first attempt of this message was made: retries stop a day after it. */
  @Property({ type: 'timestamptz', nullable: true })
  firstAttemptAt: Date | null = null;

  @Property({ type: 'timestamptz' })
  scheduledAt: Date = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  attemptedAt: Date | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  deliveredAt: Date | null = null;

  /** Set on a failed attempt when another one is scheduled. */
  @Property({ type: 'timestamptz', nullable: true })
  nextAttemptAt: Date | null = null;
}
