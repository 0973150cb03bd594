import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { canonicalJson, type PasskeyEvidence } from './contract.js';

/**
 * Passkey signatures: what a signer's authenticator signs when they sign a version, and
 * how anyone holding the stored record checks it offline — in Node 24 or a browser, with
 * nothing but WebCrypto (`globalThis.crypto.subtle`).
 *
 * - The WebAuthn challenge of a version signature is `signingChallengeOf(binding)`:
 *   base64url (no padding) of the SHA-256 of the RFC 8785 canonical JSON of
 *   `{ format: 1, kind: "brieflock-version-signing", versionId, contentHash,
 *   consentStatement, nonce }`. The authenticator signs `authenticatorData ‖
 *   SHA-256(clientDataJSON)`, and clientDataJSON carries that challenge, so the
 *   signature covers the version, its exact content and the statement agreed to.
 * - The signer's public key is stored as SPKI DER (base64url), which
 *   `crypto.subtle.importKey('spki', …)` reads directly, with its COSE algorithm.
 */

/** COSE algorithm identifiers of the public keys a passkey signature may use. */
export const PASSKEY_ALGORITHMS = { ES256: -7, EdDSA: -8, RS256: -257 } as const;
export type PasskeyAlgorithm = (typeof PASSKEY_ALGORITHMS)[keyof typeof PASSKEY_ALGORITHMS];
export const SUPPORTED_PASSKEY_ALGORITHMS: readonly PasskeyAlgorithm[] = Object.values(PASSKEY_ALGORITHMS);

/** Limits of passkey ceremonies. */
export const PASSKEY_LIMITS = {
  /** How long a started ceremony (registration, sign-in, signing) may take. */
  challengeTtlMs: 5 * 60_000,
  /** What the browser is asked to wait for the authenticator. */
  ceremonyTimeoutMs: 2 * 60_000,
  nameMaxLength: 64,
  /** Active passkeys one account may hold. */
  perAccount: 20,
  /** Longest base64url field of a WebAuthn response accepted. */
  responseFieldMaxLength: 16_384,
} as const;

/** Version of the signing-challenge layout; bumped if the layout ever changes. */
export const SIGNING_CHALLENGE_FORMAT = 1;

/** What a version signature's challenge binds. */
export interface SigningBinding {
  versionId: string;
  /** Lowercase hex SHA-256 of the version's content. */
  contentHash: string;
  /** The consent statement the signer is shown and agrees to. */
  consentStatement: string;
  /** Random, base64url; makes every challenge single-use. */
  nonce: string;
}

/** The WebAuthn challenge (base64url) for signing a version. */
export function signingChallengeOf(binding: SigningBinding): string {
  return base64UrlEncode(
    sha256(
      utf8ToBytes(
        canonicalJson({
          format: SIGNING_CHALLENGE_FORMAT,
          kind: 'brieflock-version-signing',
          versionId: binding.versionId.toLowerCase(),
          contentHash: binding.contentHash,
          consentStatement: binding.consentStatement,
          nonce: binding.nonce,
        }),
      ),
    ),
  );
}

// Base64url by hand: `Uint8Array.fromBase64` is not in every browser yet, and Buffer is Node-only.
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const LOOKUP = new Map([...ALPHABET].map((char, index) => [char, index]));

/** Base64url without padding (RFC 4648 §5), as WebAuthn's JSON encodings use. */
export function base64UrlEncode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]!;
    if (i + 1 < bytes.length) out += ALPHABET[(n >> 6) & 63]!;
    if (i + 2 < bytes.length) out += ALPHABET[n & 63]!;
  }
  return out;
}

/** Decodes base64url (padding and the standard alphabet's + and / tolerated); null when malformed. */
export function base64UrlDecode(text: string): Uint8Array | null {
  const clean = text.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  if (clean.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let index = 0;
  for (const char of clean) {
    const digit = LOOKUP.get(char);
    if (digit === undefined) return null;
    value = (value << 6) | digit;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[index++] = (value >> bits) & 0xff;
    }
  }
  return out;
}

/** The stored parts of a passkey signature (each binary value base64url). */
export interface SignatureAssertion {
  /** The credential's public key, SPKI DER. */
  publicKey: string;
  /** COSE algorithm of the public key (-7 ES256, -8 EdDSA, -257 RS256). */
  algorithm: number;
  authenticatorData: string;
  clientDataJSON: string;
  signature: string;
}

