import type { RoomMember } from './room-member.js';

/**
 * Where a document or awareness change came from, as the transaction origin Yjs carries.
 * The room decides by `kind` what to relay and what to store:
 *
 * - `socket`: a client of this instance; relayed to the other sockets and instances, stored here.
 * - `relay`: another instance's client; relayed to our sockets only, stored by its instance.
 * - `resync`: content another instance sent to fill a gap; stored here if it is new here.
 * - `load`: the stored state applied while loading; neither relayed nor stored again.
 */
export type UpdateOrigin =
  | { readonly kind: 'socket'; readonly member: RoomMember }
  | { readonly kind: 'relay'; readonly instance: string }
  | { readonly kind: 'resync'; readonly instance: string }
  | { readonly kind: 'load' };

export type SocketOrigin = Extract<UpdateOrigin, { kind: 'socket' }>;

const KINDS: ReadonlySet<unknown> = new Set<UpdateOrigin['kind']>(['socket', 'relay', 'resync', 'load']);

/** The origin of what the store's `load` applies. */
export const LOAD_ORIGIN: UpdateOrigin = Object.freeze({ kind: 'load' });

/** The origin of everything `member` sends. */
export const socketOrigin = (member: RoomMember): SocketOrigin => Object.freeze({ kind: 'socket', member });

/**
 * Narrows a Yjs transaction origin to ours. Yjs and y-protocols pass their own origins
 * too (null, or `'timeout'` for expired presence), which are none of these.
 */
export function asUpdateOrigin(origin: unknown): UpdateOrigin | null {
  return typeof origin === 'object' && origin !== null && KINDS.has((origin as { kind?: unknown }).kind)
    ? (origin as UpdateOrigin)
    : null;
}

/** The member an origin names, or null when the change did not come from a socket here. */
export function memberOf(origin: unknown): RoomMember | null {
  const tagged = asUpdateOrigin(origin);
  return tagged?.kind === 'socket' ? tagged.member : null;
}
