/** The "Show" / "Hide" button inside a password field, for checking what was typed. */
export function ShowPasswordButton({
  shown,
  onToggle,
  controls,
}: {
  shown: boolean;
  onToggle: () => void;
  /** The id of the password input it reveals. */
  controls: string;
}) {
  return (
    <button
      type="button"
      className="button button-ghost button-small"
      aria-label={shown ? 'Hide password' : 'Show password'}
      aria-controls={controls}
      onClick={onToggle}
    >
      {shown ? 'Hide' : 'Show'}
    </button>
  );
}
