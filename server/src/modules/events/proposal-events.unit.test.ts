import { describe, expect, it } from 'vitest';
import { createLogger } from '../../logger.js';
import { type ProposalEventPayload, ProposalEvents } from './proposal-events.js';

describe('forwarding published events', () => {
  it('hands on each event published here, unless its webhooks were enqueued with its change', async () => {
    const events = new ProposalEvents({ log: createLogger('silent') });
    const forwarded: ProposalEventPayload[] = [];
    events.forwardPublished((payload) => forwarded.push(payload));
    const proposalId = '8F2B7C1E-2D4A-4B6C-9E8F-1A2B3C4D5E6F';
    events.publish({ kind: 'PROPOSAL_UPDATED', proposalId, changedFields: ['title'] });
    events.publish({ kind: 'VERSION_FROZEN', proposalId, versionId: 'v' }, { webhooksEnqueued: true });
    expect(forwarded).toEqual([
      expect.objectContaining({
        kind: 'PROPOSAL_UPDATED',
        proposalId: proposalId.toLowerCase(),
        changedFields: ['title'],
      }),
    ]);
    await events.close();
  });
});
