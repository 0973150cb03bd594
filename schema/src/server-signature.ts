import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { canonicalJson, HASH_FORMAT } from './contract.js';

/**
 * The server's own signatures ("seals") over every contract record, and the receipts it
 * hands the parties. Hashes alone can be recomputed by anyone with database access; a
 * seal needs the server's Ed25519 key, which is kept outside the database.
 *
 * What is signed is always the UTF-8 bytes of an RFC 8785 canonical JSON object:
 * - a seal: `{ format, kind: "server-seal", record, ref, hash, keyId }` where `record` is
 *   `version`, `signature` or `audit`, `ref` the record's id (a version's or signature's
 *   id; for an audit row `<proposalId>#<sequence>`) and `hash` its hash (a version's chain
 *   hash, a signature's record hash, an audit row's hash — each covers every field);
 * - a receipt: `{ format, kind: "receipt", proposalId, headHash, length, issuedAt, keyId }`.
 *
 * Verification uses WebCrypto's Ed25519 (Node 24 and current browsers), so the server,
 * `pnpm verify` and the web client's /verify page run this same code.
 */

export const SERVER_KEY_ALG = 'Ed25519' as const;

/** The head of an audit chain with no rows yet. */
export const EMPTY_CHAIN_HEAD = '0'.repeat(64);

export type SealedRecord = 'version' | 'signature' | 'audit';

/** A record's server signature: which key, and the base64url Ed25519 signature. */
export interface Seal {
  keyId: string;
  signature: string;
}

export interface SealFacts {
  record: SealedRecord;
  ref: string;
  hash: string;
  keyId: string;
}

/** A signed statement of a proposal's audit chain head: its hash and how many rows it had. */
export interface Receipt {
  proposalId: string;
  headHash: string;
  length: number;
  issuedAt: string;
  keyId: string;
  signature: string;
}

/** A public key as `GET /.well-known/brieflock-keys` lists it. */
export interface PublishedKey {
  keyId: string;
  alg: typeof SERVER_KEY_ALG;
  publicKey: string;
  createdAt: string | null;
  retiredAt: string | null;
}

/** The `ref` of an audit row in a seal. */
export const auditRef = (proposalId: string, sequence: number): string => `${proposalId}#${sequence}`;

/** The exact text a seal signs. */
export function sealPayload(facts: SealFacts): string {
  return canonicalJson({
    format: HASH_FORMAT,
    kind: 'server-seal',
    record: facts.record,
    ref: facts.ref,
    hash: facts.hash,
    keyId: facts.keyId,
  });
}

/** The exact text a receipt's signature signs. */
export function receiptPayload(receipt: Omit<Receipt, 'signature'>): string {
  return canonicalJson({
    format: HASH_FORMAT,
    kind: 'receipt',
    proposalId: receipt.proposalId,
    headHash: receipt.headHash,
    length: receipt.length,
    issuedAt: new Date(receipt.issuedAt).toISOString(),
    keyId: receipt.keyId,
  });
}

/** base64url without padding (RFC 4648 §5). */
export function base64urlEncode(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Decodes base64url (or standard base64, padded or not); throws a TypeError on anything else. */
export function base64urlDecode(text: string): Uint8Array {
  const bare = typeof text === 'string' ? text.replace(/={1,2}$/, '') : '';
  if (typeof text !== 'string' || !/^[A-Za-z0-9_+/-]*$/.test(bare) || bare.length % 4 === 1)
    throw new TypeError('not base64url');
  const standard = bare.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(standard + '='.repeat((4 - (standard.length % 4)) % 4));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

/** A key's id: the first 8 bytes of SHA-256 of its raw 32-byte public key, lowercase hex. */
export function keyIdOf(publicKey: Uint8Array | string): string {
  const raw = typeof publicKey === 'string' ? base64urlDecode(publicKey) : publicKey;
  return bytesToHex(sha256(raw)).slice(0, 16);
}

/** PKCS#8 DER of an Ed25519 private key from its 32-byte seed (RFC 8410). */
export function ed25519Pkcs8(seed: Uint8Array): Uint8Array {
  if (seed.length !== 32) throw new TypeError('an Ed25519 seed has 32 bytes');
  const prefix = [0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20];
  const der = new Uint8Array(48);
  der.set(prefix, 0);
  der.set(seed, 16);
  return der;
}

const subtle = () => globalThis.crypto.subtle;

/** A copy on a plain ArrayBuffer, as WebCrypto's typings ask. */
const buffer = (bytes: Uint8Array): Uint8Array<ArrayBuffer> => new Uint8Array(bytes);

/** Signs `message` (UTF-8) with the Ed25519 key of `seed`; base64url. Deterministic. */
export async function signEd25519(seed: Uint8Array, message: string): Promise<string> {
  const key = await subtle().importKey('pkcs8', buffer(ed25519Pkcs8(seed)), { name: 'Ed25519' }, false, ['sign']);
  return base64urlEncode(new Uint8Array(await subtle().sign({ name: 'Ed25519' }, key, buffer(utf8ToBytes(message)))));
}

/** True when `signature` (base64url) is `publicKey`'s (base64url, raw 32 bytes) Ed25519 signature of `message`. */
export async function verifyEd25519(publicKey: string, message: string, signature: string): Promise<boolean> {
  try {
    const raw = base64urlDecode(publicKey);
    const bytes = base64urlDecode(signature);
    if (raw.length !== 32 || bytes.length !== 64) return false;
    const key = await subtle().importKey('raw', buffer(raw), { name: 'Ed25519' }, false, ['verify']);
    return await subtle().verify({ name: 'Ed25519' }, key, buffer(bytes), buffer(utf8ToBytes(message)));
  } catch {
    return false;
  }
}

/** Checks a seal against the keys given (by key id). */
export async function verifySeal(
  keys: ReadonlyMap<string, string>,
  facts: Omit<SealFacts, 'keyId'>,
  seal: Seal | null,
): Promise<'ok' | 'missing' | 'unknown-key' | 'bad-signature'> {
  if (!seal?.keyId || !seal.signature) return 'missing';
  const publicKey = keys.get(seal.keyId);
  if (!publicKey) return 'unknown-key';
  return (await verifyEd25519(publicKey, sealPayload({ ...facts, keyId: seal.keyId }), seal.signature))
    ? 'ok'
    : 'bad-signature';
}

/** Checks a receipt's signature against the keys given (by key id). */
export async function verifyReceiptSignature(
  keys: ReadonlyMap<string, string>,
  receipt: Receipt,
): Promise<'ok' | 'unknown-key' | 'bad-signature'> {
  const publicKey = keys.get(receipt.keyId);
  if (!publicKey) return 'unknown-key';
  return (await verifyEd25519(publicKey, receiptPayload(receipt), receipt.signature)) ? 'ok' : 'bad-signature';
}
