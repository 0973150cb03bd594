import type { TestApp } from './app.js';
import type { TestUser } from './factories.js';

export interface WebhookDeliveryView {
  id: string;
  event: string;
  attempt: number;
  status: string;
  responseCode: number | null;
  deliveredAt: string | null;
  nextAttemptAt: string | null;
}

export interface WebhookView {
  id: string;
  url: string;
  events: string[];
  enabled: boolean;
  disabledAt: string | null;
  deliveries: WebhookDeliveryView[];
}

const WEBHOOK_FIELDS =
  'id url events enabled disabledAt deliveries(first: 50) { id event attempt status responseCode deliveredAt nextAttemptAt }';

export function createWebhook(t: TestApp, user: TestUser, proposalId: string, url: string, events: string[]) {
  return t.api.gql<{ createWebhook: { secret: string; webhook: WebhookView } }>(
    `mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { secret webhook { ${WEBHOOK_FIELDS} } } }`,
    { input: { proposalId, url, events } },
    { token: user.token },
  );
}

export async function createWebhookOk(
  t: TestApp,
  user: TestUser,
  proposalId: string,
  url: string,
  events: string[],
): Promise<{ secret: string; webhook: WebhookView }> {
  const result = await createWebhook(t, user, proposalId, url, events);
  if (!result.data) throw new Error(`createWebhook failed: ${JSON.stringify(result.errors)}`);
  return result.data.createWebhook;
}

export function listWebhooks(t: TestApp, user: TestUser, proposalId: string) {
  return t.api.gql<{ proposal: { webhooks: WebhookView[] } }>(
    `query($id: ID!) { proposal(id: $id) { webhooks { ${WEBHOOK_FIELDS} } } }`,
    { id: proposalId },
    { token: user.token },
  );
}

export async function listWebhooksOk(t: TestApp, user: TestUser, proposalId: string): Promise<WebhookView[]> {
  const result = await listWebhooks(t, user, proposalId);
  if (!result.data) throw new Error(`webhooks failed: ${JSON.stringify(result.errors)}`);
  return result.data.proposal.webhooks;
}

export function deleteWebhook(t: TestApp, user: TestUser, id: string) {
  return t.api.gql<{ deleteWebhook: boolean }>(
    'mutation($id: ID!) { deleteWebhook(id: $id) }',
    { id },
    { token: user.token },
  );
}

export function enableWebhook(t: TestApp, user: TestUser, id: string) {
  return t.api.gql<{ enableWebhook: WebhookView }>(
    `mutation($id: ID!) { enableWebhook(id: $id) { ${WEBHOOK_FIELDS} } }`,
    { id },
    { token: user.token },
  );
}

/** One of a proposal's endpoints as `user` lists it; throws when it is not listed. */
export async function webhookOf(t: TestApp, user: TestUser, proposalId: string, id: string): Promise<WebhookView> {
  const found = (await listWebhooksOk(t, user, proposalId)).find((webhook) => webhook.id === id);
  if (!found) throw new Error(`webhook ${id} is not listed`);
  return found;
}

/** renameProposal as `user`: the change that sends PROPOSAL_UPDATED. */
export function renameProposal(t: TestApp, user: TestUser, proposalId: string, title: string) {
  return t.api.gql(
    'mutation($input: RenameProposalInput!) { renameProposal(input: $input) { id } }',
    { input: { proposalId, title } },
    { token: user.token },
  );
}
