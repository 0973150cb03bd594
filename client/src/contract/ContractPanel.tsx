import { useCallback, useRef, useState } from 'react';
import { canEditWithRole, type ParticipantRole } from '@brieflock/schema';
import { useCurrentUser } from '../auth';
import type { LiveBriefReport } from '../editor/BriefEditor';
import { SECTIONS, sectionTitle } from '../editor/labels';
import { DateTime } from '../components/DateTime';
import type { DraftActivity, EventsConnection } from './events';
import { FreezeControl } from './FreezeControl';
import { FreezeDialog } from './FreezeDialog';
import { actorName } from './labels';
import { SignDialog } from './SignDialog';
import { type VersionSummary, useVersions } from './useVersions';
import { VersionTimeline, versionHeadingId } from './VersionTimeline';
import './contract.css';

const CONNECTION_TEXT: Record<EventsConnection, string> = {
  connecting: 'Connecting live updates…',
  connected: 'Live updates on',
  reconnecting: 'Live updates interrupted; reconnecting…',
  offline: 'Offline — live updates paused',
  ended: 'Live updates stopped',
  failed: 'Live updates unavailable',
};

function LiveStatus({ connection, onRefresh }: { connection: EventsConnection; onRefresh: () => void }) {
  const down = connection === 'ended' || connection === 'failed';
  return (
    <p
      className={`live-status status-indicator live-status-${connection}`}
      data-testid="events-status"
      data-state={connection}
    >
      <span className="live-status-dot status-dot" aria-hidden="true" />
      <span>{CONNECTION_TEXT[connection]}</span>
      {down && (
        <button type="button" className="link-button" onClick={onRefresh}>
          Refresh versions
        </button>
      )}
    </p>
  );
}

/** The latest draft edit, quietly: no live region, since it changes while people type. */
function DraftLine({ draft, selfId }: { draft: DraftActivity | null; selfId: string }) {
  if (!draft || draft.sections.length === 0) return null;
  // In the brief's order (the server sends keys sorted by name); unknown keys last.
  const position = (key: string) => {
    const index = SECTIONS.findIndex((section) => section.key === key);
    return index < 0 ? SECTIONS.length : index;
  };
  const titles = [...draft.sections].sort((a, b) => position(a) - position(b)).map(sectionTitle);
  return (
    <p className="draft-activity" data-testid="draft-activity" data-sections={draft.sections.join(' ')}>
      Draft updated{draft.actor ? ` by ${actorName(draft.actor, selfId).replace(/^You$/, 'you')}` : ''}:{' '}
      <span className="draft-sections">{titles.join(', ')}</span> · <DateTime iso={draft.at} long />
    </p>
  );
}

export interface ContractPanelProps {
  proposalId: string;
  myRole: ParticipantRole;
  /** The live brief's checks and save state; null until the editor has it. */
  live: LiveBriefReport | null;
  connection: EventsConnection;
  draft: DraftActivity | null;
}

/** The "Contract" area: freeze the brief into versions, follow and sign them. */
export default function ContractPanel({ proposalId, myRole, live, connection, draft }: ContractPanelProps) {
  const user = useCurrentUser();
  const { state, reload } = useVersions(proposalId);
  const [freezing, setFreezing] = useState(false);
  const [signing, setSigning] = useState<string | null>(null);
  const [notice, setNotice] = useState('');
  const focusAfterSign = useRef<string | null>(null);
  const canFreeze = canEditWithRole(myRole);

  const versions = state.kind === 'ready' ? state.versions : [];
  const latest = versions[0] ?? null;
  const awaiting = versions.find((version) => version.status === 'AWAITING_SIGNATURES') ?? null;

  const onSign = useCallback((version: VersionSummary) => {
    setNotice('');
    setSigning(version.id);
  }, []);

  // Without live updates nothing else would confirm it; with them, the toast does.
  const confirm = (message: string) => setNotice(connection === 'connected' ? '' : message);

  return (
    <section className="section contract" aria-labelledby="contract-heading" data-testid="contract">
      <div className="contract-header">
        <h2 id="contract-heading" className="section-title">
          Contract
        </h2>
        <LiveStatus connection={connection} onRefresh={reload} />
      </div>
      <p className="contract-intro">
        Freezing turns the brief into a numbered version that nobody can change. Every client and freelancer then signs
        that exact version, identified by its content hash.
      </p>
      <DraftLine draft={draft} selfId={user.id} />

      {canFreeze ? (
        <FreezeControl
          readiness={live?.readiness ?? null}
          onFreeze={() => {
            setNotice('');
            setFreezing(true);
          }}
        />
      ) : (
        <p className="note" data-testid="viewer-contract-note">
          You are a viewer: you can read and compare versions, but only clients and freelancers freeze and sign them.
        </p>
      )}

      <p className="status-text" role="status" data-testid="contract-notice">
        {notice}
      </p>

      <VersionTimeline proposalId={proposalId} state={state} currentUserId={user.id} onSign={onSign} onRetry={reload} />

      {freezing && (
        <FreezeDialog
          proposalId={proposalId}
          nextNumber={(latest?.number ?? 0) + 1}
          awaitingNumber={awaiting?.number ?? null}
          readiness={live?.readiness ?? null}
          unsaved={live !== null && !live.saved}
          onClose={() => setFreezing(false)}
          onFrozen={(version) => {
            setFreezing(false);
            // The cache marks the versions stale; the timeline refetches them.
            confirm(`Version ${version.number} frozen.`);
          }}
        />
      )}
      {signing && (
        <SignDialog
          versionId={signing}
          onClose={() => setSigning(null)}
          onSigned={(version) => {
            // The Sign button goes once the list reloads; the row's heading keeps the keyboard nearby.
            focusAfterSign.current = version.id;
            setSigning(null);
            confirm(`You signed version ${version.number}.`);
          }}
          onConflict={reload}
          restoreFocus={() => {
            const id = focusAfterSign.current;
            focusAfterSign.current = null;
            return id ? document.getElementById(versionHeadingId(id)) : null;
          }}
        />
      )}
    </section>
  );
}
