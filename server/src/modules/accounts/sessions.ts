import type { EntityManager } from '@mikro-orm/postgresql';
import { Session } from './session.entity.js';
import { hashToken, newSessionToken } from './credentials.js';
import type { SessionRow, UserRow } from './accounts.rows.js';
import { User } from './user.entity.js';

export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}

/** The session a request authenticated with. */
export interface SessionInfo {
  id: string;
  /** How the session was created, e.g. `password`. */
  method: string;
  /** When the session stops authenticating (long-lived sockets are closed then). */
  expiresAt?: Date;
}

export interface Viewer {
  user: User;
  session: SessionInfo;
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

/** A session joined with its user, and whether it still holds, as `authenticate` reads it. */
type AuthenticationRow = Pick<SessionRow, 'method' | 'expires_at'> &
  Pick<UserRow, 'id' | 'email' | 'name' | 'pending' | 'created_at'> & {
    session_id: string;
    expired: boolean;
    revoked: boolean;
  };

/**
 * Resolves a bearer token to its user and session, or says why it cannot. Runs on
 * every authenticated request, so it is one indexed SQL statement, not a unit-of-work load.
 */
export async function authenticate(em: EntityManager, token: string): Promise<Viewer | TokenProblem> {
  if (token.length > 200) return 'unknown';
  const [row] = await em.getConnection().execute<AuthenticationRow[]>(
    `select s.id as session_id, s.method, s.expires_at, s.expires_at <= now() as expired, s.revoked_at is not null as revoked,
            u.id, u.email, u.name, u.pending, u.created_at
       from sessions s join users u on u.id = s.user_id
      where s.token_hash = ?`,
    [hashToken(token)],
  );
  if (!row) return 'unknown';
  if (row.revoked) return 'revoked';
  if (row.expired) return 'expired';
  const { session_id: sessionId, method, expires_at: expiresAt, id, email, name, pending, created_at } = row;
  return {
    user: em.map(User, { id, email, name, pending, created_at }),
    session: { id: sessionId, method, expiresAt: new Date(expiresAt) },
  };
}

/** Revokes a session; later requests with its token are refused. */
export async function revokeSession(em: EntityManager, session: SessionInfo): Promise<void> {
  await em.nativeUpdate(Session, { id: session.id, revokedAt: null }, { revokedAt: new Date() });
}

/**
 * Revokes every live session of `userId`, the caller's own included; returns their ids so
 * the caller can close the sockets they opened.
 */
export async function revokeAllSessions(em: EntityManager, userId: string): Promise<string[]> {
  const rows = await em.execute<{ id: string }[]>(
    `update "sessions" set "revoked_at" = now() where "user_id" = ? and "revoked_at" is null returning "id"`,
    [userId],
  );
  return rows.map((row) => row.id);
}

/**
 * Revokes every live session of `userId` but `keepSessionId`; returns the revoked ids so
 * the caller can close the sockets they opened.
 */
export async function revokeOtherSessions(em: EntityManager, userId: string, keepSessionId: string): Promise<string[]> {
  const rows = await em.execute<{ id: string }[]>(
    `update "sessions" set "revoked_at" = now()
      where "user_id" = ? and "id" <> ? and "revoked_at" is null returning "id"`,
    [userId, keepSessionId],
  );
  return rows.map((row) => row.id);
}
