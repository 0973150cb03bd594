import { failingBlockers, type Readiness } from '@brieflock/schema';
import { plural } from '../plural';

export const FREEZE_HINT_ID = 'freeze-hint';

/** What the freeze button waits for, in words: read out with the button and shown beside it. */
export function freezeHint(readiness: Readiness | null): string {
  if (!readiness) return 'Waiting for the live brief…';
  const blockers = failingBlockers(readiness).length;
  return blockers > 0 ? `${plural(blockers, 'check blocks', 'checks block')} freezing` : 'Ready to freeze';
}

/**
 * The header's freeze button. It stays focusable while blockers fail (aria-disabled, not
 * disabled) so that everyone can reach it and learn why; pressing it then shows the
 * blocking checks instead of freezing.
 */
export function FreezeButton({
  readiness,
  nextNumber,
  onFreeze,
  onShowBlockers,
  primary = true,
}: {
  readiness: Readiness | null;
  nextNumber: number;
  onFreeze: () => void;
  onShowBlockers: () => void;
  /** Secondary while another action (Sign) is what this person should do next. */
  primary?: boolean;
}) {
  const enabled = readiness !== null && failingBlockers(readiness).length === 0;
  const hint = freezeHint(readiness);
  return (
    <div className="freeze-control" data-ready={String(enabled)}>
      <button
        type="button"
        className={primary ? 'button button-primary' : 'button button-secondary'}
        data-testid="freeze-button"
        aria-disabled={!enabled}
        aria-describedby={FREEZE_HINT_ID}
        onClick={() => (enabled ? onFreeze() : readiness && onShowBlockers())}
      >
        Freeze v{nextNumber}
        <span className="visually-hidden"> (version {nextNumber})</span>
      </button>
      <span id={FREEZE_HINT_ID} className="freeze-hint" data-testid="freeze-hint">
        {hint}
      </span>
    </div>
  );
}
