import { createPrivateKey, sign as nodeSign } from 'node:crypto';
import { hexToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import {
  auditRef,
  base64urlDecode,
  base64urlEncode,
  ed25519Pkcs8,
  keyIdOf,
  receiptPayload,
  sealPayload,
  signEd25519,
  verifyEd25519,
  verifyReceiptSignature,
  verifySeal,
} from './server-signature.js';

// RFC 8032 §7.1, test 1: a fixed test key. Ed25519 is deterministic, so every signature
// below is fixed bytes; a change to a payload layout or to the encoding breaks them.
const SEED = hexToBytes('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60');
const PUBLIC_KEY = base64urlEncode(hexToBytes('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a'));
const KEY_ID = '21fe31dfa154a261';
const PROPOSAL = '0b7e3f1a-5c2d-4e6f-8a9b-1c2d3e4f5a6b';

const SIGNATURE_SEAL = {
  payload:
    '{"format":1,"hash":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","keyId":"21fe31dfa154a261","kind":"server-seal","record":"signature","ref":"6f1c9a52-8f3e-4b8e-9d0a-2a7c5e4b1f00"}',
  signature: 'KSYsl_QOdw7xY4D5qGo3kziVDx5rxSrWHceI6Wthnrcx7geUVRzB04f8DchhIdOya7kYbrMpiE6nHKm_pz_AAg',
};
const AUDIT_SEAL = {
  payload:
    '{"format":1,"hash":"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb","keyId":"21fe31dfa154a261","kind":"server-seal","record":"audit","ref":"0b7e3f1a-5c2d-4e6f-8a9b-1c2d3e4f5a6b#3"}',
  signature: 'gqyVlrDqajmvYv4nRz-JhgRcyiYAAiIyJUX55MVAWoL0eSNe5UZM6IN73e-Sb8l0yz62DT4Uh8G8r0Tpfx59BA',
};
const RECEIPT = {
  proposalId: PROPOSAL,
  headHash: 'c'.repeat(64),
  length: 5,
  issuedAt: '2026-12-01T12:00:00.000Z',
  keyId: KEY_ID,
  signature: 'xhCY3ErCXItct3NWsDEfqxuywCltJc55DaoVUmrfLQ-RnPjwPphU1lEWzsFkIgaa58scboQxPbacMMtHILLaAw',
};
const RECEIPT_PAYLOAD =
  '{"format":1,"headHash":"cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc","issuedAt":"2026-12-01T12:00:00.000Z","keyId":"21fe31dfa154a261","kind":"receipt","length":5,"proposalId":"0b7e3f1a-5c2d-4e6f-8a9b-1c2d3e4f5a6b"}';

const keys = new Map([[KEY_ID, PUBLIC_KEY]]);

describe('server signatures (golden vectors)', () => {
  it('signs like RFC 8032 test 1 (the empty message)', async () => {
    expect(base64urlDecode(await signEd25519(SEED, ''))).toEqual(
      hexToBytes(
        'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
      ),
    );
  });

  it('names a key by the first 8 bytes of SHA-256 of its public key', () => {
    expect(keyIdOf(PUBLIC_KEY)).toBe(KEY_ID);
  });

  it('lays out seals and receipts as fixed canonical JSON', () => {
    expect(
      sealPayload({
        record: 'signature',
        ref: '6f1c9a52-8f3e-4b8e-9d0a-2a7c5e4b1f00',
        hash: 'a'.repeat(64),
        keyId: KEY_ID,
      }),
    ).toBe(SIGNATURE_SEAL.payload);
    expect(sealPayload({ record: 'audit', ref: auditRef(PROPOSAL, 3), hash: 'b'.repeat(64), keyId: KEY_ID })).toBe(
      AUDIT_SEAL.payload,
    );
    expect(receiptPayload(RECEIPT)).toBe(RECEIPT_PAYLOAD);
  });

  it('gives fixed signature bytes, in WebCrypto and in node:crypto alike', async () => {
    const nodeKey = createPrivateKey({ key: Buffer.from(ed25519Pkcs8(SEED)), format: 'der', type: 'pkcs8' });
    for (const [payload, signature] of [
      [SIGNATURE_SEAL.payload, SIGNATURE_SEAL.signature],
      [AUDIT_SEAL.payload, AUDIT_SEAL.signature],
      [RECEIPT_PAYLOAD, RECEIPT.signature],
    ] as const) {
      expect(await signEd25519(SEED, payload)).toBe(signature);
      expect(base64urlEncode(nodeSign(null, Buffer.from(payload, 'utf8'), nodeKey))).toBe(signature);
      expect(await verifyEd25519(PUBLIC_KEY, payload, signature)).toBe(true);
    }
  });

  it('accepts a seal or receipt only with the right key, the right record and intact bytes', async () => {
    const facts = { record: 'signature' as const, ref: '6f1c9a52-8f3e-4b8e-9d0a-2a7c5e4b1f00', hash: 'a'.repeat(64) };
    const seal = { keyId: KEY_ID, signature: SIGNATURE_SEAL.signature };
    expect(await verifySeal(keys, facts, seal)).toBe('ok');
    expect(await verifySeal(keys, { ...facts, hash: 'b'.repeat(64) }, seal)).toBe('bad-signature');
    expect(await verifySeal(keys, { ...facts, record: 'audit' }, seal)).toBe('bad-signature');
    expect(await verifySeal(keys, facts, null)).toBe('missing');
    expect(await verifySeal(new Map(), facts, seal)).toBe('unknown-key');
    const flipped = base64urlDecode(seal.signature);
    flipped[10]! ^= 1;
    expect(await verifySeal(keys, facts, { ...seal, signature: base64urlEncode(flipped) })).toBe('bad-signature');
    expect(await verifyReceiptSignature(keys, RECEIPT)).toBe('ok');
    expect(await verifyReceiptSignature(keys, { ...RECEIPT, length: 4 })).toBe('bad-signature');
    expect(await verifyEd25519('not a key', RECEIPT_PAYLOAD, RECEIPT.signature)).toBe(false);
  });

  it('round-trips base64url and refuses other text', () => {
    const bytes = Uint8Array.from({ length: 67 }, (_, index) => (index * 37) % 256);
    expect(base64urlDecode(base64urlEncode(bytes))).toEqual(bytes);
    expect(() => base64urlDecode('a$b')).toThrow(TypeError);
    expect(() => base64urlDecode('abcde')).toThrow(TypeError);
  });
});
