import './suggestions.css';
/** The Suggesting switch above the brief, with what it does while on. */
export function SuggestingToggle({ on, onChange }: { on: boolean; onChange: (on: boolean) => void }) {
  return (
    <div className="suggesting-bar">
      <button
        type="button"
        className={on ? 'button button-small button-primary' : 'button button-small button-secondary'}
        aria-pressed={on}
        onClick={() => onChange(!on)}
        title="While on, your edits become suggestions the others accept or reject"
      >
        Suggesting
      </button>
      {on && (
        <p className="note suggesting-note" data-testid="suggesting-note">
          What you type or delete in the text is marked for the others to accept or reject; fields take a suggested
          value instead of changing.
        </p>
      )}
    </div>
  );
}
