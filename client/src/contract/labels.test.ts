import { describe, expect, it } from 'vitest';
import type { ProposalEvent } from './events';
import { eventMessage } from './labels';

const cora = { id: 'u-cora', email: 'cora@example.test', name: 'Cora Client' };

const update = (changedFields: string[], proposal: { title: string; archived: boolean } | null) =>
  ({
    kind: 'PROPOSAL_UPDATED',
    proposalId: 'p1',
    sections: [],
    at: '2026-12-01T11:00:00.000Z',
    version: null,
    actor: cora,
    participantId: null,
    participant: null,
    thread: null,
    suggestion: null,
    changedFields,
    proposal: proposal && { id: 'p1', ...proposal },
  }) as ProposalEvent;

describe('the toast for PROPOSAL_UPDATED', () => {
  it('names who renamed, archived or restored the proposal, and "You" for oneself', () => {
    expect(eventMessage(update(['title'], { title: 'Phase 2', archived: false }), 'u-finn')).toBe(
      'Cora Client renamed the proposal to “Phase 2”',
    );
    expect(eventMessage(update(['archived'], { title: 'Phase 2', archived: true }), 'u-finn')).toBe(
      'Cora Client archived this proposal',
    );
    expect(eventMessage(update(['archived'], { title: 'Phase 2', archived: false }), 'u-cora')).toBe(
      'You restored this proposal from the archive',
    );
    expect(eventMessage(update(['title'], null), 'u-finn')).toBe('Cora Client changed the proposal');
  });
});
