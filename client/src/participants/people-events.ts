import type { ParticipantFieldsFragment as Participant } from '../gql/graphql';
import type { ProposalEvent } from '../contract/events';
import { displayName } from '../contract/labels';
import { ROLE_LABELS } from './roles';

/** A person as a toast names them: their name once they joined, else the address invited. */
const who = (participant: Participant) =>
  participant.pending ? (participant.invitedEmail ?? participant.user.email) : displayName(participant.user);

/**
 * The toast for a participant event, naming the person. `before` is the list the page
 * showed before the event (a removed person is only found there). Null: not a
 * participant event, or one this page says otherwise (the viewer's own removal).
 */
export function participantEventMessage(
  event: Pick<ProposalEvent, 'kind' | 'participantId' | 'participant'>,
  before: readonly Participant[],
  selfId: string,
): string | null {
  const known = before.find((participant) => participant.id === event.participantId) ?? null;
  switch (event.kind) {
    case 'PARTICIPANT_ADDED': {
      const added = event.participant;
      if (!added) return 'A participant was added';
      const role = ROLE_LABELS[added.role].toLowerCase();
      return added.pending ? `${who(added)} was invited as ${role}` : `${who(added)} joined as ${role}`;
    }
    case 'PARTICIPANT_UPDATED': {
      const updated = event.participant;
      if (!updated) return "A participant's role changed";
      const role = ROLE_LABELS[updated.role].toLowerCase();
      return updated.user.id === selfId ? `You are now a ${role} on this proposal` : `${who(updated)} is now a ${role}`;
    }
    case 'PARTICIPANT_REMOVED':
      if (known?.user.id === selfId) return null;
      if (!known) return 'A participant was removed';
      return known.pending ? `The invitation to ${who(known)} was withdrawn` : `${who(known)} was removed`;
    default:
      return null;
  }
}

/** True when the event removed the signed-in person from the proposal. */
export const removesSelf = (
  event: Pick<ProposalEvent, 'kind' | 'participantId'>,
  before: readonly Participant[],
  selfId: string,
): boolean =>
  event.kind === 'PARTICIPANT_REMOVED' &&
  before.some((participant) => participant.id === event.participantId && participant.user.id === selfId);
