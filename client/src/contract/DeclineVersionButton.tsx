import { useId, useState } from 'react';
import { useMutation } from 'urql';
import { CONTRACT_LIMITS } from '@brieflock/schema';
import { dataOrThrow, refusal } from '../api';
import { TextAreaField } from '../components/TextField';
import { ConfirmDialog } from '../manage/ConfirmDialog';
import { DeclineVersionMutation } from '../operations/contract';

/**
 * "Decline" on a version's page (a required signer who has not signed): asks why, then
 * the version is DECLINED for good and everyone is told; drafting goes on.
 */
export function DeclineVersionButton({
  versionId,
  number,
  onDeclined,
}: {
  versionId: string;
  number: number;
  onDeclined: () => void;
}) {
  const id = useId();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  // A refusal of the reason (empty, or the server's) shows under the reason itself.
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [, decline] = useMutation(DeclineVersionMutation);
  return (
    <>
      <button
        type="button"
        className="button button-secondary"
        data-testid="decline-version"
        onClick={() => setAsking(true)}
      >
        Decline
      </button>
      {asking && (
        <ConfirmDialog
          title={`Decline version ${number}?`}
          confirmLabel="Decline"
          busyLabel="Declining…"
          danger
          testId="decline-version-dialog"
          onClose={() => setAsking(false)}
          onConfirm={async () => {
            setReasonError(null);
            if (!reason.trim()) {
              setReasonError('Say why you decline.');
              return;
            }
            try {
              dataOrThrow(await decline({ input: { versionId, reason } }));
            } catch (caught) {
              const refused = refusal(caught, ['reason']);
              if (!refused.field) throw caught;
              setReasonError(refused.message);
              return;
            }
            setAsking(false);
            onDeclined();
          }}
        >
          <p>
            Nobody can sign version {number} once you decline it. Everyone on the proposal is told why, and drafting
            goes on towards the next version.
          </p>
          <TextAreaField
            id={`${id}-reason`}
            label="Why do you decline?"
            data-testid="decline-reason"
            required
            rows={3}
            maxLength={CONTRACT_LIMITS.declineReasonMaxLength}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            error={reasonError}
            hint={`${reason.length}/${CONTRACT_LIMITS.declineReasonMaxLength} characters.`}
          />
        </ConfirmDialog>
      )}
    </>
  );
}
