import './manage.css';
import { useState } from 'react';
import { useMutation } from 'urql';
import { Link, useNavigate } from '@tanstack/react-router';
import { dataOrThrow, errorMessage } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { ArchiveProposalMutation, DeleteProposalMutation, UnarchiveProposalMutation } from '../operations/manage';
import { ConfirmDialog } from './ConfirmDialog';

/**
 * A client's proposal actions: its webhook settings, archive (or restore from the archive)
 * and delete a draft.
 * The server refuses to delete a proposal with frozen versions, and says so. That the
 * proposal is archived is said to everyone on the page (`ArchivedNote`).
 */
export function ProposalActions({
  proposalId,
  title,
  archived,
}: {
  proposalId: string;
  title: string;
  archived: boolean;
}) {
  const [deleting, setDeleting] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [, archive] = useMutation(ArchiveProposalMutation);
  const [, unarchive] = useMutation(UnarchiveProposalMutation);
  const [, remove] = useMutation(DeleteProposalMutation);
  const navigate = useNavigate();

  async function toggleArchive() {
    setBusy(true);
    setError(null);
    try {
      if (archived) dataOrThrow(await unarchive({ proposalId }));
      else dataOrThrow(await archive({ proposalId }));
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="proposal-actions" data-testid="proposal-actions">
      <Link
        to="/proposals/$id/webhooks"
        params={{ id: proposalId }}
        className="button button-secondary button-small"
        data-testid="webhooks-link"
      >
        Webhooks
      </Link>
      <button
        type="button"
        className="button button-secondary button-small"
        onClick={() => void toggleArchive()}
        disabled={busy}
      >
        {archived ? 'Restore from archive' : 'Archive'}
      </button>
      <button
        type="button"
        className="button button-secondary button-small"
        onClick={() => setDeleting(true)}
        disabled={busy}
      >
        Delete draft
      </button>
      <ErrorAlert message={error} />
      {deleting && (
        <ConfirmDialog
          title={`Delete “${title}”?`}
          confirmLabel="Delete draft"
          busyLabel="Deleting…"
          danger
          testId="delete-proposal-dialog"
          onClose={() => setDeleting(false)}
          onConfirm={async () => {
            dataOrThrow(await remove({ proposalId }));
            await navigate({ to: '/' });
          }}
        >
          <p>
            The brief, its participants, comments and suggestions are deleted for everyone, and their open pages close.
            This cannot be undone. A proposal with frozen versions cannot be deleted: archive it instead.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
