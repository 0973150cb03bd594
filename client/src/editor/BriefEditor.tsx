import { useEffect, useMemo } from 'react';
import {
  CloseCode,
  canEditWithRole,
  colorForUser,
  type ParticipantRole,
  type PresenceUser,
  type Readiness,
} from '@brieflock/schema';
import { useAuth, useCurrentUser } from '../auth';
import { useCollabSession, useCollabStatus, useReadiness } from '../collab/hooks';
import type { CollabSession, CollabStatus } from '../collab/session';
import { Link } from '@tanstack/react-router';
import { Spinner } from '../components/Spinner';
import { ListSection } from './ListSection';
import { MapSection } from './MapSection';
import { PresenceBar } from './PresenceBar';
import { READINESS_PANEL_ID, ReadinessPanel, verdict } from './ReadinessPanel';
import { RichTextSection } from './RichTextSection';
import { SectionFrame } from './SectionFrame';
import { SectionNav } from './SectionNav';
import { SECTIONS, focusSection, sectionHealth } from './labels';
import { CommentsContext, type CommentsScope } from '../comments/editor-bindings';
import { useReadinessFacts } from './readiness-facts';
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

interface BriefEditorProps {
  proposalId: string;
  myRole: ParticipantRole;
  /** Called with the live checks as they change; null while the brief is not shown. */
  onLiveBrief?: (report: LiveBriefReport | null) => void;
}

/** The live, shared brief of one proposal (lazy-loaded: Tiptap and Yjs stay out of the first bundle). */
export default function BriefEditor({ proposalId, myRole, onLiveBrief }: BriefEditorProps) {
  const user = useCurrentUser();
  const self = useMemo<PresenceUser>(
    () => ({ id: user.id, name: user.name.trim() || user.email, color: colorForUser(user.id), role: myRole }),
    [user.id, user.name, user.email, myRole],
  );
  const session = useCollabSession(proposalId, self);
  return (
    <section className="section brief" aria-labelledby="brief-heading">
      {session ? (
        <LiveBrief session={session} proposalId={proposalId} myRole={myRole} onLiveBrief={onLiveBrief} />
      ) : (
        <>
          <h2 id="brief-heading" className="section-title">
            The brief
          </h2>
          <Spinner label="Opening the brief…" />
        </>
      )}
    </section>
  );
}

function focusReadiness(): void {
  const panel = document.getElementById(READINESS_PANEL_ID);
  panel?.scrollIntoView({ block: 'start' });
  panel?.focus({ preventScroll: true });
}

function ReadinessPill({ readiness }: { readiness: Readiness }) {
  return (
    <button
      type="button"
      className={readiness.ready ? 'readiness-pill is-ready' : 'readiness-pill is-blocked'}
      onClick={focusReadiness}
      data-testid="readiness-pill"
    >
      <span className="readiness-pill-score">{readiness.score}/100</span>
      <span>{verdict(readiness)}</span>
      <span className="visually-hidden">. Show the readiness checks.</span>
    </button>
  );
}

function ConnectionAlerts({ session, status }: { session: CollabSession; status: CollabStatus }) {
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

function LiveBrief({
  session,
  proposalId,
  myRole,
  onLiveBrief,
}: {
  session: CollabSession;
  proposalId: string;
  myRole: ParticipantRole;
  onLiveBrief?: (report: LiveBriefReport | null) => void;
}) {
  const status = useCollabStatus(session);
  const readiness = useReadiness(session.doc, useReadinessFacts(proposalId));
  const canEdit = canEditWithRole(myRole);
  const comments = useMemo<CommentsScope>(() => ({ proposalId, canComment: canEdit }), [proposalId, canEdit]);
  const readOnly = !canEdit;
  // Refused for good (no access, removed, gone): whatever this device still holds is not shown.
  const hidden = status.refusal?.blocksEditing === true;

  const shown = status.ready && !hidden;
  const report = useMemo<LiveBriefReport | null>(
    () => (shown ? { readiness, synced: status.synced, saved: status.saved } : null),
    [shown, readiness, status.synced, status.saved],
  );
  useEffect(() => {
    onLiveBrief?.(report);
  }, [onLiveBrief, report]);
  useEffect(() => () => onLiveBrief?.(null), [onLiveBrief]);

  return (
    <CommentsContext.Provider value={comments}>
      <div className="brief-header">
        <h2 id="brief-heading" className="section-title">
          The brief
        </h2>
        <div className="brief-header-tools">
          <ReadinessPill readiness={readiness} />
          <PresenceBar session={session} status={status} readOnly={readOnly} />
        </div>
      </div>

      {!canEdit && (
        <p className="note brief-note" data-testid="viewer-note">
          You are a viewer: you see the brief live as the others write it, but you cannot change it.
        </p>
      )}
      <ConnectionAlerts session={session} status={status} />

      {hidden ? null : !status.ready ? (
        <Spinner label="Loading the brief…" />
      ) : (
        <>
          <SectionNav readiness={readiness} onSelect={focusSection} />
          <div className="brief-layout" data-readonly={String(readOnly)}>
            <div className="brief-sections">
              {SECTIONS.map((section, index) => (
                <SectionFrame
                  key={section.key}
                  section={section}
                  number={index + 1}
                  health={sectionHealth(readiness, section.key)}
                >
                  {section.kind === 'richText' ? (
                    <RichTextSection section={section} session={session} readOnly={readOnly} />
                  ) : section.kind === 'list' ? (
                    <ListSection section={section} doc={session.doc} readOnly={readOnly} />
                  ) : (
                    <MapSection section={section} doc={session.doc} readOnly={readOnly} />
                  )}
                </SectionFrame>
              ))}
            </div>
            <div className="brief-aside">
              <ReadinessPanel readiness={readiness} onSelectSection={focusSection} />
            </div>
          </div>
        </>
      )}
    </CommentsContext.Provider>
  );
}
