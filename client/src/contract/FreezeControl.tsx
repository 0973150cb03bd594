import { failingBlockers, type Readiness } from '@brieflock/schema';
import { focusSection, sectionTitle } from '../editor/labels';

export const FREEZE_BLOCKERS_ID = 'freeze-blockers';

/**
 * The freeze button, enabled only while the live brief passes every BLOCKER check (the
 * same shared checks the server applies), with what still blocks it listed beside it.
 */
export function FreezeControl({ readiness, onFreeze }: { readiness: Readiness | null; onFreeze: () => void }) {
  const keys = readiness ? failingBlockers(readiness) : [];
  const blockers = readiness ? readiness.checks.filter((check) => keys.includes(check.key)) : [];
  const enabled = readiness !== null && blockers.length === 0;
  return (
    <div className="freeze-control card">
      <button
        type="button"
        className="button button-primary"
        data-testid="freeze-button"
        disabled={!enabled}
        aria-describedby={readiness ? FREEZE_BLOCKERS_ID : undefined}
        onClick={onFreeze}
      >
        Freeze version
      </button>
      {readiness === null ? (
        <p className="hint" data-testid="freeze-waiting">
          Waiting for the live brief…
        </p>
      ) : blockers.length > 0 ? (
        <div id={FREEZE_BLOCKERS_ID} className="freeze-blockers" data-testid="freeze-blockers">
          <p className="freeze-blockers-title">
            {blockers.length === 1 ? 'One blocker stops a freeze:' : `${blockers.length} blockers stop a freeze:`}
          </p>
          <ul className="blocker-list">
            {blockers.map((check) => (
              <li key={check.key} data-check={check.key}>
                <button type="button" className="link-button" onClick={() => focusSection(check.section)}>
                  {check.message}
                  <span className="visually-hidden"> Go to {sectionTitle(check.section)}.</span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p id={FREEZE_BLOCKERS_ID} className="hint freeze-ready" data-testid="freeze-ready">
          Every blocker passes: the brief can be frozen.
        </p>
      )}
    </div>
  );
}
