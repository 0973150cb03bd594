import { useId, useRef, useState, type SubmitEvent } from 'react';
import { BRIEF_SECTIONS, LIMITS } from '@brieflock/schema';
import { useMutation } from 'urql';
import { useNavigate } from '@tanstack/react-router';
import { dataOrThrow, errorMessage } from '../api';
import { Dialog } from '../components/Dialog';
import { ErrorAlert } from '../components/ErrorAlert';
import { SelectField } from '../components/SelectField';
import { TextField } from '../components/TextField';
import { CreateProposalFromMutation } from '../operations/templates';
import { SectionPicker } from './SectionPicker';

export type Source = { templateKey: string } | { proposalId: string };

/** One thing the new proposal may start from, in a group of the "Start from" list. */
export interface SourceChoice {
  group: string;
  label: string;
  source: Source;
}

interface CreateFromDialogProps {
  source: Source;
  /** Offered in a "Start from" list (`source` is chosen at first); none: `source` only. */
  choices?: readonly SourceChoice[];
  /** Addresses invited as FREELANCER in the same step. */
  invite?: readonly string[];
  heading: string;
  initialTitle: string;
  onClose: () => void;
}

const keyOf = (source: Source) =>
  'templateKey' in source ? `template:${source.templateKey}` : `proposal:${source.proposalId}`;

/** Picks a title and the sections to copy, creates the proposal (inviting `invite`) and opens it. */
export function CreateFromDialog({
  source: initialSource,
  choices = [],
  invite,
  heading,
  initialTitle,
  onClose,
}: CreateFromDialogProps) {
  const id = useId();
  const [source, setSource] = useState<Source>(initialSource);
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
      const data = dataOrThrow(
        await execute({ input: { ...source, title: trimmed, sections, ...(invite ? { invite: [...invite] } : {}) } }),
      );
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
        {choices.length > 0 && (
          <SelectField
            id={`${id}-source`}
            label="Start from"
            value={keyOf(source)}
            onChange={(e) => {
              const chosen = choices.find((choice) => keyOf(choice.source) === e.target.value);
              if (chosen) setSource(chosen.source);
            }}
          >
            {[...new Set(choices.map((choice) => choice.group))].map((group) => (
              <optgroup key={group} label={group}>
                {choices
                  .filter((choice) => choice.group === group)
                  .map((choice) => (
                    <option key={keyOf(choice.source)} value={keyOf(choice.source)}>
                      {choice.label}
                    </option>
                  ))}
              </optgroup>
            ))}
          </SelectField>
        )}
        {invite && invite.length > 0 && (
          <p className="hint" data-testid="create-from-invite">
            {invite.join(', ')} will be invited as freelancer.
          </p>
        )}
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
