import { createPublicKey, type JsonWebKey } from 'node:crypto';
import { PASSKEY_ALGORITHMS } from '@brieflock/schema';
import { cose, decodeCredentialPublicKey } from '@simplewebauthn/server/helpers';

const b64 = (bytes: Uint8Array | undefined) => (bytes ? Buffer.from(bytes).toString('base64url') : undefined);

/**
 * Converts a registered COSE public key to SPKI DER (base64url) — the form WebCrypto
 * imports directly, so anyone can check a stored signature offline. Null for keys of
 * algorithms passkey signatures do not use.
 */
export function spkiOfCoseKey(coseKey: Uint8Array<ArrayBuffer>): { publicKey: string; algorithm: number } | null {
  const key = decodeCredentialPublicKey(coseKey);
  const algorithm = key.get(cose.COSEKEYS.alg);
  let jwk: JsonWebKey | null = null;
  if (algorithm === PASSKEY_ALGORITHMS.ES256 && cose.isCOSEPublicKeyEC2(key) && key.get(cose.COSEKEYS.crv) === 1)
    jwk = { kty: 'EC', crv: 'P-256', x: b64(key.get(cose.COSEKEYS.x)), y: b64(key.get(cose.COSEKEYS.y)) };
  else if (algorithm === PASSKEY_ALGORITHMS.EdDSA && cose.isCOSEPublicKeyOKP(key) && key.get(cose.COSEKEYS.crv) === 6)
    jwk = { kty: 'OKP', crv: 'Ed25519', x: b64(key.get(cose.COSEKEYS.x)) };
  else if (algorithm === PASSKEY_ALGORITHMS.RS256 && cose.isCOSEPublicKeyRSA(key))
    jwk = { kty: 'RSA', n: b64(key.get(cose.COSEKEYS.n)), e: b64(key.get(cose.COSEKEYS.e)) };
  if (!jwk || algorithm === undefined) return null;
  try {
    const der = createPublicKey({ key: jwk, format: 'jwk' }).export({ type: 'spki', format: 'der' });
    return { publicKey: der.toString('base64url'), algorithm };
  } catch {
    return null;
  }
}
