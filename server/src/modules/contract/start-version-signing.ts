import { randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { PASSKEY_LIMITS, signingChallengeOf } from '@brieflock/schema';
import { generateAuthenticationOptions, type PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import type { RelyingPartyConfig } from '../../config.js';
import { conflict } from '../../errors.js';
import type { Viewer } from '../accounts/sessions.js';
import { storeChallenge } from '../passkeys/challenges.js';
import { assertAwaitingSignatures, assertSignersTurn, signableVersion } from './signable-version.js';

/**
 * Starts signing a version with a passkey: request options (user verification
 * required, the signer's own passkeys only) whose challenge is
 * `signingChallengeOf({ versionId, contentHash, consentStatement, nonce })`, so the
 * authenticator's signature covers exactly this version, its content and the statement
 * the signer agrees to. CONFLICT with `reason: PASSKEY_REQUIRED` when the signer has
 * no passkey yet.
 */
export async function startVersionSigning(
  em: EntityManager,
  rp: RelyingPartyConfig,
  viewer: Viewer,
  versionId: string,
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const signable = await signableVersion(em, viewer, versionId, { lock: false });
  if (!signable.existingSignatureId) {
    assertAwaitingSignatures(signable.version);
    await assertSignersTurn(em, versionId, viewer.user.id);
  }
  const passkeys = await em.execute<{ credential_id: string; transports: string[] }[]>(
    'select "credential_id", "transports" from "passkeys" where "user_id" = ? and "removed_at" is null',
    [viewer.user.id],
  );
  if (passkeys.length === 0)
    throw conflict('Signing needs a passkey. Create one for this account, then sign.', {
      reason: 'PASSKEY_REQUIRED',
    });
  const nonce = randomBytes(32).toString('base64url');
  const challenge = signingChallengeOf({
    versionId: signable.version.id,
    contentHash: signable.version.content_hash,
    consentStatement: signable.statement,
    nonce,
  });
  const options = await generateAuthenticationOptions({
    rpID: rp.id,
    challenge: Buffer.from(challenge, 'base64url'),
    timeout: PASSKEY_LIMITS.ceremonyTimeoutMs,
    userVerification: 'required',
    allowCredentials: passkeys.map((passkey) => ({ id: passkey.credential_id, transports: passkey.transports })),
  });
  await storeChallenge(em, options.challenge, {
    purpose: 'signing',
    userId: viewer.user.id,
    versionId: signable.version.id,
    nonce,
    consentStatement: signable.statement,
  });
  return options;
}
