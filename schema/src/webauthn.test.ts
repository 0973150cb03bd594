import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  base64UrlDecode,
  base64UrlEncode,
  derToRawEcdsa,
  type SignatureAssertion,
  signatureHashOf,
  signingChallengeOf,
  verifySignatureAssertion,
  verifySignedFacts,
} from './index.js';

const BINDING = {
  versionId: '0b6f3c1e-2d4a-4e8f-9a1b-7c3d5e6f8a90',
  contentHash: 'a'.repeat(64),
  consentStatement: 'I, Ada, agree.',
  nonce: 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8',
};
const CHALLENGE = 'IU_EbYpMpSjq0ChF0duYIYdWUSurI6BjDZk81T7p-Cg';

/** An ES256 assertion over CHALLENGE for RP ID "localhost", made once with node:crypto and kept. */
const GOLDEN: SignatureAssertion = {
  publicKey:
    'MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAETToLkzY60BDjb0VWsI234CyiOeo2_0by-_sepzd3SRA8hU9Tbh7rwk0uXuTQrYEfr_JfcKhHae0NI6jZeXQbpA',
  algorithm: -7,
  authenticatorData: 'SZYN5YgOjGh0NBcPZHZgW4_krrmihjLHmVzzuoMdl2MFAAAAAQ',
  clientDataJSON:
    'eyJ0eXBlIjoid2ViYXV0aG4uZ2V0IiwiY2hhbGxlbmdlIjoiSVVfRWJZcE1wU2pxMENoRjBkdVlJWWRXVVN1ckk2QmpEWms4MVQ3cC1DZyIsIm9yaWdpbiI6Imh0dHA6Ly9sb2NhbGhvc3Q6NDAwMCIsImNyb3NzT3JpZ2luIjpmYWxzZX0',
  signature: 'MEUCIQD56GjGlNXZVWnv6W8zjzv6UIoZp6XtETjwVPeCNor_YgIgEb29_dVDpPiofH3crBOGeZlcabq0ZqQzNfAVw5J2hRc',
};
const EXPECTED = { challenge: CHALLENGE, rpId: 'localhost', origins: ['http://localhost:4000'] };

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
const fieldsOf = (check: { failures: { field: string }[] }) => check.failures.map((failure) => failure.field);

/** Signs like an authenticator: over authenticatorData ‖ SHA-256(clientDataJSON). */
function assertWith(
  privateKey: KeyObject,
  publicKey: KeyObject,
  algorithm: number,
  options: { flags?: number; rpId?: string; challenge?: string; type?: string } = {},
): SignatureAssertion {
  const authData = Buffer.concat([
    createHash('sha256')
      .update(options.rpId ?? 'localhost')
      .digest(),
    Buffer.from([options.flags ?? 0x05, 0, 0, 0, 7]),
  ]);
  const clientData = Buffer.from(
    JSON.stringify({
      type: options.type ?? 'webauthn.get',
      challenge: options.challenge ?? CHALLENGE,
      origin: 'http://localhost:4000',
    }),
  );
  const signed = Buffer.concat([authData, createHash('sha256').update(clientData).digest()]);
  const signature = sign(algorithm === -8 ? null : 'sha256', signed, privateKey);
  return {
    publicKey: b64(publicKey.export({ type: 'spki', format: 'der' })),
    algorithm,
    authenticatorData: b64(authData),
    clientDataJSON: b64(clientData),
    signature: b64(signature),
  };
}

describe('signingChallengeOf', () => {
  it('is the base64url SHA-256 of the canonical JSON of the binding (golden vector)', () => {
    const canonical =
      '{"consentStatement":"I, Ada, agree.","contentHash":"' +
      'a'.repeat(64) +
      '","format":1,"kind":"brieflock-version-signing","nonce":"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8","versionId":"0b6f3c1e-2d4a-4e8f-9a1b-7c3d5e6f8a90"}';
    expect(createHash('sha256').update(canonical).digest('base64url')).toBe(CHALLENGE);
    expect(signingChallengeOf(BINDING)).toBe(CHALLENGE);
  });

  it('changes with every bound fact, and reads any spelling of the version id alike', () => {
    expect(signingChallengeOf({ ...BINDING, versionId: BINDING.versionId.toUpperCase() })).toBe(CHALLENGE);
    for (const change of [
      { versionId: '1b6f3c1e-2d4a-4e8f-9a1b-7c3d5e6f8a90' },
      { contentHash: 'b'.repeat(64) },
      { consentStatement: 'I, Ada, agree!' },
      { nonce: 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh9' },
    ])
      expect(signingChallengeOf({ ...BINDING, ...change })).not.toBe(CHALLENGE);
  });
});

describe('base64url', () => {
  it('round-trips every length and refuses characters outside the alphabet', () => {
    for (let length = 0; length < 40; length++) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 37 + length) & 0xff);
      expect(base64UrlEncode(bytes)).toBe(b64(bytes));
      expect(Buffer.from(base64UrlDecode(b64(bytes))!).equals(Buffer.from(bytes))).toBe(true);
    }
    expect(base64UrlDecode('ab$c')).toBeNull();
    expect(base64UrlDecode('a')).toBeNull();
  });
});

describe('derToRawEcdsa', () => {
  it('pads short integers, drops sign bytes and refuses malformed DER', () => {
    const der = Uint8Array.from([0x30, 0x07, 0x02, 0x02, 0x00, 0x80, 0x02, 0x01, 0x05]);
    expect(Array.from(derToRawEcdsa(der, 2)!)).toEqual([0x00, 0x80, 0x00, 0x05]);
    expect(derToRawEcdsa(der.subarray(0, 8), 2)).toBeNull();
    expect(derToRawEcdsa(Uint8Array.from([0x31, 0x00]), 2)).toBeNull();
  });
});

