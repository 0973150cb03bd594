import './manage.css';
import { useId, useRef, useState, type SubmitEvent } from 'react';
import { useMutation } from 'urql';
import { LIMITS } from '@brieflock/schema';
import { dataOrThrow, errorMessage } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageHeading } from '../components/PageHeading';
import { RenameProposalMutation } from '../operations/manage';

/**
 * The proposal's title as the page heading; a client renames it in place (Enter saves,
 * Escape cancels). Others see the heading only.
 */
export function ProposalTitle({
  proposalId,
  title,
  canRename,
}: {
  proposalId: string;
  title: string;
  canRename: boolean;
}) {
  const id = useId();
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(title);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [, execute] = useMutation(RenameProposalMutation);
  const button = useRef<HTMLButtonElement>(null);

  const stop = () => {
    setEditing(false);
    setError(null);
    queueMicrotask(() => button.current?.focus());
  };

  async function save(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmed = value.trim();
    if (trimmed === title) return stop();
    if (!trimmed) return setError('Enter a title for the proposal.');
    setBusy(true);
    setError(null);
    try {
      // The answer carries the new title: graphcache updates every place showing it.
      dataOrThrow(await execute({ input: { proposalId, title: trimmed } }));
      stop();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  }

  if (!editing) {
    return (
      <div className="proposal-title-row">
        <PageHeading className="proposal-title ws-title">{title}</PageHeading>
        {canRename && (
          <button
            ref={button}
            type="button"
            className="button button-secondary button-small"
            onClick={() => {
              setValue(title);
              setEditing(true);
            }}
          >
            Rename
          </button>
        )}
      </div>
    );
  }
  return (
    <form className="inline-form proposal-rename" onSubmit={save} aria-label="Rename the proposal">
      <label htmlFor={`${id}-title`} className="visually-hidden">
        Proposal title
      </label>
      <input
        id={`${id}-title`}
        className="input field-grow"
        // biome-ignore lint/a11y/noAutofocus: the person just asked to edit this very field
        autoFocus
        maxLength={LIMITS.proposalTitleMaxLength}
        value={value}
        onChange={(event) => setValue(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') stop();
        }}
        aria-invalid={error !== null}
      />
      <button type="submit" className="button button-primary button-small" disabled={busy} aria-busy={busy}>
        Save
      </button>
      <button type="button" className="button button-secondary button-small" onClick={stop} disabled={busy}>
        Cancel
      </button>
      <ErrorAlert message={error} />
    </form>
  );
}
