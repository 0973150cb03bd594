import { type ReactNode, useEffect, useRef } from 'react';
import type { ParticipantRole, Readiness } from '@brieflock/schema';
import type { CollabSession, CollabStatus } from '../collab/session';
import { BackLink } from '../components/BackLink';
import { DateTime } from '../components/DateTime';
import { LiveStatus } from '../contract/ContractStatus';
import type { EventsConnection } from '../contract/events';
import { FreezeButton } from '../contract/FreezeControl';
import type { VersionSummary } from '../contract/useVersions';
import { ReadinessPill } from '../editor/BriefEditor';
import { PresenceBar } from '../editor/PresenceBar';
import { RoleBadge } from '../participants/RoleBadge';
import { ProposalTitle } from '../manage/ProposalTitle';
import { OUTLINE_ID, SIDE_PANEL_ID, useWorkspaceSheets } from './sheets';

export interface WorkspaceHeaderProps {
  proposalId: string;
  title: string;
  /** Archived by a client: said beside the role, to everyone. */
  archived: boolean;
  myRole: ParticipantRole;
  createdAt: string;
  participantCount: number;
  session: CollabSession;
  status: CollabStatus;
  readOnly: boolean;
  /** Null until the live brief is shown. */
  readiness: Readiness | null;
  connection: EventsConnection;
  /** "Waiting for Grace to sign version 3" and the like. */
  contractStatus: string;
  onRefreshVersions: () => void;
  canFreeze: boolean;
  nextNumber: number;
  signable: VersionSummary | null;
  onFreeze: () => void;
  onSign: (version: VersionSummary) => void;
  onOpenParticipants: () => void;
  /** More proposal actions (rename, archive, notifications), placed before the primary action. */
  actions?: ReactNode;
}

/**
 * The proposal's sticky header: title, where the brief and contract stand (save state,
 * people, live updates, version status) and the actions — Freeze, or Sign when a version
 * waits for this person. Its height is published as --ws-header-h so that the columns
 * and jump targets below it stay clear of it.
 */
export function WorkspaceHeader(props: WorkspaceHeaderProps) {
  const { readiness, signable, canFreeze } = props;
  const sheets = useWorkspaceSheets();
  const ref = useRef<HTMLElement>(null);

  useEffect(() => {
    const header = ref.current;
    const root = header?.closest<HTMLElement>('.workspace');
    if (!header || !root || typeof ResizeObserver === 'undefined') return;
    const publish = () => root.style.setProperty('--ws-header-h', `${Math.ceil(header.offsetHeight)}px`);
    publish();
    const observer = new ResizeObserver(publish);
    observer.observe(header);
    return () => observer.disconnect();
  }, []);

  const showBlockers = () => sheets.showPanel('readiness');

  return (
    <header ref={ref} className="ws-header" data-testid="proposal-header">
      <div className="ws-header-title">
        <BackLink link={{ to: '/' }}>Proposals</BackLink>
        <ProposalTitle proposalId={props.proposalId} title={props.title} canRename={props.myRole === 'CLIENT'} />
        <p className="ws-meta">
          <RoleBadge role={props.myRole} />
          {props.archived && (
            <span className="badge" data-testid="archived-badge">
              Archived
            </span>
          )}
          <span className="ws-contract-status" data-testid="contract-status">
            {props.contractStatus}
          </span>
          <span className="ws-created">
            Created <DateTime iso={props.createdAt} />
          </span>
        </p>
      </div>
      <div className="ws-header-status">
        <PresenceBar session={props.session} status={props.status} readOnly={props.readOnly} />
        <LiveStatus connection={props.connection} onRefresh={props.onRefreshVersions} />
      </div>
      {/* biome-ignore lint/a11y/useSemanticElements: a row of actions, not a form's fieldset */}
      <div className="ws-header-actions" role="group" aria-label="Proposal actions">
        <button
          type="button"
          className="button button-secondary button-small ws-outline-toggle"
          aria-controls={OUTLINE_ID}
          aria-expanded={sheets.sheet === 'outline'}
          data-testid="outline-toggle"
          onClick={sheets.openOutline}
        >
          Outline
        </button>
        {readiness && (
          <ReadinessPill readiness={readiness} controls={SIDE_PANEL_ID} onShow={() => sheets.showPanel('readiness')} />
        )}
        <button
          type="button"
          className="button button-secondary button-small"
          data-testid="participants-button"
          onClick={props.onOpenParticipants}
        >
          People <span className="count">({props.participantCount})</span>
        </button>
        {props.actions}
        {signable ? (
          <button
            type="button"
            className="button button-primary"
            data-testid="header-sign-button"
            onClick={() => props.onSign(signable)}
          >
            Sign v{signable.number}
            <span className="visually-hidden"> (version {signable.number})</span>
          </button>
        ) : null}
        {canFreeze && (
          <FreezeButton
            readiness={readiness}
            nextNumber={props.nextNumber}
            onFreeze={props.onFreeze}
            onShowBlockers={showBlockers}
            primary={!signable}
          />
        )}
      </div>
    </header>
  );
}