export interface AssertionExpectation {
  /** The challenge the client data must carry, e.g. `signingChallengeOf(binding)`. */
  challenge: string;
  /** The relying party ID whose SHA-256 the authenticator data must start with. */
  rpId: string;
  /** Origins the assertion may come from; unchecked when absent. */
  origins?: readonly string[];
}

export type AssertionField =
  | 'publicKey'
  | 'algorithm'
  | 'authenticatorData'
  | 'clientDataJSON'
  | 'type'
  | 'challenge'
  | 'origin'
  | 'rpIdHash'
  | 'userPresent'
  | 'userVerified'
  | 'signature';

export interface AssertionFailure {
  field: AssertionField;
  message: string;
}

export interface AssertionCheck {
  ok: boolean;
  /** Every check that failed, in the order they are listed above; empty when ok. */
  failures: AssertionFailure[];
}

const FLAG_USER_PRESENT = 0x01;
const FLAG_USER_VERIFIED = 0x04;

/**
 * Checks a stored passkey signature offline: the client data is a `webauthn.get` for the
 * expected challenge (and origin), the authenticator data names the relying party and
 * says the user was present and verified, and the signature over
 * `authenticatorData ‖ SHA-256(clientDataJSON)` verifies under the public key.
 * Never throws on bad input: every problem is a failure in the result.
 */
export async function verifySignatureAssertion(
  assertion: SignatureAssertion,
  expected: AssertionExpectation,
): Promise<AssertionCheck> {
  const failures: AssertionFailure[] = [];
  const fail = (field: AssertionField, message: string) => failures.push({ field, message });

  const publicKey = base64UrlDecode(assertion.publicKey);
  const authenticatorData = base64UrlDecode(assertion.authenticatorData);
  const clientDataBytes = base64UrlDecode(assertion.clientDataJSON);
  const signature = base64UrlDecode(assertion.signature);
  if (!publicKey || publicKey.length === 0) fail('publicKey', 'the public key is not base64url');
  if (!SUPPORTED_PASSKEY_ALGORITHMS.includes(assertion.algorithm as PasskeyAlgorithm))
    fail('algorithm', `the key algorithm ${assertion.algorithm} is not supported`);

  let clientData: { type?: unknown; challenge?: unknown; origin?: unknown } | null = null;
  try {
    if (clientDataBytes) clientData = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(clientDataBytes));
  } catch {
    clientData = null;
  }
  if (!clientData || typeof clientData !== 'object') fail('clientDataJSON', 'the client data is not JSON');
  else {
    if (clientData.type !== 'webauthn.get') fail('type', 'the client data is not an assertion (webauthn.get)');
    if (clientData.challenge !== expected.challenge)
      fail('challenge', 'the signed challenge is not the one this version, hash and statement give');
    if (expected.origins && !expected.origins.includes(String(clientData.origin)))
      fail('origin', `the assertion comes from an unexpected origin ${JSON.stringify(clientData.origin)}`);
  }

  if (!authenticatorData || authenticatorData.length < 37) fail('authenticatorData', 'the authenticator data is short');
  else {
    const rpIdHash = sha256(utf8ToBytes(expected.rpId));
    if (!equalBytes(authenticatorData.subarray(0, 32), rpIdHash))
      fail('rpIdHash', `the authenticator data is not for the relying party ${expected.rpId}`);
    const flags = authenticatorData[32]!;
    if (!(flags & FLAG_USER_PRESENT)) fail('userPresent', 'the authenticator did not see the user present');
    if (!(flags & FLAG_USER_VERIFIED)) fail('userVerified', 'the authenticator did not verify the user');
  }

  if (!signature || !publicKey || !authenticatorData || !clientDataBytes) fail('signature', 'the signature is missing');
  else if (!(await signatureVerifies(assertion.algorithm, publicKey, signature, authenticatorData, clientDataBytes)))
    fail('signature', 'the signature does not verify under the public key');

  return { ok: failures.length === 0, failures };
}

