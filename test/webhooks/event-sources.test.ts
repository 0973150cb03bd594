import { describe, expect, it } from 'vitest';
import { useTestApp } from '../support/app.js';
import { writeLiveBrief } from '../support/contract.js';
import { completeBrief } from '../support/brief.js';
import { addParticipant, makeCast } from '../support/factories.js';
import { waitFor } from '../support/wait.js';
import { useReceivers } from '../support/webhook-receiver.js';
import { createWebhookOk } from '../support/webhooks.js';

const t = useTestApp({ WEBHOOK_ALLOW_PRIVATE: 'true' }, { draftChangedDebounceMs: 50 });
const startReceiver = useReceivers();

interface Body {
  type: string;
  data: Record<string, unknown>;
}
const bodiesOf = (received: { body: string }[]) => received.map((r) => JSON.parse(r.body) as Body);

describe('what webhooks hear', () => {
  it('participant changes, naming the participant by id only', async () => {
    const cast = await makeCast(t.api);
    const receiver = await startReceiver();
    await createWebhookOk(t, cast.client, cast.proposal.id, receiver.url, [
      'PARTICIPANT_ADDED',
      'PARTICIPANT_UPDATED',
      'PARTICIPANT_REMOVED',
    ]);
    const invited = await addParticipant(t.api, cast.client, cast.proposal.id, 'nora.newcomer@example.com', 'VIEWER');
    const participantId = invited.data!.addParticipant.id;
    const changed = await t.api.gql(
      'mutation($input: ChangeRoleInput!) { changeParticipantRole(input: $input) { id } }',
      { input: { participantId, role: 'FREELANCER' } },
      { token: cast.client.token },
    );
    expect(changed.errors).toBeUndefined();
    const removed = await t.api.gql(
      'mutation($input: RemoveParticipantInput!) { removeParticipant(input: $input) }',
      { input: { proposalId: cast.proposal.id, participantId } },
      { token: cast.client.token },
    );
    expect(removed.errors).toBeUndefined();

    await waitFor(() => receiver.received.length === 3, { what: 'three participant events' });
    const bodies = bodiesOf(receiver.received);
    expect(bodies.map((b) => b.type).sort()).toEqual([
      'PARTICIPANT_ADDED',
      'PARTICIPANT_REMOVED',
      'PARTICIPANT_UPDATED',
    ]);
    for (const body of bodies) expect(body.data).toMatchObject({ participantId, actorId: cast.client.id });
    // The invited address is not the endpoint's to know.
    expect(receiver.received.some((r) => r.body.includes('nora.newcomer'))).toBe(false);
  });

  it('a settled draft change, with the sections that changed and none of their text', async () => {
    const cast = await makeCast(t.api);
    const receiver = await startReceiver();
    await createWebhookOk(t, cast.client, cast.proposal.id, receiver.url, ['DRAFT_CHANGED']);
    const brief = completeBrief();
    await writeLiveBrief(t, cast.client, cast.proposal.id, brief);

    await waitFor(() => receiver.received.length > 0, { what: 'DRAFT_CHANGED' });
    const [body] = bodiesOf(receiver.received);
    expect(body!.type).toBe('DRAFT_CHANGED');
    expect((body!.data.sections as string[]).length).toBeGreaterThan(0);
    expect(body!.data).toMatchObject({ proposalId: cast.proposal.id, versionId: null });
    const texts: string[] = [];
    JSON.stringify(brief, (_key, value: unknown) => {
      if (typeof value === 'string' && value.length > 12) texts.push(value);
      return value;
    });
    expect(texts.length).toBeGreaterThan(3);
    for (const text of texts) expect(receiver.received[0]!.body).not.toContain(text);
  });
});
