import { BRIEF_SECTIONS } from '@brieflock/schema';

interface SectionPickerProps {
  /** Keys of the checked sections. */
  selected: readonly string[];
  onChange: (selected: string[]) => void;
  /** Shown next to the group when nothing is checked. */
  error?: string | null;
  idPrefix: string;
}

/** The brief's sections as checkboxes, in layout order, for choosing which ones to copy. */
export function SectionPicker({ selected, onChange, error, idPrefix }: SectionPickerProps) {
  const errorId = `${idPrefix}-sections-error`;
  const toggle = (key: string, checked: boolean) =>
    onChange(BRIEF_SECTIONS.map((s) => s.key).filter((k) => (k === key ? checked : selected.includes(k))));
  return (
    <fieldset className="field" aria-describedby={error ? errorId : undefined} aria-invalid={error ? true : undefined}>
      <legend className="field-label">Sections to copy</legend>
      {BRIEF_SECTIONS.map((section) => (
        <div key={section.key} className="checkbox-row">
          <input
            type="checkbox"
            id={`${idPrefix}-${section.key}`}
            name="sections"
            value={section.key}
            checked={selected.includes(section.key)}
            onChange={(event) => toggle(section.key, event.target.checked)}
          />
          <label htmlFor={`${idPrefix}-${section.key}`}>{section.title}</label>
        </div>
      ))}
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
