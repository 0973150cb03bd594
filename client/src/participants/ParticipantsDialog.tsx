import { useId } from 'react';
import { Dialog } from '../components/Dialog';
import type { ParticipantFieldsFragment as Participant } from '../gql/graphql';
import { InviteForm } from './InviteForm';
import { ParticipantsTable } from './ParticipantsTable';

/** Who is on the proposal, and (for a client) inviting and removing people, opened from the header. */
export function ParticipantsDialog({
  proposalId,
  participants,
  currentUserId,
  canManage,
  onClose,
}: {
  proposalId: string;
  participants: Participant[];
  currentUserId: string;
  canManage: boolean;
  onClose: () => void;
}) {
  const id = useId();
  return (
    <Dialog
      labelledBy={`${id}-title`}
      testId="participants-dialog"
      onClose={onClose}
      className="dialog-wide participants-dialog"
    >
      <div className="dialog-body">
        <div className="dialog-head">
          <h2 id={`${id}-title`} className="dialog-title">
            People on this proposal
          </h2>
          <button type="button" className="button button-ghost button-small" onClick={onClose}>
            Close
          </button>
        </div>
        <div className="stack">
          <ParticipantsTable
            participants={participants}
            currentUserId={currentUserId}
            proposalId={canManage ? proposalId : undefined}
          />
          {canManage && <InviteForm proposalId={proposalId} />}
        </div>
      </div>
    </Dialog>
  );
}
