import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { PASSKEY_LIMITS } from '@brieflock/schema';
import type { ChallengePurpose } from './webauthn-challenge.entity.js';

/** What a stored challenge remembers about its ceremony. */
export interface ChallengeFacts {
  purpose: ChallengePurpose;
  userId?: string | null;
  email?: string | null;
  versionId?: string | null;
  nonce?: string | null;
  consentStatement?: string | null;
}

export interface ConsumedChallenge {
  challenge: string;
  purpose: ChallengePurpose;
  userId: string | null;
  email: string | null;
  versionId: string | null;
  nonce: string | null;
  consentStatement: string | null;
}

const hashOf = (challenge: string) => createHash('sha256').update(challenge, 'utf8').digest('hex');

/** A fresh random challenge (32 bytes, base64url). */
export const randomChallenge = (): string => randomBytes(32).toString('base64url');

/**
 * Stores a challenge by its SHA-256 for a short while, and drops the expired ones (so
 * abandoned ceremonies do not pile up).
 */
export async function storeChallenge(em: EntityManager, challenge: string, facts: ChallengeFacts): Promise<void> {
  const connection = em.getConnection();
  await connection.execute('delete from "webauthn_challenges" where "expires_at" < now()');
  await connection.execute(
    `insert into "webauthn_challenges" ("challenge_hash", "purpose", "user_id", "email", "version_id", "nonce", "consent_statement", "expires_at")
     values (?, ?, ?, ?, ?, ?, ?, now() + make_interval(secs => ?))`,
    [
      hashOf(challenge),
      facts.purpose,
      facts.userId ?? null,
      facts.email ?? null,
      facts.versionId ?? null,
      facts.nonce ?? null,
      facts.consentStatement ?? null,
      PASSKEY_LIMITS.challengeTtlMs / 1000,
    ],
  );
}

/** The challenge a WebAuthn response's client data carries, and the origin it names. */
export function clientDataOf(clientDataJSON: string): { challenge: string | null; origin: string | null } {
  try {
    const data = JSON.parse(Buffer.from(clientDataJSON, 'base64url').toString('utf8')) as Record<string, unknown>;
    return {
      challenge: typeof data.challenge === 'string' ? data.challenge : null,
      origin: typeof data.origin === 'string' ? data.origin : null,
    };
  } catch {
    return { challenge: null, origin: null };
  }
}

/**
 * Takes the challenge out of the store — one statement, so two requests presenting it
 * cannot both get it. Null when it was never issued, already used, expired, or issued
 * for another purpose. Runs on its own connection (outside any transaction of the
 * caller), so a challenge is spent even when the ceremony then fails.
 */
export async function consumeChallenge(
  em: EntityManager,
  challenge: string | null,
  purpose: ChallengePurpose,
): Promise<ConsumedChallenge | null> {
  if (!challenge) return null;
  const [row] = await em.getConnection().execute<
    {
      purpose: ChallengePurpose;
      user_id: string | null;
      email: string | null;
      version_id: string | null;
      nonce: string | null;
      consent_statement: string | null;
      live: boolean;
    }[]
  >(
    `delete from "webauthn_challenges" where "challenge_hash" = ?
     returning "purpose", "user_id", "email", "version_id", "nonce", "consent_statement", "expires_at" > now() as "live"`,
    [hashOf(challenge)],
  );
  if (!row?.live || row.purpose !== purpose) return null;
  return {
    challenge,
    purpose: row.purpose,
    userId: row.user_id,
    email: row.email,
    versionId: row.version_id,
    nonce: row.nonce,
    consentStatement: row.consent_statement,
  };
}
