import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { ServerKeys } from '../trust/server-keys.js';

/**
 * Endpoint secrets at rest. A secret must stay usable to sign every delivery, so it
 * cannot be kept as a hash only: it is stored encrypted with AES-256-GCM under a key
 * derived (HKDF-SHA256, in `ServerKeys.derive`) from the server's signing key seed, which
 * lives outside the database. The webhook's id is the additional data, so a ciphertext
 * copied onto another row does not decrypt. Format: `v1.<key id>.<iv>.<ciphertext>.<tag>`
 * (base64url); the key id says which signing key a secret was sealed under.
 */
const PURPOSE = 'webhook secrets v1';

export function encryptWebhookSecret(keys: ServerKeys, webhookId: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keys.derive(PURPOSE), iv);
  cipher.setAAD(Buffer.from(webhookId, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return [
    'v1',
    keys.keyId,
    iv.toString('base64url'),
    ciphertext.toString('base64url'),
    cipher.getAuthTag().toString('base64url'),
  ].join('.');
}

/**
 * The secret of a stored endpoint. Throws when it was sealed under another signing key
 * (SIGNING_KEY was rotated: the endpoint must be created again) or was tampered with.
 */
export function decryptWebhookSecret(keys: ServerKeys, webhookId: string, stored: string): string {
  const [version, keyId, iv, ciphertext, tag] = stored.split('.');
  if (version !== 'v1' || !iv || !ciphertext || !tag) throw new Error('unknown webhook secret format');
  if (keyId !== keys.keyId)
    throw new Error(`webhook secret was sealed under signing key ${keyId}, not the current one`);
  const decipher = createDecipheriv('aes-256-gcm', keys.derive(PURPOSE), Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(webhookId, 'utf8'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
}
