import { useId, useState } from 'react';
import { useMutation } from 'urql';
import { dataOrThrow, errorMessage } from '../api';
import type { ParticipantFieldsFragment as Participant } from '../gql/graphql';
import { RemoveParticipantMutation } from '../operations/proposals';
import { ErrorAlert } from '../components/ErrorAlert';
import { PendingActions } from './PendingActions';
import { RoleBadge } from './RoleBadge';
import { RoleSelect } from './RoleSelect';
import { plural } from '../plural';

interface Props {
  participants: Participant[];
  currentUserId: string;
  /** Set for clients: they may remove people (the server keeps at least one client). */
  proposalId?: string;
}

export function ParticipantsTable({ participants, currentUserId, proposalId }: Props) {
  const id = useId();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [, executeRemove] = useMutation(RemoveParticipantMutation);
  const canManage = proposalId !== undefined;

  async function remove(participant: Participant) {
    const who = participant.user.name || participant.user.email;
    if (!window.confirm(`Remove ${who} from this proposal? They lose access at once, including the live brief.`))
      return;
    setBusy(participant.id);
    setError(null);
    try {
      // The cache drops the participant from the proposal's list; the page shows what it holds.
      dataOrThrow(await executeRemove({ input: { proposalId: proposalId ?? '', participantId: participant.id } }));
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(null);
    }
  }
  return (
    <section className="section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="section-title">
        Participants <span className="count">({participants.length})</span>
      </h2>
      {/* biome-ignore lint/a11y/useSemanticElements: a scrolling wrapper, not a page section */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls must be reachable by keyboard */}
      <div className="table-wrap" role="region" aria-label="Participants table" tabIndex={0}>
        <table className="table">
          <caption className="visually-hidden">
            {plural(participants.length, 'participant', 'participants')} on this proposal
          </caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">E-mail</th>
              <th scope="col">Role</th>
              {canManage && (
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {participants.map((participant) => (
              <tr key={participant.id} data-testid="participant-row" data-participant-id={participant.id}>
                <td>
                  <span className="participant-name">
                    {participant.pending ? (
                      <span className="muted">Invitation pending</span>
                    ) : (
                      participant.user.name || <span className="muted">No name yet</span>
                    )}
                    {participant.user.id === currentUserId && <span className="muted"> (you)</span>}
                  </span>
                  {participant.pending && (
                    <span className="badge badge-invited" title="Invited; no account yet">
                      Invited
                    </span>
                  )}
                </td>
                <td className="cell-email">{participant.invitedEmail ?? participant.user.email}</td>
                <td>
                  {canManage ? (
                    <RoleSelect
                      participant={participant}
                      name={participant.user.name || participant.invitedEmail || participant.user.email}
                      onError={setError}
                    />
                  ) : (
                    <RoleBadge role={participant.role} />
                  )}
                </td>
                {canManage && (
                  <td className="cell-actions">
                    {participant.pending && <PendingActions participant={participant} />}
                    {!participant.pending && participant.user.id !== currentUserId && (
                      <button
                        type="button"
                        className="button button-secondary button-small"
                        onClick={() => void remove(participant)}
                        disabled={busy !== null}
                        aria-label={`Remove ${participant.user.name || participant.user.email}`}
                      >
                        {busy === participant.id ? 'Removing…' : 'Remove'}
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ErrorAlert message={error} />
    </section>
  );
}
