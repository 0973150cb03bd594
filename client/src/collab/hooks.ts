import { useEffect, useReducer, useState, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import {
  PARTICIPANT_ROLES,
  colorForUser,
  evaluateReadiness,
  readBrief,
  type ParticipantRole,
  type PresenceUser,
  type Readiness,
  type ReadinessFacts,
} from '@brieflock/schema';
import { CollabSession, type CollabStatus } from './session';

/** The live session for one proposal; null until created (and between proposals). */
export function useCollabSession(proposalId: string, user: PresenceUser): CollabSession | null {
  const [session, setSession] = useState<CollabSession | null>(null);
  const { id, name, color, role } = user;
  useEffect(() => {
    const created = new CollabSession(proposalId, { id, name, color, role });
    setSession(created);
    return () => {
      created.destroy();
      setSession((current) => (current === created ? null : current));
    };
  }, [proposalId, id, name, color, role]);
  return session;
}

export function useCollabStatus(session: CollabSession): CollabStatus {
  return useSyncExternalStore(session.subscribe, session.getStatus);
}

/** Re-renders when the shared type (or, with `deep`, anything inside it) changes. */
// biome-ignore lint/suspicious/noExplicitAny: a Y.Map, Y.Array or Y.Text alike; observe() is all this uses
export function useYObserve(type: Y.AbstractType<any> | null, deep = false): void {
  const [, bump] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    if (!type) return;
    const onChange = () => bump();
    if (deep) type.observeDeep(onChange);
    else type.observe(onChange);
    // A remote change may have landed between render and subscription.
    bump();
    return () => {
      if (deep) type.unobserveDeep(onChange);
      else type.unobserve(onChange);
    };
  }, [type, deep]);
}

/** One person in the brief right now, however many tabs they have open. */
export interface PresenceEntry extends PresenceUser {
  self: boolean;
}

const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;

export function toPresence(value: unknown): PresenceUser | null {
  if (!value || typeof value !== 'object') return null;
  const user = value as Record<string, unknown>;
  if (typeof user.id !== 'string' || user.id === '' || typeof user.name !== 'string') return null;
  const role = PARTICIPANT_ROLES.includes(user.role as ParticipantRole) ? (user.role as ParticipantRole) : 'VIEWER';
  const color = typeof user.color === 'string' && HEX_COLOR.test(user.color) ? user.color : colorForUser(user.id);
  return { id: user.id, name: user.name.trim() || 'Someone', color, role };
}

function readPresence(session: CollabSession): PresenceEntry[] {
  const byUser = new Map<string, PresenceEntry>();
  byUser.set(session.user.id, { ...session.user, self: true });
  session.provider.awareness.getStates().forEach((state, clientId) => {
    if (clientId === session.doc.clientID) return;
    const user = toPresence((state as { user?: unknown }).user);
    if (user && !byUser.has(user.id)) byUser.set(user.id, { ...user, self: false });
  });
  return [...byUser.values()].sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name));
}

/** Everyone connected to this brief, from the awareness states the server vouches for. */
export function usePresence(session: CollabSession): PresenceEntry[] {
  const [entries, setEntries] = useState(() => readPresence(session));
  useEffect(() => {
    const awareness = session.provider.awareness;
    const onChange = () => setEntries(readPresence(session));
    awareness.on('change', onChange);
    onChange();
    return () => awareness.off('change', onChange);
  }, [session]);
  return entries;
}

const READINESS_DEBOUNCE_MS = 150;
/** Keeps the panel moving while someone types without pause. */
const READINESS_MAX_WAIT_MS = 1000;

const NO_FACTS: ReadinessFacts = {};

/**
 * The readiness checks the server will apply, evaluated on the local doc as it changes and
 * on the facts the page knows beside it (open threads, …; see `ReadinessFacts`). Pass the
 * same `facts` object until a fact changes (memoize it): a new one re-evaluates.
 */
export function useReadiness(doc: Y.Doc, facts: ReadinessFacts = NO_FACTS): Readiness {
  const [readiness, setReadiness] = useState(() => evaluateReadiness(readBrief(doc), facts));
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let firstPendingAt = 0;
    const evaluate = () => {
      timer = undefined;
      firstPendingAt = 0;
      setReadiness(evaluateReadiness(readBrief(doc), facts));
    };
    const onUpdate = () => {
      const now = performance.now();
      if (firstPendingAt === 0) firstPendingAt = now;
      clearTimeout(timer);
      const wait = Math.min(READINESS_DEBOUNCE_MS, Math.max(0, firstPendingAt + READINESS_MAX_WAIT_MS - now));
      timer = setTimeout(evaluate, wait);
    };
    doc.on('update', onUpdate);
    evaluate();
    return () => {
      doc.off('update', onUpdate);
      clearTimeout(timer);
    };
  }, [doc, facts]);
  return readiness;
}
