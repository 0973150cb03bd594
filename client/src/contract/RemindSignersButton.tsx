import { useState } from 'react';
import { useMutation } from 'urql';
import { dataOrThrow, errorMessage } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { RemindSignersMutation } from '../operations/contract';
import { plural } from '../plural';

/**
 * "Remind pending signers" on a version awaiting signatures (clients only): e-mails and
 * notifies everyone still to sign but oneself. The server reminds each signer at most
 * once an hour, and says how many it reminded; the answer is announced next to the button.
 */
export function RemindSignersButton({ versionId, onReminded }: { versionId: string; onReminded: () => void }) {
  const [{ fetching }, remind] = useMutation(RemindSignersMutation);
  const [outcome, setOutcome] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="remind-signers">
      <button
        type="button"
        className="button button-secondary"
        data-testid="remind-signers"
        disabled={fetching}
        onClick={async () => {
          setOutcome(null);
          setError(null);
          try {
            const reminded = dataOrThrow(await remind({ versionId })).remindSigners;
            setOutcome(
              reminded > 0
                ? `Reminded ${plural(reminded, 'signer', 'signers')} by e-mail and in the app.`
                : 'Everyone still to sign was reminded less than an hour ago. Try again later.',
            );
            onReminded();
          } catch (caught) {
            setError(errorMessage(caught));
          }
        }}
      >
        {fetching ? 'Sending reminders…' : 'Remind pending signers'}
      </button>
      <p className="muted" role="status" data-testid="remind-signers-outcome">
        {outcome}
      </p>
      <ErrorAlert message={error} />
    </div>
  );
}
