import type { EntityManager } from '@mikro-orm/postgresql';
import { verifyAuthenticationResponse } from '@simplewebauthn/server';
import type { RelyingPartyConfig } from '../../config.js';
import type { AuthenticationResponse } from './passkey.inputs.js';
import { expectedOrigins } from './relying-party.js';
import { clientDataOf } from './challenges.js';

/** A passkey row as an assertion check needs it. */
export interface PasskeyRow {
  id: string;
  user_id: string;
  credential_id: string;
  public_key: string;
  cose_public_key: Buffer;
  algorithm: number;
  counter: string | number;
  transports: string[] | string;
}

/** The active (not removed) passkey with this credential ID, optionally only the user's. */
export async function findActivePasskey(
  em: EntityManager,
  credentialId: string,
  userId?: string,
): Promise<PasskeyRow | null> {
  const [row] = await em.execute<PasskeyRow[]>(
    `select "id", "user_id", "credential_id", "public_key", "cose_public_key", "algorithm", "counter", "transports"
       from "passkeys" where "credential_id" = ? and "removed_at" is null ${userId ? 'and "user_id" = ?' : ''}`,
    userId ? [credentialId, userId] : [credentialId],
  );
  return row ?? null;
}

/**
 * Verifies an assertion of `passkey` for `challenge` (user verification required) with
 * the WebAuthn library, and records its use. False when it does not verify; a counter
 * that did not advance (a cloned authenticator) does not verify either.
 */
export async function verifyPasskeyAssertion(
  em: EntityManager,
  rp: RelyingPartyConfig,
  passkey: PasskeyRow,
  response: AuthenticationResponse,
  challenge: string,
): Promise<boolean> {
  let verification: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
  try {
    verification = await verifyAuthenticationResponse({
      response: { ...response, clientExtensionResults: response.clientExtensionResults ?? {} },
      expectedChallenge: challenge,
      expectedOrigin: expectedOrigins(rp, clientDataOf(response.response.clientDataJSON).origin),
      expectedRPID: rp.id,
      requireUserVerification: true,
      credential: {
        id: passkey.credential_id,
        publicKey: new Uint8Array(passkey.cose_public_key),
        counter: Number(passkey.counter),
      },
    });
  } catch {
    return false;
  }
  if (!verification.verified) return false;
  await em.execute('update "passkeys" set "counter" = ?, "last_used_at" = now() where "id" = ?', [
    verification.authenticationInfo.newCounter,
    passkey.id,
  ]);
  return true;
}
