import type { EntityManager } from '@mikro-orm/postgresql';
import { PASSKEY_LIMITS } from '@brieflock/schema';
import { generateAuthenticationOptions, type PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import type { RelyingPartyConfig } from '../../config.js';
import { unauthenticated } from '../../errors.js';
import { emailField, parseInput } from '../../validation.js';
import { startSession, type RequestMeta } from '../accounts/sessions.js';
import { User } from '../accounts/user.entity.js';
import { clientDataOf, consumeChallenge, randomChallenge, storeChallenge } from './challenges.js';
import { AuthenticationResponseSchema } from './passkey.inputs.js';
import { findActivePasskey, verifyPasskeyAssertion } from './verify-assertion.js';

const REFUSED = 'This passkey could not sign you in. Try again, or sign in with your password.';

/**
 * Starts a passkey sign-in. The options list no credentials (the authenticator offers
 * the discoverable ones it holds), so they never tell whether an e-mail has an account
 * or passkeys; an e-mail, when given, only restricts which account may finish.
 */
export async function startPasskeySignIn(
  em: EntityManager,
  rp: RelyingPartyConfig,
  email: string | null | undefined,
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const normalised = email == null || email.trim() === '' ? null : parseInput(emailField, email);
  const options = await generateAuthenticationOptions({
    rpID: rp.id,
    challenge: Buffer.from(randomChallenge(), 'base64url'),
    timeout: PASSKEY_LIMITS.ceremonyTimeoutMs,
    userVerification: 'required',
  });
  await storeChallenge(em, options.challenge, { purpose: 'sign-in', email: normalised });
  return options;
}

/**
 * Finishes a passkey sign-in and starts a session (method `passkey`). Every failure —
 * an unknown, removed or foreign passkey, a spent challenge, a bad signature — gets the
 * same UNAUTHENTICATED answer.
 */
export async function finishPasskeySignIn(
  em: EntityManager,
  rp: RelyingPartyConfig,
  rawResponse: unknown,
  meta: RequestMeta,
  ttlMs: number,
): Promise<{ token: string; user: User }> {
  const response = parseInput(AuthenticationResponseSchema, rawResponse ?? null);
  const stored = await consumeChallenge(em, clientDataOf(response.response.clientDataJSON).challenge, 'sign-in');
  if (!stored) throw unauthenticated(REFUSED);
  const passkey = await findActivePasskey(em, response.id);
  if (!passkey) throw unauthenticated(REFUSED);
  const userHandle = response.response.userHandle;
  if (userHandle && userHandle !== Buffer.from(passkey.user_id.replaceAll('-', ''), 'hex').toString('base64url'))
    throw unauthenticated(REFUSED);
  const user = await em.findOne(User, passkey.user_id);
  if (!user || user.pending || (stored.email && stored.email !== user.email)) throw unauthenticated(REFUSED);
  if (!(await verifyPasskeyAssertion(em, rp, passkey, response, stored.challenge))) throw unauthenticated(REFUSED);
  const { token } = await startSession(em, user, meta, ttlMs, 'passkey');
  return { token, user };
}
