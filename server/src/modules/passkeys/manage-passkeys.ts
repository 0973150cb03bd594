import type { EntityManager } from '@mikro-orm/postgresql';
import { notFound } from '../../errors.js';
import { isId, parseInput } from '../../validation.js';
import type { Viewer } from '../accounts/sessions.js';
import { Passkey } from './passkey.entity.js';
import { passkeyName } from './passkey.inputs.js';

const passkeyNotFound = () => notFound('No such passkey on your account.');

/** The user's active passkeys, oldest first. */
export function listPasskeys(em: EntityManager, userId: string): Promise<Passkey[]> {
  return em.find(Passkey, { user: userId, removedAt: null }, { orderBy: { createdAt: 'asc', id: 'asc' } });
}

/** One active passkey of the viewer's own; NOT_FOUND for anyone else's. */
async function ownPasskey(em: EntityManager, viewer: Viewer, id: string): Promise<Passkey> {
  if (!isId(id)) throw passkeyNotFound();
  const passkey = await em.findOne(Passkey, { id: id.toLowerCase(), user: viewer.user.id, removedAt: null });
  if (!passkey) throw passkeyNotFound();
  return passkey;
}

/** Renames one of the viewer's passkeys. */
export async function renamePasskey(em: EntityManager, viewer: Viewer, id: string, name: string): Promise<Passkey> {
  const passkey = await ownPasskey(em, viewer, id);
  passkey.name = parseInput(passkeyName, name);
  await em.flush();
  return passkey;
}

/**
 * Removes one of the viewer's passkeys: it no longer signs in or signs. The row stays
 * (marked removed), so signatures made with it still name whose key it was.
 */
export async function removePasskey(em: EntityManager, viewer: Viewer, id: string): Promise<void> {
  const passkey = await ownPasskey(em, viewer, id);
  passkey.removedAt = new Date();
  await em.flush();
}
