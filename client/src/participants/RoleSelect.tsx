import { useState } from 'react';
import { useMutation } from 'urql';
import { PARTICIPANT_ROLES, type ParticipantRole } from '@brieflock/schema';
import { dataOrThrow, errorMessage } from '../api';
import type { ParticipantFieldsFragment as Participant } from '../gql/graphql';
import { ChangeParticipantRoleMutation } from '../operations/proposals';
import { ROLE_LABELS } from './roles';

/**
 * A client's control for someone's role: the change is saved as soon as it is picked,
 * and everyone's open page shows it through PARTICIPANT_UPDATED. A refusal (the last
 * client) is reported through `onError` and the select shows the role as it stands.
 */
export function RoleSelect({
  participant,
  name,
  onError,
}: {
  participant: Participant;
  name: string;
  onError: (message: string | null) => void;
}) {
  const [busy, setBusy] = useState(false);
  const [, execute] = useMutation(ChangeParticipantRoleMutation);
  async function change(role: ParticipantRole) {
    setBusy(true);
    onError(null);
    try {
      dataOrThrow(await execute({ input: { participantId: participant.id, role } }));
    } catch (caught) {
      onError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  }
  return (
    <select
      className="select select-small"
      aria-label={`Role of ${name}`}
      data-testid="role-select"
      value={participant.role}
      disabled={busy}
      onChange={(event) => void change(event.target.value as ParticipantRole)}
    >
      {PARTICIPANT_ROLES.map((role) => (
        <option key={role} value={role}>
          {ROLE_LABELS[role]}
        </option>
      ))}
    </select>
  );
}