describe('verifySignatureAssertion', () => {
  it('accepts the golden ES256 assertion', async () => {
    expect(await verifySignatureAssertion(GOLDEN, EXPECTED)).toEqual({ ok: true, failures: [] });
  });

  it('refuses a made-up signature, another challenge, another RP ID and another origin', async () => {
    const forged = { ...GOLDEN, signature: GOLDEN.signature.replace(/^MEUCIQD5/, 'MEUCIQD6') };
    expect(fieldsOf(await verifySignatureAssertion(forged, EXPECTED))).toEqual(['signature']);
    expect(fieldsOf(await verifySignatureAssertion(GOLDEN, { ...EXPECTED, challenge: 'x' }))).toEqual(['challenge']);
    expect(fieldsOf(await verifySignatureAssertion(GOLDEN, { ...EXPECTED, rpId: 'example.com' }))).toEqual([
      'rpIdHash',
    ]);
    expect(
      fieldsOf(await verifySignatureAssertion(GOLDEN, { ...EXPECTED, origins: ['https://evil.example'] })),
    ).toEqual(['origin']);
  });

  it('refuses another key, garbage, and an unsupported algorithm without throwing', async () => {
    const other = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey;
    const swapped = { ...GOLDEN, publicKey: b64(other.export({ type: 'spki', format: 'der' })) };
    expect(fieldsOf(await verifySignatureAssertion(swapped, EXPECTED))).toEqual(['signature']);
    const garbage = { publicKey: 'AAAA', algorithm: -7, authenticatorData: '', clientDataJSON: '!!', signature: '' };
    expect(fieldsOf(await verifySignatureAssertion(garbage, EXPECTED))).toEqual([
      'clientDataJSON',
      'authenticatorData',
      'signature',
    ]);
    expect(fieldsOf(await verifySignatureAssertion({ ...GOLDEN, algorithm: -35 }, EXPECTED))).toEqual([
      'algorithm',
      'signature',
    ]);
  });

  it('requires user presence and user verification in the signed flags', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    expect(
      fieldsOf(await verifySignatureAssertion(assertWith(privateKey, publicKey, -7, { flags: 0x01 }), EXPECTED)),
    ).toEqual(['userVerified']);
    expect(
      fieldsOf(await verifySignatureAssertion(assertWith(privateKey, publicKey, -7, { flags: 0x04 }), EXPECTED)),
    ).toEqual(['userPresent']);
    const registration = assertWith(privateKey, publicKey, -7, { type: 'webauthn.create' });
    expect(fieldsOf(await verifySignatureAssertion(registration, EXPECTED))).toEqual(['type']);
  });

  it('verifies EdDSA (Ed25519) and RS256 keys too', async () => {
    const ed = generateKeyPairSync('ed25519');
    expect((await verifySignatureAssertion(assertWith(ed.privateKey, ed.publicKey, -8), EXPECTED)).ok).toBe(true);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    expect((await verifySignatureAssertion(assertWith(rsa.privateKey, rsa.publicKey, -257), EXPECTED)).ok).toBe(true);
    const tampered = { ...assertWith(ed.privateKey, ed.publicKey, -8), authenticatorData: GOLDEN.authenticatorData };
    expect(fieldsOf(await verifySignatureAssertion(tampered, EXPECTED))).toEqual(['signature']);
  });
});

describe('verifySignedFacts', () => {
  const passkey = {
    passkeyId: '5d1c2f4e-0000-4000-8000-000000000001',
    credentialId: 'Y3JlZA',
    publicKey: GOLDEN.publicKey,
    algorithm: GOLDEN.algorithm,
    authenticatorData: GOLDEN.authenticatorData,
    clientDataJSON: GOLDEN.clientDataJSON,
    signature: GOLDEN.signature,
    nonce: BINDING.nonce,
    rpId: 'localhost',
  };

  it('recomputes the challenge from the stored version, hash, statement and nonce', async () => {
    const facts = {
      versionId: BINDING.versionId,
      contentHash: BINDING.contentHash,
      consentStatement: BINDING.consentStatement,
      passkey,
    };
    expect((await verifySignedFacts(facts)).ok).toBe(true);
    expect(fieldsOf(await verifySignedFacts({ ...facts, consentStatement: 'I, Bob, agree.' }))).toEqual(['challenge']);
    expect(fieldsOf(await verifySignedFacts({ ...facts, contentHash: 'c'.repeat(64) }))).toEqual(['challenge']);
    expect(fieldsOf(await verifySignedFacts(facts, { rpId: 'brieflock.example' }))).toEqual(['rpIdHash']);
  });

  it('leaves the record hash of a signature without a passkey as it was, and covers the passkey when there is one', () => {
    const record = {
      versionId: BINDING.versionId,
      signerId: '5d1c2f4e-0000-4000-8000-000000000002',
      contentHash: BINDING.contentHash,
      signedAt: '2026-12-01T10:00:00.000Z',
      ip: null,
      userAgent: null,
      authMethod: 'password',
      consentStatement: BINDING.consentStatement,
    };
    const legacy = signatureHashOf(record);
    expect(signatureHashOf({ ...record, passkey: null })).toBe(legacy);
    const withPasskey = signatureHashOf({ ...record, passkey });
    expect(withPasskey).not.toBe(legacy);
    expect(signatureHashOf({ ...record, passkey: { ...passkey, nonce: 'AA' } })).not.toBe(withPasskey);
  });
});
