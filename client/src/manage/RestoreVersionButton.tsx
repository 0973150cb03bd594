import { useState } from 'react';
import { useMutation } from 'urql';
import { dataOrThrow } from '../api';
import { RestoreVersionMutation } from '../operations/manage';
import { ConfirmDialog } from './ConfirmDialog';

/**
 * "Restore this version" on a version's page (clients and freelancers): after asking,
 * the live draft becomes this version's content for everyone, as one change.
 */
export function RestoreVersionButton({
  versionId,
  number,
  onRestored,
}: {
  versionId: string;
  number: number;
  onRestored: () => void;
}) {
  const [asking, setAsking] = useState(false);
  const [, restore] = useMutation(RestoreVersionMutation);
  return (
    <>
      <button
        type="button"
        className="button button-secondary"
        data-testid="restore-version"
        onClick={() => setAsking(true)}
      >
        Restore this version
      </button>
      {asking && (
        <ConfirmDialog
          title={`Restore version ${number} into the draft?`}
          confirmLabel="Restore"
          busyLabel="Restoring…"
          testId="restore-version-dialog"
          onClose={() => setAsking(false)}
          onConfirm={async () => {
            dataOrThrow(await restore({ versionId }));
            setAsking(false);
            onRestored();
          }}
        >
          <p>
            The live brief becomes what version {number} says, for everyone editing it, in one change. Frozen versions
            stay as they are, and the restore is recorded in the contract's audit trail.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
