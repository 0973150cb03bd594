import { describe, expect, it } from 'vitest';
import type { ParticipantFieldsFragment } from '../gql/graphql';
import { participantEventMessage, removesSelf } from './people-events';

const me: ParticipantFieldsFragment = {
  id: 'pa-me',
  role: 'FREELANCER',
  pending: false,
  invitedEmail: 'me@example.test',
  proposalId: 'p1',
  user: { id: 'u-me', email: 'me@example.test', name: 'Mia Me' },
};
const finn: ParticipantFieldsFragment = {
  id: 'pa-finn',
  role: 'FREELANCER',
  pending: false,
  invitedEmail: 'finn@example.test',
  proposalId: 'p1',
  user: { id: 'u-finn', email: 'finn@example.test', name: 'Finn Freelancer' },
};
const invited: ParticipantFieldsFragment = {
  id: 'pa-new',
  role: 'VIEWER',
  pending: true,
  invitedEmail: 'new@example.test',
  proposalId: 'p1',
  user: { id: 'pa-new', email: 'new@example.test', name: 'new@example.test' },
};
const before = [me, finn, invited];

describe('participant event messages', () => {
  it('name an invitation by its address and a claim by the real name', () => {
    expect(
      participantEventMessage({ kind: 'PARTICIPANT_ADDED', participantId: 'pa-new', participant: invited }, [], 'u-me'),
    ).toBe('new@example.test was invited as viewer');
    const claimed = { ...invited, pending: false, user: { id: 'u-new', email: 'new@example.test', name: 'Nina New' } };
    expect(
      participantEventMessage(
        { kind: 'PARTICIPANT_ADDED', participantId: 'pa-new', participant: claimed },
        before,
        'u-me',
      ),
    ).toBe('Nina New joined as viewer');
  });

  it('say a role change, to the person it concerns in the second person', () => {
    const finnViewer = { ...finn, role: 'VIEWER' as const };
    expect(
      participantEventMessage(
        { kind: 'PARTICIPANT_UPDATED', participantId: 'pa-finn', participant: finnViewer },
        before,
        'u-me',
      ),
    ).toBe('Finn Freelancer is now a viewer');
    const meClient = { ...me, role: 'CLIENT' as const };
    expect(
      participantEventMessage(
        { kind: 'PARTICIPANT_UPDATED', participantId: 'pa-me', participant: meClient },
        before,
        'u-me',
      ),
    ).toBe('You are now a client on this proposal');
  });

  it('name a removed person from the list shown before, and say nothing of one’s own removal', () => {
    const removed = (participantId: string) => ({
      kind: 'PARTICIPANT_REMOVED' as const,
      participantId,
      participant: null,
    });
    expect(participantEventMessage(removed('pa-finn'), before, 'u-me')).toBe('Finn Freelancer was removed');
    expect(participantEventMessage(removed('pa-new'), before, 'u-me')).toBe(
      'The invitation to new@example.test was withdrawn',
    );
    expect(participantEventMessage(removed('pa-unknown'), before, 'u-me')).toBe('A participant was removed');
    expect(participantEventMessage(removed('pa-me'), before, 'u-me')).toBeNull();
    expect(removesSelf(removed('pa-me'), before, 'u-me')).toBe(true);
    expect(removesSelf(removed('pa-finn'), before, 'u-me')).toBe(false);
    expect(removesSelf({ kind: 'PARTICIPANT_UPDATED', participantId: 'pa-me' }, before, 'u-me')).toBe(false);
  });
});
