import {
  type Check,
  type CheckedAuditRow,
  type CheckedSignature,
  type CheckedVersion,
  type ContractRecords,
  checkContractRecords,
  type Mismatch,
  mismatchesOf,
} from './contract-check.js';
import { base64urlDecode, keyIdOf, type PublishedKey, type Receipt } from './server-signature.js';

/**
 * An evidence bundle (`GET /export/versions/<id>.evidence.json`): everything needed to
 * check a contract version without the server — its canonical content, every version's
 * record (the chain), every signature with its WebAuthn assertion when there is one, the
 * server's seals and public keys, the receipt for the audit chain, and the audit trail.
 */
export const EVIDENCE_FORMAT = 'brieflock-evidence';
export const EVIDENCE_FORMAT_VERSION = 1;

/**
 * A signature with its passkey assertion and the credential's public key (`passkey`). For
 * a copy exported to a viewer, `ip` and `userAgent` are null and `withheld` is true.
 */
export type EvidenceSignature = CheckedSignature;

export interface EvidenceBundle {
  format: typeof EVIDENCE_FORMAT;
  formatVersion: typeof EVIDENCE_FORMAT_VERSION;
  exportedAt: string;
  proposal: { id: string; title: string };
  /** The version this bundle is for; its `contentJson` is included, other versions' are not. */
  versionId: string;
  versions: CheckedVersion[];
  signatures: EvidenceSignature[];
  audit: CheckedAuditRow[];
  /** Names of the people the records refer to, for display (not checked: not part of any hash). */
  people: { id: string; name: string }[];
  keys: PublishedKey[];
  receipt: Receipt;
}

/** The bundle is not one: not JSON, or not the layout above. */
export class EvidenceFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EvidenceFormatError';
  }
}

export interface EvidenceReport {
  ok: boolean;
  proposalId: string;
  versionId: string;
  /** Where the trusted keys came from: the bundle itself, or keys the checker pinned (e.g. the server's published keys). */
  keySource: 'bundle' | 'pinned';
  checks: Check[];
  firstMismatch: Mismatch | null;
  mismatches: Mismatch[];
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === 'string';
const isStringOrNull = (value: unknown) => value === null || isString(value);
/** An ISO 8601 time as the server writes them (a changed digit may still be one). */
const isTime = (value: unknown) =>
  isString(value) && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(value) && !Number.isNaN(Date.parse(value));

function expect(ok: boolean, what: string): asserts ok {
  if (!ok) throw new EvidenceFormatError(`not an evidence bundle: ${what}`);
}

const isSeal = (value: unknown) =>
  value === null || (isObject(value) && isString(value.keyId) && isString(value.signature));

const PASSKEY_TEXT = [
  'passkeyId',
  'credentialId',
  'publicKey',
  'authenticatorData',
  'clientDataJSON',
  'signature',
  'nonce',
  'rpId',
] as const;
const isPasskey = (value: unknown) =>
  value === null ||
  (isObject(value) && PASSKEY_TEXT.every((field) => isString(value[field])) && typeof value.algorithm === 'number');

/** Parses a bundle's text and checks its layout (not its contents). Throws EvidenceFormatError. */
export function parseEvidenceBundle(text: string): EvidenceBundle {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new EvidenceFormatError('not an evidence bundle: the file is not JSON');
  }
  expect(isObject(value) && value.format === EVIDENCE_FORMAT, `"format" is not "${EVIDENCE_FORMAT}"`);
  expect(value.formatVersion === EVIDENCE_FORMAT_VERSION, `unsupported formatVersion ${String(value.formatVersion)}`);
  expect(isObject(value.proposal) && isString(value.proposal.id), 'proposal.id is missing');
  expect(isString(value.versionId), 'versionId is missing');
  expect(
    Array.isArray(value.versions) && Array.isArray(value.signatures) && Array.isArray(value.audit),
    'versions, signatures or audit is missing',
  );
  for (const version of value.versions as unknown[])
    expect(
      isObject(version) &&
        isString(version.id) &&
        typeof version.number === 'number' &&
        isString(version.status) &&
        isString(version.contentHash) &&
        isString(version.chainHash) &&
        isStringOrNull(version.note ?? null) &&
        isString(version.frozenById) &&
        isStringOrNull(version.previousHash) &&
        isStringOrNull(version.amendsId ?? null) &&
        isTime(version.frozenAt) &&
        Array.isArray(version.signerIds) &&
        isSeal(version.seal ?? null),
      'a version is malformed',
    );
  for (const signature of value.signatures as unknown[])
    expect(
      isObject(signature) &&
        isString(signature.id) &&
        isString(signature.versionId) &&
        isString(signature.signerId) &&
        isTime(signature.signedAt) &&
        isString(signature.contentHash) &&
        isStringOrNull(signature.ip) &&
        isStringOrNull(signature.userAgent) &&
        isString(signature.authMethod) &&
        isString(signature.consentStatement) &&
        isString(signature.recordHash) &&
        isSeal(signature.seal ?? null) &&
        isPasskey(signature.passkey ?? null),
      'a signature is malformed',
    );
  for (const row of value.audit as unknown[])
    expect(
      isObject(row) &&
        typeof row.sequence === 'number' &&
        isString(row.kind) &&
        isStringOrNull(row.actorId ?? null) &&
        isStringOrNull(row.versionId ?? null) &&
        isStringOrNull(row.previousHash ?? null) &&
        isString(row.hash) &&
        isTime(row.at) &&
        isSeal(row.seal ?? null),
      'an audit row is malformed',
    );
  expect(Array.isArray(value.keys), 'keys is missing');
  for (const key of value.keys as unknown[])
    expect(isObject(key) && isString(key.publicKey) && isString(key.keyId), 'a key is malformed');
  const receipt = value.receipt;
  expect(
    isObject(receipt) &&
      isString(receipt.proposalId) &&
      isString(receipt.headHash) &&
      isTime(receipt.issuedAt) &&
      typeof receipt.length === 'number' &&
      isString(receipt.signature) &&
      isString(receipt.keyId),
    'receipt is missing',
  );
  return value as unknown as EvidenceBundle;
}

