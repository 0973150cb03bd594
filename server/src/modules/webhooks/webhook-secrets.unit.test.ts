import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { serverKeysOf } from '../trust/server-keys.js';
import { decryptWebhookSecret, encryptWebhookSecret } from './webhook-secrets.js';
import { newWebhookSecret } from './webhook-signature.js';

const keysOf = () => serverKeysOf(generateKeyPairSync('ed25519').privateKey, null, []);

describe('webhook secrets at rest', () => {
  const keys = keysOf();
  const secret = newWebhookSecret();
  const id = '7d3c1f4e-8a62-4b1e-9d0a-3f5b2c6e8a91';

  it('are stored encrypted and come back for signing', () => {
    const stored = encryptWebhookSecret(keys, id, secret);
    expect(stored).not.toContain(secret.slice(6));
    expect(stored.startsWith(`v1.${keys.keyId}.`)).toBe(true);
    expect(decryptWebhookSecret(keys, id, stored)).toBe(secret);
    // A fresh nonce each time: the same secret never looks the same twice.
    expect(encryptWebhookSecret(keys, id, secret)).not.toBe(stored);
  });

  it('do not decrypt on another row, under another key, or once altered', () => {
    const stored = encryptWebhookSecret(keys, id, secret);
    expect(() => decryptWebhookSecret(keys, 'another-webhook', stored)).toThrow();
    expect(() => decryptWebhookSecret(keysOf(), id, stored)).toThrow(/signing key/);
    const parts = stored.split('.');
    const flipped = Buffer.from(parts[3]!, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    parts[3] = flipped.toString('base64url');
    expect(() => decryptWebhookSecret(keys, id, parts.join('.'))).toThrow();
  });

  it('derive keys per purpose that are not the signing seed', () => {
    expect(keys.derive('a')).toHaveLength(32);
    expect(keys.derive('a').equals(keys.derive('b'))).toBe(false);
    expect(keys.derive('a').equals(keys.derive('a'))).toBe(true);
  });
});