async function signatureVerifies(
  algorithm: number,
  spki: Uint8Array,
  signature: Uint8Array,
  authenticatorData: Uint8Array,
  clientData: Uint8Array,
): Promise<boolean> {
  const subtle = globalThis.crypto.subtle;
  const clientDataHash = new Uint8Array(await subtle.digest('SHA-256', buffer(clientData)));
  const signed = new Uint8Array(authenticatorData.length + clientDataHash.length);
  signed.set(authenticatorData);
  signed.set(clientDataHash, authenticatorData.length);
  try {
    if (algorithm === PASSKEY_ALGORITHMS.ES256) {
      const key = await subtle.importKey('spki', buffer(spki), { name: 'ECDSA', namedCurve: 'P-256' }, false, [
        'verify',
      ]);
      const raw = derToRawEcdsa(signature, 32);
      if (!raw) return false;
      return await subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, key, buffer(raw), buffer(signed));
    }
    if (algorithm === PASSKEY_ALGORITHMS.EdDSA) {
      const key = await subtle.importKey('spki', buffer(spki), { name: 'Ed25519' }, false, ['verify']);
      return await subtle.verify({ name: 'Ed25519' }, key, buffer(signature), buffer(signed));
    }
    if (algorithm === PASSKEY_ALGORITHMS.RS256) {
      const key = await subtle.importKey('spki', buffer(spki), { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, [
        'verify',
      ]);
      return await subtle.verify({ name: 'RSASSA-PKCS1-v1_5' }, key, buffer(signature), buffer(signed));
    }
    return false;
  } catch {
    // A key WebCrypto cannot import (wrong curve, garbage) verifies nothing.
    return false;
  }
}

/** A fresh ArrayBuffer with exactly these bytes (WebCrypto's types want ArrayBuffer, not a view). */
const buffer = (bytes: Uint8Array): ArrayBuffer => bytes.slice().buffer as ArrayBuffer;

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

/**
 * WebAuthn ES256 signatures are ASN.1 DER `SEQUENCE { INTEGER r, INTEGER s }`; WebCrypto
 * verifies only the fixed-width `r ‖ s` form. Written by hand because no WebCrypto or
 * dependency-free library does this one conversion. Null when the DER is malformed.
 */
export function derToRawEcdsa(der: Uint8Array, size: number): Uint8Array | null {
  let offset = 0;
  const readLength = (): number | null => {
    const first = der[offset++];
    if (first === undefined) return null;
    if (first < 0x80) return first;
    if (first !== 0x81) return null;
    return der[offset++] ?? null;
  };
  if (der[offset++] !== 0x30) return null;
  const total = readLength();
  if (total === null || offset + total !== der.length) return null;
  const out = new Uint8Array(size * 2);
  for (let part = 0; part < 2; part++) {
    if (der[offset++] !== 0x02) return null;
    const length = readLength();
    if (length === null || length === 0 || offset + length > der.length) return null;
    let integer = der.subarray(offset, offset + length);
    offset += length;
    while (integer.length > 1 && integer[0] === 0) integer = integer.subarray(1);
    if (integer.length > size) return null;
    out.set(integer, part * size + (size - integer.length));
  }
  return offset === der.length ? out : null;
}

/** The stored facts of one signature that its passkey assertion must bind. */
export interface SignedFacts {
  versionId: string;
  contentHash: string;
  consentStatement: string;
  passkey: PasskeyEvidence;
}

/**
 * Checks a stored signature's passkey assertion against the facts stored with it: the
 * challenge is recomputed from the version id, the content hash, the consent statement
 * and the stored nonce, and the authenticator data must name the stored RP ID (pass
 * `rpId` to require a particular one, e.g. the deployment's own).
 */
export function verifySignedFacts(
  facts: SignedFacts,
  options: { rpId?: string; origins?: readonly string[] } = {},
): Promise<AssertionCheck> {
  const { passkey } = facts;
  return verifySignatureAssertion(
    {
      publicKey: passkey.publicKey,
      algorithm: passkey.algorithm,
      authenticatorData: passkey.authenticatorData,
      clientDataJSON: passkey.clientDataJSON,
      signature: passkey.signature,
    },
    {
      challenge: signingChallengeOf({
        versionId: facts.versionId,
        contentHash: facts.contentHash,
        consentStatement: facts.consentStatement,
        nonce: passkey.nonce,
      }),
      rpId: options.rpId ?? passkey.rpId,
      origins: options.origins,
    },
  );
}
