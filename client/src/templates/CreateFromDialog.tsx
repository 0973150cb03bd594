import { useId, useRef, useState, type SubmitEvent } from 'react';
import { BRIEF_SECTIONS, LIMITS } from '@brieflock/schema';
import { useMutation } from 'urql';
import { useNavigate } from '@tanstack/react-router';
import { dataOrThrow, errorMessage } from '../api';
import { Dialog } from '../components/Dialog';
import { ErrorAlert } from '../components/ErrorAlert';
import { TextField } from '../components/TextField';
import { CreateProposalFromMutation } from '../operations/templates';
import { SectionPicker } from './SectionPicker';

type Source = { templateKey: string } | { proposalId: string };

interface CreateFromDialogProps {
  source: Source;
  heading: string;
  initialTitle: string;
  onClose: () => void;
}

/** Picks a title and the sections to copy, creates the proposal and opens it. */
export function CreateFromDialog({ source, heading, initialTitle, onClose }: CreateFromDialogProps) {
  const id = useId();
  const [title, setTitle] = useState(initialTitle);
  const [sections, setSections] = useState<string[]>(BRIEF_SECTIONS.map((s) => s.key));
  const [titleError, setTitleError] = useState<string | null>(null);
  const [sectionsError, setSectionsError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const titleRef = useRef<HTMLInputElement>(null);
  const [, execute] = useMutation(CreateProposalFromMutation);
  const navigate = useNavigate();

  const onSubmit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    const trimmed = title.trim();
    setTitleError(trimmed ? null : 'Enter a title for the proposal.');
    setSectionsError(sections.length > 0 ? null : 'Choose at least one section.');
    if (!trimmed) {
      titleRef.current?.focus();
      return;
    }
    if (sections.length === 0) return;
    setPending(true);
    setError(null);
    try {
      const data = dataOrThrow(await execute({ input: { ...source, title: trimmed, sections } }));
      await navigate({ to: '/proposals/$id', params: { id: data.createProposalFrom.id } });
    } catch (caught) {
      setError(errorMessage(caught));
      setPending(false);
    }
  };

  return (
    <Dialog labelledBy={`${id}-heading`} testId="create-from-dialog" busy={pending} onClose={onClose}>
      <h2 id={`${id}-heading`} className="dialog-title">
        {heading}
      </h2>
      <form className="stack" onSubmit={onSubmit} noValidate>
        <ErrorAlert message={error} />
        <TextField
          ref={titleRef}
          id={`${id}-title`}
          label="Proposal title"
          name="title"
          required
          maxLength={LIMITS.proposalTitleMaxLength}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          error={titleError}
        />
        <SectionPicker idPrefix={id} selected={sections} onChange={setSections} error={sectionsError} />
        <div className="dialog-actions">
          <button type="button" className="button button-secondary" onClick={onClose} disabled={pending}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={pending} aria-busy={pending}>
            Create proposal
          </button>
        </div>
      </form>
    </Dialog>
  );
}
