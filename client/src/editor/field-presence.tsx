import {
  type CSSProperties,
  createContext,
  type FocusEvent,
  type ReactNode,
  useCallback,
  useContext,
  useSyncExternalStore,
} from 'react';
import type { PresenceUser } from '@brieflock/schema';
import { toPresence } from '../collab/hooks';
import type { CollabSession } from '../collab/session';

/**
 * Field-level presence: who is in which structured field or list row's field, as a
 * spreadsheet shows a colleague's cell. Each editor publishes the anchor id of the field it
 * is in (`fieldAnchorId`, the same on every client) as the `field` of its awareness state;
 * every field shows the others in it.
 */
export const FieldPresenceContext = createContext<CollabSession | null>(null);

/** Longer values are not an anchor id this client makes: ignored. */
const MAX_ANCHOR_LENGTH = 200;
const NOBODY: readonly PresenceUser[] = [];

const samePeople = (a: readonly PresenceUser[], b: readonly PresenceUser[]) =>
  a.length === b.length && a.every((person, index) => person.id === b[index]!.id && person.color === b[index]!.color);

/** Who is in which field, per session: one awareness listener however many fields there are. */
class FieldPresenceStore {
  private byField = new Map<string, readonly PresenceUser[]>();
  private readonly listeners = new Set<() => void>();

  constructor(private readonly session: CollabSession) {
    session.provider.awareness.on('change', this.update);
    this.update();
  }

  private readonly update = () => {
    const next = new Map<string, PresenceUser[]>();
    const seen = new Set<string>();
    this.session.provider.awareness.getStates().forEach((state, clientId) => {
      if (clientId === this.session.doc.clientID) return;
      const { user, field } = state as { user?: unknown; field?: unknown };
      const person = toPresence(user);
      if (!person || person.id === this.session.user.id) return;
      if (typeof field !== 'string' || field === '' || field.length > MAX_ANCHOR_LENGTH) return;
      // One badge per person and field, whichever of their tabs is there.
      const key = `${field}\n${person.id}`;
      if (seen.has(key)) return;
      seen.add(key);
      next.set(field, [...(next.get(field) ?? []), person]);
    });
    // A field keeps its array while its people stay the same, so only changed fields re-render.
    const stable = new Map<string, readonly PresenceUser[]>();
    let changed = next.size !== this.byField.size;
    for (const [field, people] of next) {
      people.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
      const before = this.byField.get(field);
      const same = before !== undefined && samePeople(before, people);
      stable.set(field, same ? before : people);
      if (!same) changed = true;
    }
    this.byField = stable;
    if (changed) for (const listener of this.listeners) listener();
  };

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  peopleIn(anchor: string): readonly PresenceUser[] {
    return this.byField.get(anchor) ?? NOBODY;
  }

  private current(): unknown {
    return (this.session.provider.awareness.getLocalState() as { field?: unknown } | null)?.field ?? null;
  }

  /** Says this editor is in the field `anchor`. */
  enter(anchor: string) {
    if (this.current() !== anchor) this.session.provider.awareness.setLocalStateField('field', anchor);
  }

  /** Says this editor left `anchor` (unless it is already elsewhere). */
  leave(anchor: string) {
    if (this.current() === anchor) this.session.provider.awareness.setLocalStateField('field', null);
  }
}

const stores = new WeakMap<CollabSession, FieldPresenceStore>();
const storeOf = (session: CollabSession) => {
  let store = stores.get(session);
  if (!store) {
    store = new FieldPresenceStore(session);
    stores.set(session, store);
  }
  return store;
};

const noSubscription = () => () => undefined;

/** The others in the field `anchor`, and the focus handlers that publish this editor's own place. */
export function useFieldPresence(anchor: string | null) {
  const session = useContext(FieldPresenceContext);
  const store = session ? storeOf(session) : null;
  const others = useSyncExternalStore(store?.subscribe ?? noSubscription, () =>
    store && anchor ? store.peopleIn(anchor) : NOBODY,
  );
  const onFocus = useCallback(() => {
    if (store && anchor) store.enter(anchor);
  }, [store, anchor]);
  const onBlur = useCallback(
    (event: FocusEvent<HTMLElement>) => {
      // Moving within the field (to its comment button, say) keeps the place.
      if (store && anchor && !event.currentTarget.contains(event.relatedTarget as Node | null)) store.leave(anchor);
    },
    [store, anchor],
  );
  return { others, onFocus, onBlur };
}

/** A field's frame: outlined in the colour of whoever else is in it, with their names. */
export function PresenceField({
  anchor,
  className,
  children,
}: {
  /** The field's anchor id (fieldAnchorId); null for a row without an id, which shows no presence. */
  anchor: string | null;
  className: string;
  children: ReactNode;
}) {
  const { others, onFocus, onBlur } = useFieldPresence(anchor);
  const occupied = others.length > 0;
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: focus bubbles up from the field's own controls; the frame only listens
    <div
      className={occupied ? `${className} field-occupied` : className}
      id={anchor ?? undefined}
      onFocus={onFocus}
      onBlur={onBlur}
      style={occupied ? ({ '--field-presence-color': others[0]!.color } as CSSProperties) : undefined}
      data-present={occupied ? others.map((person) => person.name).join(', ') : undefined}
    >
      {children}
      {occupied && (
        <p className="field-presence" data-testid="field-presence">
          {others.map((person) => (
            <span
              key={person.id}
              className="field-presence-name"
              style={{ '--field-presence-color': person.color } as CSSProperties}
            >
              {person.name}
            </span>
          ))}
          <span className="visually-hidden"> {others.length === 1 ? 'is' : 'are'} in this field</span>
        </p>
      )}
    </div>
  );
}
