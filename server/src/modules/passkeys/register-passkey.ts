import type { EntityManager } from '@mikro-orm/postgresql';
import { PASSKEY_LIMITS, SUPPORTED_PASSKEY_ALGORITHMS } from '@brieflock/schema';
import {
  generateRegistrationOptions,
  verifyRegistrationResponse,
  type PublicKeyCredentialCreationOptionsJSON,
} from '@simplewebauthn/server';
import type { RelyingPartyConfig } from '../../config.js';
import { badInput, conflict } from '../../errors.js';
import { parseInput } from '../../validation.js';
import type { Viewer } from '../accounts/sessions.js';
import { clientDataOf, consumeChallenge, randomChallenge, storeChallenge } from './challenges.js';
import { Passkey } from './passkey.entity.js';
import { passkeyName, RegistrationResponseSchema } from './passkey.inputs.js';
import { spkiOfCoseKey } from './public-key.js';
import { expectedOrigins } from './relying-party.js';

const activePasskeysOf = (em: EntityManager, userId: string) =>
  em.execute<{ credential_id: string; transports: string[] }[]>(
    'select "credential_id", "transports" from "passkeys" where "user_id" = ? and "removed_at" is null',
    [userId],
  );

/**
 * Starts registering a passkey for the signed-in user: creation options for
 * `navigator.credentials.create` that ask for a discoverable credential with user
 * verification, exclude the user's existing passkeys and carry a fresh challenge.
 */
export async function startPasskeyRegistration(
  em: EntityManager,
  rp: RelyingPartyConfig,
  viewer: Viewer,
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const existing = await activePasskeysOf(em, viewer.user.id);
  if (existing.length >= PASSKEY_LIMITS.perAccount)
    throw conflict(`An account holds at most ${PASSKEY_LIMITS.perAccount} passkeys. Remove one first.`);
  const challenge = randomChallenge();
  const options = await generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userID: Buffer.from(viewer.user.id.replaceAll('-', ''), 'hex'),
    userName: viewer.user.email,
    userDisplayName: viewer.user.name,
    challenge: Buffer.from(challenge, 'base64url'),
    timeout: PASSKEY_LIMITS.ceremonyTimeoutMs,
    attestationType: 'none',
    excludeCredentials: existing.map((passkey) => ({ id: passkey.credential_id, transports: passkey.transports })),
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
    supportedAlgorithmIDs: [...SUPPORTED_PASSKEY_ALGORITHMS],
  });
  await storeChallenge(em, options.challenge, { purpose: 'registration', userId: viewer.user.id });
  return options;
}

/**
 * Finishes a registration: the response must answer a challenge this user was given
 * (once, before it expired), from an allowed origin, with the user verified. The key is
 * kept as COSE and as SPKI DER.
 */
export async function finishPasskeyRegistration(
  em: EntityManager,
  rp: RelyingPartyConfig,
  viewer: Viewer,
  input: { response: unknown; name?: string | null },
): Promise<Passkey> {
  const response = parseInput(RegistrationResponseSchema, input.response ?? null);
  const name = input.name == null || input.name.trim() === '' ? null : parseInput(passkeyName, input.name);
  const clientData = clientDataOf(response.response.clientDataJSON);
  const stored = await consumeChallenge(em, clientData.challenge, 'registration');
  if (!stored || stored.userId !== viewer.user.id)
    throw badInput('response', 'this passkey request expired or was already used; start again');

  let info: Extract<Awaited<ReturnType<typeof verifyRegistrationResponse>>, { verified: true }>['registrationInfo'];
  try {
    const verification = await verifyRegistrationResponse({
      response,
      expectedChallenge: stored.challenge,
      expectedOrigin: expectedOrigins(rp, clientData.origin),
      expectedRPID: rp.id,
      requireUserVerification: true,
      supportedAlgorithmIDs: [...SUPPORTED_PASSKEY_ALGORITHMS],
    });
    if (!verification.verified) throw new Error('the registration did not verify');
    info = verification.registrationInfo;
  } catch (error) {
    throw badInput('response', `the passkey could not be registered: ${(error as Error).message}`);
  }
  const key = spkiOfCoseKey(info.credential.publicKey);
  if (!key) throw badInput('response', 'the passkey uses a key type that cannot be used for signing');

  const [taken] = await em.execute<{ id: string }[]>('select "id" from "passkeys" where "credential_id" = ?', [
    info.credential.id,
  ]);
  if (taken) throw conflict('This passkey is already registered.');
  const count = (await activePasskeysOf(em, viewer.user.id)).length;
  const passkey = em.create(Passkey, {
    user: viewer.user.id,
    credentialId: info.credential.id,
    publicKey: key.publicKey,
    cosePublicKey: Buffer.from(info.credential.publicKey),
    algorithm: key.algorithm,
    counter: info.credential.counter,
    transports: response.response.transports ?? [],
    deviceType: info.credentialDeviceType,
    backedUp: info.credentialBackedUp,
    name: name ?? `Passkey ${count + 1}`,
  });
  await em.persist(passkey).flush();
  return passkey;
}
