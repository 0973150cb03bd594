import { useCurrentUser } from '../auth';
import { DateTime } from '../components/DateTime';
import { SECTIONS, sectionTitle } from '../editor/labels';
import type { DraftActivity, EventsConnection } from './events';
import { actorName, displayName } from './labels';
import type { VersionSummary } from './useVersions';

const CONNECTION_TEXT: Record<EventsConnection, string> = {
  connecting: 'Connecting live updates…',
  connected: 'Live updates on',
  reconnecting: 'Live updates interrupted; reconnecting…',
  offline: 'Offline — live updates paused',
  ended: 'Live updates stopped',
  failed: 'Live updates unavailable',
};

/** Whether versions and signatures arrive live; a way to reload them when they do not. */
export function LiveStatus({ connection, onRefresh }: { connection: EventsConnection; onRefresh: () => void }) {
  const down = connection === 'ended' || connection === 'failed';
  return (
    <p
      className={`live-status status-indicator live-status-${connection}`}
      data-testid="events-status"
      data-state={connection}
      title={CONNECTION_TEXT[connection]}
    >
      <span className="live-status-dot status-dot" aria-hidden="true" />
      <span className="live-status-text">{CONNECTION_TEXT[connection]}</span>
      {down && (
        <button type="button" className="link-button" onClick={onRefresh}>
          Refresh versions
        </button>
      )}
    </p>
  );
}

/** The latest draft edit, quietly: no live region, since it changes while people type. */
export function DraftLine({ draft }: { draft: DraftActivity | null }) {
  const user = useCurrentUser();
  if (!draft || draft.sections.length === 0) return null;
  // In the brief's order (the server sends keys sorted by name); unknown keys last.
  const position = (key: string) => {
    const index = SECTIONS.findIndex((section) => section.key === key);
    return index < 0 ? SECTIONS.length : index;
  };
  const titles = [...draft.sections].sort((a, b) => position(a) - position(b)).map(sectionTitle);
  return (
    <p className="draft-activity" data-testid="draft-activity" data-sections={draft.sections.join(' ')}>
      Draft updated{draft.actor ? ` by ${actorName(draft.actor, user.id).replace(/^You$/, 'you')}` : ''}:{' '}
      <span className="draft-sections">{titles.join(', ')}</span> · <DateTime iso={draft.at} long />
    </p>
  );
}

/** Where the contract stands, in the reader's terms: "Waiting for Grace to sign version 3". */
export function versionStatusText(versions: readonly VersionSummary[], selfId: string): string {
  const latest = versions[0];
  if (!latest) return 'Draft · no version frozen yet';
  if (latest.status === 'AWAITING_SIGNATURES') {
    const waiting = latest.signers.filter((signer) => signer.signature === null);
    if (latest.canSign) return `Version ${latest.number} waits for your signature`;
    const others = waiting.filter((signer) => signer.user.id !== selfId).map((signer) => displayName(signer.user));
    if (others.length === 0) return `Version ${latest.number} awaits signatures`;
    const names = others.length <= 2 ? others.join(' and ') : `${others.length} people`;
    return `Waiting for ${names} to sign version ${latest.number}`;
  }
  if (latest.status === 'SIGNED') return `Version ${latest.number} signed by everyone`;
  if (latest.status === 'DECLINED') return `Version ${latest.number} declined · the draft goes on`;
  return `Version ${latest.number} superseded`;
}
