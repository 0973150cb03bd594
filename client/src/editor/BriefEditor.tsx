import { memo } from 'react';
import { CloseCode, type Readiness } from '@brieflock/schema';
import { useAuth } from '../auth';
import type { CollabSession, CollabStatus } from '../collab/session';
import { Link } from '@tanstack/react-router';
import { ListSection } from './ListSection';
import { MapSection } from './MapSection';
import { FieldPresenceContext } from './field-presence';
import { verdict } from './ReadinessPanel';
import { TrialSection } from './TrialSection';
import { RichTextSection } from './RichTextSection';
import { SectionFrame } from './SectionFrame';
import { SECTIONS, sectionHealth } from './labels';
import './editor.css';
import './readiness.css';
import './sections.css';
import './fields.css';
import '../comments/comments.css';

/** What the page around the editor may know of the live brief (e.g. to offer a freeze). */
export interface LiveBriefReport {
  readiness: Readiness;
  /** Connected, and the first exchange with the server finished. */
  synced: boolean;
  /** Everything this device wrote is durable on the server. */
  saved: boolean;
}

/** The readiness score and verdict as a button that shows the checks. */
export function ReadinessPill({
  readiness,
  controls,
  onShow,
}: {
  readiness: Readiness;
  /** Id of the panel it shows. */
  controls: string;
  onShow: () => void;
}) {
  return (
    <button
      type="button"
      className={readiness.ready ? 'readiness-pill is-ready' : 'readiness-pill is-blocked'}
      onClick={onShow}
      aria-controls={controls}
      data-testid="readiness-pill"
    >
      <span className="readiness-pill-score">{readiness.score}/100</span>
      <span>{verdict(readiness)}</span>
      <span className="visually-hidden">. Show the readiness checks.</span>
    </button>
  );
}

/** Why the brief is not live (refused, or the connection is down), with what to do about it. */
export function ConnectionAlerts({ session, status }: { session: CollabSession; status: CollabStatus }) {
  const { refresh } = useAuth();
  const { refusal, problem } = status;
  if (refusal) {
    return (
      <div className="alert alert-error brief-alert" role="alert" data-close-code={refusal.code}>
        <div className="stack-tight">
          <p className="alert-title">{refusal.title}</p>
          <p>{refusal.message}</p>
          <div className="alert-actions">
            {refusal.code === CloseCode.UNAUTHENTICATED && (
              <button type="button" className="button button-primary button-small" onClick={refresh}>
                Sign in again
              </button>
            )}
            {!refusal.forgetLocalCopy ? (
              <button type="button" className="button button-secondary button-small" onClick={() => session.retry()}>
                Try again
              </button>
            ) : (
              <Link to="/" className="button button-secondary button-small">
                Back to proposals
              </Link>
            )}
          </div>
        </div>
      </div>
    );
  }
  if (problem && status.connection !== 'connected') {
    return (
      <div className="alert alert-warning brief-alert" role="status" data-close-code={problem.code}>
        <div className="stack-tight">
          <p className="alert-title">{problem.title}</p>
          <p>{problem.message}</p>
        </div>
      </div>
    );
  }
  return null;
}

/**
 * Every section of the live brief, in order, as one document. Memoised: the page around
 * it re-renders on events and toasts, the sections only when readiness or access changes.
 */
export const BriefSections = memo(function BriefSections({
  session,
  readiness,
  readOnly,
  suggesting = false,
}: {
  session: CollabSession;
  readiness: Readiness;
  readOnly: boolean;
  /** Suggesting mode: edits become suggestions (see suggestions/). */
  suggesting?: boolean;
}) {
  return (
    <FieldPresenceContext.Provider value={session}>
      <div className="brief-sections" data-readonly={String(readOnly)}>
        {SECTIONS.map((section, index) => (
          <SectionFrame
            key={section.key}
            section={section}
            number={index + 1}
            health={sectionHealth(readiness, section.key)}
          >
            {section.kind === 'richText' ? (
              <>
                <RichTextSection section={section} session={session} readOnly={readOnly} suggesting={suggesting} />
                {section.key === 'validation' && <TrialSection doc={session.doc} readOnly={readOnly || suggesting} />}
              </>
            ) : section.kind === 'list' ? (
              // Suggesting: fields take suggested values (FieldSuggestions) instead of changing.
              <ListSection section={section} doc={session.doc} readOnly={readOnly || suggesting} />
            ) : (
              <MapSection section={section} doc={session.doc} readOnly={readOnly || suggesting} />
            )}
          </SectionFrame>
        ))}
      </div>
    </FieldPresenceContext.Provider>
  );
});
