import type { CSSProperties } from 'react';
import { usePresence, type PresenceEntry } from '../collab/hooks';
import type { CollabSession, CollabStatus } from '../collab/session';
import { ROLE_LABELS } from '../participants/roles';
import { textColorOn } from './carets';

export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '?';
  const first = Array.from(words[0]!)[0] ?? '';
  const last = words.length > 1 ? (Array.from(words[words.length - 1]!)[0] ?? '') : '';
  return (first + last).toUpperCase();
}

function describe(person: PresenceEntry): string {
  return `${person.name}${person.self ? ' (you)' : ''}, ${ROLE_LABELS[person.role]}`;
}

/** The words in the status line; the exact strings are part of what tests look for. */
export function statusLabel(status: CollabStatus, readOnly: boolean): string {
  switch (status.connection) {
    case 'refused':
      return status.refusal?.title ?? 'Disconnected';
    case 'connected':
      if (!status.synced) return 'Connecting…';
      // A viewer writes nothing, so "saved" would promise something that does not apply.
      if (readOnly) return 'Live';
      return status.saved ? 'Saved' : 'Saving…';
    case 'offline':
      if (readOnly) return 'Offline';
      return status.keptOnDevice ? 'Offline — changes kept on this device' : 'Offline — keep this tab open';
    case 'reconnecting':
      return 'Reconnecting…';
    case 'connecting':
      return 'Connecting…';
  }
}

function statusDetail(status: CollabStatus, readOnly: boolean): string | undefined {
  if (readOnly) return status.connection === 'connected' ? 'You see changes as the others make them.' : undefined;
  if (status.connection === 'reconnecting' && !status.saved) {
    return status.keptOnDevice ? 'Your latest changes are kept on this device until the server is back.' : undefined;
  }
  if (status.connection === 'connected' && status.synced) {
    return status.saved
      ? 'Every change you made is stored on the server.'
      : 'Storing your latest changes on the server.';
  }
  return undefined;
}

export function CollabStatusLine({ status, readOnly }: { status: CollabStatus; readOnly: boolean }) {
  const tone =
    status.connection === 'refused'
      ? 'error'
      : status.connection === 'connected'
        ? status.synced && (status.saved || readOnly)
          ? 'ok'
          : 'busy'
        : 'warn';
  return (
    <p
      className={`collab-status status-indicator collab-status-${tone}`}
      data-testid="collab-status"
      data-connection={status.connection}
      data-saved={String(status.saved)}
      title={statusDetail(status, readOnly)}
      role="status"
    >
      <span className="collab-status-dot status-dot" aria-hidden="true" />
      <span className="collab-status-text">{statusLabel(status, readOnly)}</span>
    </p>
  );
}

/** Who is in the brief right now, and whether this device's changes are safe. */
export function PresenceBar({
  session,
  status,
  readOnly,
}: {
  session: CollabSession;
  status: CollabStatus;
  readOnly: boolean;
}) {
  const people = usePresence(session);
  const others = people.length - 1;
  return (
    <div className="presence-bar">
      <ul
        className="avatars"
        data-testid="presence"
        aria-label={others === 0 ? 'Only you are here' : `${people.length} people here now`}
      >
        {people.map((person) => (
          <li
            key={person.id}
            className={person.self ? 'avatar avatar-self' : 'avatar'}
            data-testid="presence-avatar"
            data-user-id={person.id}
            data-role={person.role}
            title={describe(person)}
            style={{ '--avatar-color': person.color, '--avatar-text': textColorOn(person.color) } as CSSProperties}
          >
            <span className="avatar-initials" aria-hidden="true">
              {initials(person.name)}
            </span>
            <span className="visually-hidden">{describe(person)}</span>
            {person.role === 'VIEWER' && (
              <span className="avatar-badge" aria-hidden="true">
                Viewer
              </span>
            )}
          </li>
        ))}
      </ul>
      <CollabStatusLine status={status} readOnly={readOnly} />
    </div>
  );
}
