import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ProposalEventKind } from '@brieflock/schema';
import { canonicalId } from '../../validation.js';
import type { ProposalEventPayload } from '../events/proposal-events.js';
import type { JobSender } from './webhook-jobs.js';
import { WEBHOOK_DELIVERY_QUEUE } from './webhook-jobs.js';

/** An event as its publisher describes it (the same shape `ProposalEvents.publish` takes). */
export type WebhookEvent = Pick<ProposalEventPayload, 'kind' | 'proposalId'> & Partial<ProposalEventPayload>;

/**
 * What a webhook's body says about an event: the ids its subscription event carries, and
 * for version events the version's number and content hash. Never brief content, comment
 * text or names: an endpoint is outside the app and sees only what identifies the change.
 */
export interface WebhookBody {
  type: ProposalEventKind;
  timestamp: string;
  data: {
    proposalId: string;
    actorId: string | null;
    versionId: string | null;
    versionNumber: number | null;
    contentHash: string | null;
    participantId: string | null;
    threadId: string | null;
    suggestionId: string | null;
    /** DRAFT_CHANGED: the section keys that changed. */
    sections: string[];
    /** PROPOSAL_UPDATED: which of the proposal's fields changed. */
    changedFields: string[];
  };
}

/** The message id sent as `webhook-id`: one per event and endpoint, the same on every retry. */
const newMessageId = () => `msg_${randomUUID().replaceAll('-', '')}`;

/**
 * Enqueues one delivery of `event` to every enabled endpoint of its proposal that listens
 * to its kind and whose creator is still a client of it, inside `tx`: called in the
 * transaction of the change the event describes, the deliveries exist exactly when the
 * change does. Returns how many were enqueued.
 */
export async function enqueueWebhookDeliveries(
  tx: EntityManager,
  jobs: JobSender,
  event: WebhookEvent,
): Promise<number> {
  const proposalId = canonicalId(event.proposalId);
  const endpoints = await tx.execute<{ id: string }[]>(
    `select w."id" from "webhooks" w
       join "participants" p on p."proposal_id" = w."proposal_id" and p."user_id" = w."created_by_id" and p."role" = 'CLIENT'
      where w."proposal_id" = ? and w."enabled" and ? = any(w."events")
      order by w."created_at", w."id"`,
    [proposalId, event.kind],
  );
  if (endpoints.length === 0) return 0;
  const body = await bodyOf(tx, { ...event, proposalId });
  for (const endpoint of endpoints) {
    const deliveryId = randomUUID();
    await tx.execute(
      `insert into "webhook_deliveries" ("id", "webhook_id", "message_id", "event", "payload", "attempt", "status", "scheduled_at")
       values (?, ?, ?, ?, ?::jsonb, 1, 'PENDING', clock_timestamp())`,
      [deliveryId, endpoint.id, newMessageId(), event.kind, JSON.stringify(body)],
    );
    await jobs.send(tx, WEBHOOK_DELIVERY_QUEUE, { deliveryId });
  }
  return endpoints.length;
}

async function bodyOf(tx: EntityManager, event: WebhookEvent): Promise<WebhookBody> {
  let version: { number: number; content_hash: string } | undefined;
  if (event.versionId)
    [version] = await tx.execute<{ number: number; content_hash: string }[]>(
      'select "number", "content_hash" from "contract_versions" where "id" = ?',
      [event.versionId],
    );
  return {
    type: event.kind,
    timestamp: event.at ?? new Date().toISOString(),
    data: {
      proposalId: event.proposalId,
      actorId: event.actorId ?? null,
      versionId: event.versionId ?? null,
      versionNumber: version?.number ?? null,
      contentHash: version?.content_hash ?? null,
      participantId: event.participantId ?? null,
      threadId: event.threadId ?? null,
      suggestionId: event.suggestionId ?? null,
      sections: event.sections ?? [],
      changedFields: event.changedFields ?? [],
    },
  };
}
