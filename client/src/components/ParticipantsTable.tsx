import { useId } from 'react';
import type { Participant } from '../types';
import { RoleBadge, plural } from '../ui';

export function ParticipantsTable({ participants, currentUserId }: { participants: Participant[]; currentUserId: string }) {
  const id = useId();
  return (
    <section className="section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="section-title">
        Participants <span className="count">({participants.length})</span>
      </h2>
      <div className="table-wrap" role="region" aria-labelledby={`${id}-heading`} tabIndex={0}>
        <table className="table">
          <caption className="visually-hidden">
            {plural(participants.length, 'participant', 'participants')} on this proposal
          </caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">E-mail</th>
              <th scope="col">Role</th>
            </tr>
          </thead>
          <tbody>
            {participants.map((participant) => (
              <tr key={participant.id}>
                <td>
                  <span className="participant-name">
                    {participant.user.name || <span className="muted">No name yet</span>}
                    {participant.user.id === currentUserId && <span className="muted"> (you)</span>}
                  </span>
                  {participant.pending && (
                    <span className="badge badge-invited" title="Invited; no account yet">
                      Invited
                    </span>
                  )}
                </td>
                <td className="cell-email">{participant.user.email}</td>
                <td>
                  <RoleBadge role={participant.role} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
