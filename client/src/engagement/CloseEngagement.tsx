import { useState } from 'react';
import { useMutation } from 'urql';
import { dataOrThrow } from '../api';
import { DateTime } from '../components/DateTime';
import { ConfirmDialog } from '../manage/ConfirmDialog';
import { CloseEngagementMutation } from '../operations/reviews';

interface Props {
  proposalId: string;
  closedAt: string | null;
  closedBy: { id: string; name: string } | null;
  /** Only a client closes, and only while a contract is in force. */
  canClose: boolean;
  viewerId: string;
  onClosed: (message: string) => void;
}

/**
 * Who closed the engagement and when, for everyone; while it runs, a client's "Close
 * engagement", asked once more in a dialog because it cannot be undone.
 */
export function CloseEngagement({ proposalId, closedAt, closedBy, canClose, viewerId, onClosed }: Props) {
  const [asking, setAsking] = useState(false);
  const [, close] = useMutation(CloseEngagementMutation);

  if (closedAt) {
    const who = !closedBy ? 'a client' : closedBy.id === viewerId ? 'you' : closedBy.name;
    return (
      <p className="engagement-closed" data-testid="engagement-closed">
        The engagement was closed by {who} on <DateTime iso={closedAt} long />.
      </p>
    );
  }
  if (!canClose) return null;
  return (
    <div>
      <button type="button" className="button button-secondary" onClick={() => setAsking(true)}>
        Close engagement
      </button>
      {asking && (
        <ConfirmDialog
          title="Close the engagement?"
          confirmLabel="Close the engagement"
          busyLabel="Closing…"
          testId="close-engagement-dialog"
          onClose={() => setAsking(false)}
          onConfirm={async () => {
            dataOrThrow(await close({ proposalId }));
            setAsking(false);
            onClosed('You closed the engagement.');
          }}
        >
          <p>
            Everyone on the proposal is told, and it is recorded in the audit trail. Closing cannot be undone; once
            closed you can review the freelancers you worked with.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
