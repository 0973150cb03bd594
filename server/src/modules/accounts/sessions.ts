import type { EntityManager } from '@mikro-orm/postgresql';
import { Session } from './session.entity.js';
import { hashToken, newSessionToken } from './credentials.js';
import type { User } from './user.entity.js';

export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}

export interface Viewer {
  user: User;
  session: Session;
}

/** Why a presented token did not authenticate. */
export type TokenProblem = 'unknown' | 'expired' | 'revoked';

/** Starts a session for `user`; returns the token, which is never stored. */
export async function startSession(
  em: EntityManager,
  user: User,
  meta: RequestMeta,
  ttlMs: number,
  method = 'password',
): Promise<{ token: string; session: Session }> {
  const token = newSessionToken();
  const session = em.create(Session, {
    user,
    tokenHash: hashToken(token),
    method,
    expiresAt: new Date(Date.now() + ttlMs),
    ip: meta.ip?.slice(0, 64) ?? null,
    userAgent: meta.userAgent?.slice(0, 512) ?? null,
  });
  await em.persist(session).flush();
  return { token, session };
}

/** Resolves a bearer token to its user and session, or says why it cannot. */
export async function authenticate(em: EntityManager, token: string): Promise<Viewer | TokenProblem> {
  if (token.length > 200) return 'unknown';
  const session = await em.findOne(Session, { tokenHash: hashToken(token) }, { populate: ['user'] });
  if (!session) return 'unknown';
  if (session.revokedAt) return 'revoked';
  if (session.expiresAt.getTime() <= Date.now()) return 'expired';
  return { user: session.user.getEntity(), session };
}

/** Revokes a session; later requests with its token are refused. */
export async function revokeSession(em: EntityManager, session: Session): Promise<void> {
  await em.nativeUpdate(Session, { id: session.id, revokedAt: null }, { revokedAt: new Date() });
}
