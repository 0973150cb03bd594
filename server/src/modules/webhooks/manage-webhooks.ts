import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { conflict, notFound } from '../../errors.js';
import { canonicalId, isId, parseInput } from '../../validation.js';
import type { Viewer } from '../accounts/sessions.js';
import { proposalNotFound } from '../proposals/proposal.policy.js';
import type { ServerKeys } from '../trust/server-keys.js';
import { WebhookRecord } from './webhook.entity.js';
import { encryptWebhookSecret } from './webhook-secrets.js';
import { newWebhookSecret } from './webhook-signature.js';
import { checkWebhookUrl } from './webhook-url.js';
import { assertCanManageWebhooks } from './webhooks.policy.js';
import { type CreateWebhook, CreateWebhookSchema, WEBHOOK_LIMITS } from './webhooks.inputs.js';
import type { WebhookView } from './webhooks.types.js';

export const webhookViewOf = (record: Omit<WebhookRecord, 'secretCiphertext'>): WebhookView => ({
  id: record.id,
  proposalId: record.proposal.id,
  url: record.url,
  events: [...record.events],
  enabled: record.enabled,
  disabledAt: record.disabledAt,
});

/**
 * Registers an endpoint for a proposal's events (its clients only) and returns it with
 * its new secret, which is stored sealed and never shown again. The proposal row is
 * locked so that racing creations cannot pass the per-proposal limit together.
 */
export async function createWebhook(
  em: EntityManager,
  keys: ServerKeys,
  viewer: Viewer,
  input: CreateWebhook,
  options: { allowPrivate: boolean },
): Promise<{ webhook: WebhookView; secret: string }> {
  const parsed = parseInput(CreateWebhookSchema, input);
  const proposalId = canonicalId(parsed.proposalId);
  const url = checkWebhookUrl(parsed.url, options.allowPrivate);
  return em.transactional(async (tx) => {
    await assertCanManageWebhooks(tx, proposalId, viewer.user.id);
    const [locked] = await tx.execute('select "id" from "proposals" where "id" = ? for update', [proposalId]);
    if (!locked) throw proposalNotFound();
    const existing = await tx.count(WebhookRecord, { proposal: proposalId });
    if (existing >= WEBHOOK_LIMITS.perProposal)
      throw conflict(`A proposal can have at most ${WEBHOOK_LIMITS.perProposal} webhooks. Delete one first.`, {
        limit: WEBHOOK_LIMITS.perProposal,
      });
    const secret = newWebhookSecret();
    const record = tx.create(WebhookRecord, {
      proposal: proposalId,
      createdBy: viewer.user.id,
      url,
      events: parsed.events,
      secretCiphertext: '',
    });
    record.secretCiphertext = encryptWebhookSecret(keys, record.id, secret);
    await tx.flush();
    return { webhook: webhookViewOf(record), secret };
  });
}

/**
 * The endpoint `requestedId` names, locked for the rest of `tx`, once the viewer is known
 * to manage its proposal's webhooks. Outside the proposal a webhook is as unknown as a
 * missing one (NOT_FOUND); another participant gets FORBIDDEN.
 */
async function managedWebhook(
  tx: EntityManager,
  viewer: Viewer,
  requestedId: string,
): Promise<Omit<WebhookRecord, 'secretCiphertext'>> {
  const id = canonicalId(requestedId);
  const missing = () => notFound('Webhook not found.');
  if (!isId(id)) throw missing();
  const record = await tx.findOne(WebhookRecord, id, {
    exclude: ['secretCiphertext'],
    lockMode: LockMode.PESSIMISTIC_WRITE,
  });
  if (!record) throw missing();
  try {
    await assertCanManageWebhooks(tx, record.proposal.id, viewer.user.id);
  } catch (error) {
    if ((error as { code?: string }).code === 'NOT_FOUND') throw missing();
    throw error;
  }
  return record;
}

/** Deletes an endpoint and its delivery log (a client of its proposal only). */
export async function deleteWebhook(em: EntityManager, viewer: Viewer, requestedId: string): Promise<void> {
  await em.transactional(async (tx) => {
    const record = await managedWebhook(tx, viewer, requestedId);
    await tx.nativeDelete(WebhookRecord, { id: record.id });
  });
}

/**
 * Turns a disabled endpoint back on (a client of its proposal only): events from now on
 * are delivered to it again; those given up while it was off are not sent. Enabling an
 * endpoint that is on changes nothing.
 */
export async function enableWebhook(em: EntityManager, viewer: Viewer, requestedId: string): Promise<WebhookView> {
  return em.transactional(async (tx) => {
    const record = await managedWebhook(tx, viewer, requestedId);
    if (!record.enabled) {
      record.enabled = true;
      record.disabledAt = null;
      await tx.flush();
    }
    return webhookViewOf(record);
  });
}

/** A proposal's endpoints, oldest first (its clients only; FORBIDDEN for other participants). */
export async function listWebhooks(em: EntityManager, viewer: Viewer, proposalId: string): Promise<WebhookView[]> {
  await assertCanManageWebhooks(em, proposalId, viewer.user.id);
  const records = await em.find(
    WebhookRecord,
    { proposal: proposalId },
    { orderBy: { createdAt: 'asc', id: 'asc' }, exclude: ['secretCiphertext'] },
  );
  return records.map(webhookViewOf);
}
