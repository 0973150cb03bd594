import { randomBytes, timingSafeEqual } from 'node:crypto';
import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { ErrorCode } from '@brieflock/schema';
import { DomainError } from '../../errors.js';
import { AccountToken, type AccountTokenPurpose } from './account-token.entity.js';
import { hashToken } from './credentials.js';

/** How long each kind of link works. */
export const TOKEN_LIFETIME_MS: Record<AccountTokenPurpose, number> = {
  'verify-email': 3 * 24 * 3_600_000,
  'password-reset': 3_600_000,
  unsubscribe: 365 * 24 * 3_600_000,
};

/** Each purpose has its own prefix, so a token pasted into the wrong page is refused at once. */
const PREFIX: Record<AccountTokenPurpose, string> = {
  'verify-email': 'blv_',
  'password-reset': 'blr_',
  unsubscribe: 'blu_',
};

export interface IssueTokenOptions {
  userId: string;
  purpose: AccountTokenPurpose;
  now: Date;
  email?: string;
  scope?: string;
}

/** A new link token: the caller sends it, only its hash is stored. */
export async function issueAccountToken(tx: EntityManager, options: IssueTokenOptions): Promise<string> {
  const token = PREFIX[options.purpose] + randomBytes(32).toString('base64url');
  tx.create(AccountToken, {
    user: options.userId,
    purpose: options.purpose,
    tokenHash: hashToken(token),
    email: options.email ?? null,
    scope: options.scope ?? null,
    createdAt: options.now,
    expiresAt: new Date(options.now.getTime() + TOKEN_LIFETIME_MS[options.purpose]),
  });
  await tx.flush();
  return token;
}

export type TokenRefusal = 'unknown' | 'expired' | 'used';

const REFUSALS: Record<TokenRefusal, string> = {
  unknown: 'This link is not valid. Check that it was copied whole, or ask for a new one.',
  expired: 'This link has expired. Ask for a new one.',
  used: 'This link has been used already. Ask for a new one if you still need it.',
};

/** The coded error a refused link gives: `extensions.field` is `token`, `extensions.reason` says why. */
export const tokenRefused = (reason: TokenRefusal) =>
  new DomainError(ErrorCode.BAD_USER_INPUT, REFUSALS[reason], { field: 'token', reason });

/**
 * Finds the token of `purpose` that `token` is, neither used (nor voided) nor expired, in
 * the caller's entity manager; `lock` holds its row until the caller's transaction ends.
 * Throws a coded refusal otherwise. Leaves the token as it is: see `consumeAccountToken`.
 */
export async function findAccountToken(
  em: EntityManager,
  token: string,
  purpose: AccountTokenPurpose,
  now: Date,
  { lock = false }: { lock?: boolean } = {},
): Promise<AccountToken> {
  if (typeof token !== 'string' || token.length > 200 || !token.startsWith(PREFIX[purpose]))
    throw tokenRefused('unknown');
  const hash = hashToken(token);
  const found = await em.findOne(
    AccountToken,
    { tokenHash: hash, purpose },
    lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {},
  );
  // Looked up by hash, then compared in constant time: the stored value never leaks by timing.
  if (!found || !timingSafeEqual(Buffer.from(found.tokenHash), Buffer.from(hash))) throw tokenRefused('unknown');
  if (found.usedAt) throw tokenRefused('used');
  if (found.expiresAt.getTime() <= now.getTime()) throw tokenRefused('expired');
  return found;
}

/**
 * Finds an unused, unexpired token of `purpose` and marks it used, inside the caller's
 * transaction (the row is locked: two uses at once cannot both succeed). Throws a coded
 * refusal otherwise.
 */
export async function consumeAccountToken(
  tx: EntityManager,
  token: string,
  purpose: AccountTokenPurpose,
  now: Date,
): Promise<AccountToken> {
  const found = await findAccountToken(tx, token, purpose, now, { lock: true });
  found.usedAt = now;
  await tx.flush();
  return found;
}

/** Voids every unused token of `purpose` for `userId` (a newer one replaces them, or they no longer apply). */
export async function voidAccountTokens(
  tx: EntityManager,
  userId: string,
  purpose: AccountTokenPurpose,
  now: Date,
): Promise<void> {
  await tx.nativeUpdate(AccountToken, { user: userId, purpose, usedAt: null }, { usedAt: now });
}
