import { useId, useState, type ReactNode } from 'react';
import { errorMessage } from '../api';
import { Dialog } from '../components/Dialog';
import { ErrorAlert } from '../components/ErrorAlert';

/**
 * Asks before an action that cannot be taken back lightly; the action's refusal (a
 * sentence from the server) is shown in the dialog, which stays open.
 */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  busyLabel,
  danger = false,
  testId,
  onConfirm,
  onClose,
}: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  busyLabel: string;
  danger?: boolean;
  testId: string;
  /** Resolves when done (the caller then closes the dialog, or keeps it open to show a field's refusal); throws to show why not. */
  onConfirm: () => Promise<void>;
  onClose: () => void;
}) {
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      // The caller usually closes the dialog on success; when it keeps it open (a
      // refusal it shows beside its own field), the buttons work again.
      setBusy(false);
    }
  }
  return (
    <Dialog labelledBy={`${id}-title`} describedBy={`${id}-text`} testId={testId} busy={busy} onClose={onClose}>
      <div className="dialog-body">
        <h2 id={`${id}-title`} className="dialog-title">
          {title}
        </h2>
        <div id={`${id}-text`} className="dialog-text">
          {children}
        </div>
        <ErrorAlert message={error} />
        <div className="dialog-actions">
          <button type="button" className="button button-secondary" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button
            type="button"
            className={danger ? 'button button-danger' : 'button button-primary'}
            onClick={() => void confirm()}
            disabled={busy}
            aria-busy={busy}
          >
            {busy ? busyLabel : confirmLabel}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
