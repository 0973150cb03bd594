import { type FormEvent, useId, useState } from 'react';
import type { FieldSpec } from '@brieflock/schema';
import { errorMessage } from '../api';
import { enumLabel } from '../editor/labels';
import { useSuggesting } from './SuggestingContext';
import { firstName, proposedInWords, type Suggestion, useSuggestionActions } from './useSuggestions';
import './suggestions.css';

interface FieldSuggestionsProps {
  section: string;
  /** The list item's id; undefined for a field of a map section, null for an item without one. */
  itemId: string | null | undefined;
  field: FieldSpec;
  /** What the field is called for screen readers ("Milestone 2 due date"). */
  label: string;
}

/**
 * Beside one structured field: the open suggestions on it ("Finn suggests: Shared —
 * Accept / Reject", or "You suggest … — Withdraw") and, in Suggesting mode, a control
 * to suggest a value instead of writing it.
 */
export function FieldSuggestions({ section, itemId, field, label }: FieldSuggestionsProps) {
  const state = useSuggesting();
  if (!state) return null;
  const here = state.open.filter(
    (suggestion) =>
      suggestion.kind === 'FIELD' &&
      suggestion.section === section &&
      suggestion.field === field.key &&
      (suggestion.itemId ?? null) === (itemId ?? null),
  );
  // An item some other client wrote without an id cannot be named in a suggestion.
  const canSuggest = state.canEdit && state.suggesting && itemId !== null;
  if (here.length === 0 && !canSuggest) return null;
  return (
    <div className="field-suggestions">
      {here.map((suggestion) => (
        <FieldSuggestionRow key={suggestion.id} suggestion={suggestion} label={label} />
      ))}
      {canSuggest && <SuggestValue section={section} itemId={itemId} field={field} label={label} />}
    </div>
  );
}

function FieldSuggestionRow({ suggestion, label }: { suggestion: Suggestion; label: string }) {
  const state = useSuggesting()!;
  const actions = useSuggestionActions(state.proposalId);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const mine = suggestion.author.id === state.userId;
  const run = (action: () => Promise<void>) => async () => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
    }
  };
  const value = proposedInWords(suggestion);
  return (
    <div className="field-suggestion" data-testid="field-suggestion" data-suggestion-id={suggestion.id}>
      <span className="field-suggestion-text">
        {mine ? 'You suggest' : `${firstName(suggestion.author)} suggests`}: <strong>{value}</strong>
      </span>
      {state.canEdit && (
        <span className="field-suggestion-actions">
          {mine ? (
            <button
              type="button"
              className="button button-small button-secondary"
              disabled={busy}
              onClick={run(() => actions.withdraw(suggestion.id))}
              aria-label={`Withdraw your suggestion for ${label}`}
            >
              Withdraw
            </button>
          ) : (
            <>
              <button
                type="button"
                className="button button-small button-primary"
                disabled={busy}
                onClick={run(() => actions.accept(suggestion.id))}
                aria-label={`Accept ${value} for ${label}`}
              >
                Accept
              </button>
              <button
                type="button"
                className="button button-small button-secondary"
                disabled={busy}
                onClick={run(() => actions.reject(suggestion.id))}
                aria-label={`Reject ${value} for ${label}`}
              >
                Reject
              </button>
            </>
          )}
        </span>
      )}
      {error && (
        <p className="field-note" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function SuggestValue({ section, itemId, field, label }: Omit<FieldSuggestionsProps, 'label'> & { label: string }) {
  const state = useSuggesting()!;
  const actions = useSuggestionActions(state.proposalId);
  const id = useId();
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await actions.suggest({ section, itemId: itemId ?? null, field: field.key, value: value === '' ? null : value });
      setValue('');
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  }
  const common = {
    id,
    value,
    disabled: busy,
    'aria-label': `Suggest ${label}`,
    className: 'brief-input suggest-input',
    onChange: (event: { currentTarget: { value: string } }) => setValue(event.currentTarget.value),
  };
  return (
    <form className="suggest-value" onSubmit={submit}>
      {field.type === 'enum' ? (
        <select {...common}>
          <option value="">—</option>
          {(field.values ?? []).map((option) => (
            <option key={option} value={option}>
              {enumLabel(option)}
            </option>
          ))}
        </select>
      ) : field.type === 'date' ? (
        <input type="date" {...common} />
      ) : field.type === 'integer' ? (
        <input type="number" min={0} step={1} inputMode="numeric" {...common} />
      ) : (
        <input type="text" autoComplete="off" {...common} />
      )}
      <button type="submit" className="button button-small button-secondary" disabled={busy}>
        Suggest
      </button>
      {error && (
        <p className="field-note" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