/** Public keys by key id, each checked against its id. */
function keyMap(keys: readonly PublishedKey[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const key of keys) {
    try {
      if (keyIdOf(base64urlDecode(key.publicKey)) === key.keyId) map.set(key.keyId, key.publicKey);
    } catch {
      // a key that does not decode is not trusted
    }
  }
  return map;
}

export interface EvidenceOptions {
  /** Keys to trust instead of the bundle's own (e.g. fetched from the server's /.well-known/brieflock-keys). */
  pinnedKeys?: readonly PublishedKey[];
}

/**
 * Checks an evidence bundle offline: the version's content against its hash, the chain of
 * versions, every signature's record hash and passkey assertion, every server signature,
 * the audit trail against versions and signatures, and the receipt against the chain.
 * Runs in Node and browsers (WebCrypto only).
 */
export async function verifyEvidenceBundle(
  bundle: EvidenceBundle,
  options: EvidenceOptions = {},
): Promise<EvidenceReport> {
  const trusted = keyMap(options.pinnedKeys ?? bundle.keys);
  const records: ContractRecords = {
    proposalId: bundle.proposal.id,
    versions: bundle.versions.map((version) => ({ ...version, seal: version.seal ?? null })),
    signatures: bundle.signatures.map((signature) => ({
      ...signature,
      seal: signature.seal ?? null,
      passkey: signature.passkey ?? null,
    })),
    audit: bundle.audit.map((row) => ({ ...row, seal: row.seal ?? null })),
  };
  const checks = await checkContractRecords(records, { trusted, receipt: bundle.receipt });
  const subject = records.versions.find((version) => version.id === bundle.versionId);
  const contentIncluded = subject !== undefined && subject.contentJson !== undefined;
  checks.unshift({
    kind: 'VERSION',
    id: bundle.versionId,
    number: subject?.number ?? null,
    field: 'contentJson',
    ok: contentIncluded,
    expected: 'the version and its content',
    actual: contentIncluded ? 'included' : 'missing',
    message: contentIncluded
      ? 'the bundle holds the version and its content'
      : 'the bundle does not hold the version’s content',
  });
  const mismatches = mismatchesOf(checks);
  return {
    ok: mismatches.length === 0,
    proposalId: bundle.proposal.id,
    versionId: bundle.versionId,
    keySource: options.pinnedKeys ? 'pinned' : 'bundle',
    checks,
    firstMismatch: mismatches[0] ?? null,
    mismatches,
  };
}
