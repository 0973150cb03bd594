import type { CSSProperties } from 'react';
import type { CheckResult, Readiness } from '@brieflock/schema';
import { plural } from '../plural';
import { SEVERITY_LABELS, orderedChecks, sectionTitle } from './labels';

export const READINESS_PANEL_ID = 'brief-readiness';

function CheckIcon({ check }: { check: CheckResult }) {
  if (check.passed) {
    return (
      <svg className="check-icon check-icon-passed" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
        <circle cx="8" cy="8" r="7" />
        <path d="M4.8 8.3 7 10.4l4.2-4.6" />
      </svg>
    );
  }
  return (
    <svg
      className={`check-icon check-icon-failed check-icon-${check.severity.toLowerCase()}`}
      viewBox="0 0 16 16"
      aria-hidden="true"
      focusable="false"
    >
      <circle cx="8" cy="8" r="7" />
      <path d="M5.5 5.5l5 5M10.5 5.5l-5 5" />
    </svg>
  );
}

export function verdict(readiness: Readiness): string {
  const blockers = readiness.checks.filter((check) => !check.passed && check.severity === 'BLOCKER').length;
  return readiness.ready ? 'Ready to freeze' : `${plural(blockers, 'blocker', 'blockers')} to resolve before freezing`;
}

function CheckButton({ check, onSelectSection }: { check: CheckResult; onSelectSection: (key: string) => void }) {
  return (
    <button
      type="button"
      className={check.passed ? 'check is-passed' : 'check is-failing'}
      data-check={check.key}
      data-passed={String(check.passed)}
      data-severity={check.severity}
      onClick={() => onSelectSection(check.section)}
    >
      <CheckIcon check={check} />
      <span className="check-body">
        {/* A passed check has nothing left to say about its severity: no badge, just a tick. */}
        {!check.passed && (
          <span className={`severity severity-${check.severity.toLowerCase()}`}>{SEVERITY_LABELS[check.severity]}</span>
        )}
        <span className="visually-hidden">{check.passed ? 'Passed: ' : ', failing: '}</span>
        <span className="check-message">{check.message}</span>
        <span className="check-section">
          <span className="visually-hidden">Go to </span>
          {sectionTitle(check.section)}
        </span>
      </span>
    </button>
  );
}

/**
 * The readiness checks a freeze will apply, live; each one leads to the section that fixes it.
 * Failing blockers come first and stand out (they stop a freeze), then the other failing
 * checks, then the passed ones as a quiet list of ticks.
 */
export function ReadinessPanel({
  readiness,
  onSelectSection,
}: {
  readiness: Readiness;
  onSelectSection: (key: string) => void;
}) {
  const ordered = orderedChecks(readiness.checks);
  const blockers = ordered.filter((check) => !check.passed && check.severity === 'BLOCKER');
  const advice = ordered.filter((check) => !check.passed && check.severity !== 'BLOCKER');
  const passed = ordered.filter((check) => check.passed);
  const failing = blockers.length + advice.length;
  return (
    <section
      id={READINESS_PANEL_ID}
      className="readiness"
      aria-labelledby={`${READINESS_PANEL_ID}-title`}
      data-testid="readiness"
      data-ready={String(readiness.ready)}
      data-score={readiness.score}
      tabIndex={-1}
    >
      <div className="readiness-head">
        <h3 id={`${READINESS_PANEL_ID}-title`} className="readiness-title">
          Readiness
        </h3>
        <p className="readiness-score">
          <span className="readiness-score-number" data-testid="readiness-score">
            {readiness.score}
          </span>
          <span className="readiness-score-max">/100</span>
          <span className="visually-hidden"> readiness score</span>
        </p>
      </div>
      <div className="score-bar" aria-hidden="true">
        <span style={{ '--score': `${readiness.score}%` } as CSSProperties} />
      </div>
      <p
        className={readiness.ready ? 'readiness-verdict is-ready' : 'readiness-verdict is-blocked'}
        data-testid="readiness-verdict"
        aria-live="polite"
        aria-atomic="true"
      >
        {verdict(readiness)}
      </p>
      <p className="readiness-summary">
        {failing === 0
          ? 'Every check passes.'
          : `${plural(failing, 'check needs', 'checks need')} attention. Select one to go to its section.`}
      </p>
      {blockers.length > 0 && (
        <div className="checks-group checks-blockers" data-testid="freeze-blockers">
          <h4 className="checks-group-title">{blockers.length === 1 ? 'Stops a freeze' : 'Stop a freeze'}</h4>
          <ul className="checks">
            {blockers.map((check) => (
              <li key={check.key}>
                <CheckButton check={check} onSelectSection={onSelectSection} />
              </li>
            ))}
          </ul>
        </div>
      )}
      {advice.length > 0 && (
        <div className="checks-group">
          <h4 className="checks-group-title">Worth a look</h4>
          <ul className="checks">
            {advice.map((check) => (
              <li key={check.key}>
                <CheckButton check={check} onSelectSection={onSelectSection} />
              </li>
            ))}
          </ul>
        </div>
      )}
      {passed.length > 0 && (
        <div className="checks-group checks-passed" data-testid="passed-checks">
          <h4 className="checks-group-title">{plural(passed.length, 'check passes', 'checks pass')}</h4>
          <ul className="checks">
            {passed.map((check) => (
              <li key={check.key}>
                <CheckButton check={check} onSelectSection={onSelectSection} />
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
