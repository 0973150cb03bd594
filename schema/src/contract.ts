import canonicalize from 'canonicalize';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { BRIEF_SECTIONS } from './brief.js';
import type { TypedBriefContent } from './brief-content.js';

/**
 * Frozen contract versions: what is hashed and how. Server, web client and the
 * `verify` command all use these functions, so a hash computed anywhere matches.
 *
 * - `contentHash` = lowercase hex SHA-256 of the RFC 8785 canonical JSON of the
 *   version's content (the brief keyed by section).
 * - `chainHash` = SHA-256 of the canonical JSON of the version's record (proposal,
 *   number, content hash, the previous version's chain hash, who froze it, when,
 *   the note and the required signers). Changing any of them, or any earlier
 *   version, breaks every later chain hash.
 * - A signature's `recordHash` and an audit row's `hash` cover every stored field.
 */

/** DECLINED: a required signer refused it, with a reason; it can never be signed. */
export const VERSION_STATUSES = ['AWAITING_SIGNATURES', 'SIGNED', 'SUPERSEDED', 'DECLINED'] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];

export const PROPOSAL_EVENT_KINDS = [
  'DRAFT_CHANGED',
  'VERSION_FROZEN',
  'VERSION_SIGNED',
  'VERSION_EXECUTED',
  'PARTICIPANT_ADDED',
  'PARTICIPANT_REMOVED',
  'PARTICIPANT_UPDATED',
  'THREAD_STARTED',
  'COMMENT_ADDED',
  'COMMENT_EDITED',
  'COMMENT_DELETED',
  'THREAD_RESOLVED',
  'THREAD_REOPENED',
  'SUGGESTION_ADDED',
  'SUGGESTION_DECIDED',
  'PROPOSAL_UPDATED',
  'VERSION_DECLINED',
  'MILESTONE_STARTED',
  'MILESTONE_SUBMITTED',
  'MILESTONE_CHANGES_REQUESTED',
  'MILESTONE_ACCEPTED',
  'ENGAGEMENT_CLOSED',
  'REVIEW_WRITTEN',
  'REVIEW_ANSWERED',
] as const;
export type ProposalEventKind = (typeof PROPOSAL_EVENT_KINDS)[number];

/** The fields of a proposal whose change PROPOSAL_UPDATED announces (named as in the GraphQL `Proposal`). */
export const PROPOSAL_FIELDS = ['title', 'archived'] as const;
export type ProposalField = (typeof PROPOSAL_FIELDS)[number];

/** Version of the record layouts hashed below; bumped if a layout ever changes. */
export const HASH_FORMAT = 1;

/** RFC 8785 (JCS) canonical JSON. Throws on values JSON cannot represent. */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('value has no JSON representation');
  return text;
}

/** Lowercase hex SHA-256 of a string's UTF-8 bytes. */
export function sha256Hex(text: string): string {
  return bytesToHex(sha256(utf8ToBytes(text)));
}

/** True for a lowercase hex SHA-256 digest. */
export function isSha256Hex(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f]{64}$/.test(value);
}

/**
 * The frozen content of a brief: every section, keyed by section key, as plain JSON
 * (a deep copy, so later edits to `brief` cannot change it).
 */
export function contentJsonOf(brief: TypedBriefContent): TypedBriefContent {
  return frozenContentOf(brief).contentJson;
}

export interface FrozenContent {
  /** `contentJsonOf(brief)`. */
  contentJson: TypedBriefContent;
  /** Its canonical JSON (`canonicalJson(contentJson)`): the text `contentHash` covers. */
  canonical: string;
  /** `contentHashOf(contentJson)`. */
  contentHash: string;
}

/**
 * A brief's frozen content, its canonical JSON and its content hash, serialising it once:
 * the canonical text the copy is parsed from is already the copy's own canonical JSON
 * (JCS orders keys whatever order an object holds them in), unless U+0000 had to be
 * dropped from it.
 */
export function frozenContentOf(brief: TypedBriefContent): FrozenContent {
  const content: Record<string, unknown> = {};
  for (const section of BRIEF_SECTIONS) content[section.key] = brief[section.key as keyof TypedBriefContent];
  const text = canonicalJson(content);
  // JCS writes U+0000 as this escape, and nothing else as these six characters but an
  // escaped backslash followed by `u0000` (where the check only costs a second pass).
  const clean = !text.includes('\\u0000');
  const contentJson = (clean ? JSON.parse(text) : withoutNul(JSON.parse(text))) as TypedBriefContent;
  const canonical = clean ? text : canonicalJson(contentJson);
  return { contentJson, canonical, contentHash: sha256Hex(canonical) };
}

/**
 * Drops U+0000 from every string and key. Any collaborator can type one through Yjs,
 * and PostgreSQL's jsonb cannot store it: left in, one invisible character would make
 * the brief impossible to freeze.
 */
function withoutNul(value: unknown): unknown {
  if (typeof value === 'string') return value.includes('\u0000') ? value.replaceAll('\u0000', '') : value;
  if (Array.isArray(value)) return value.map(withoutNul);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [withoutNul(key) as string, withoutNul(item)]),
    );
  }
  return value;
}

/** `contentHash` of a version: SHA-256 of the canonical JSON of its content. */
export function contentHashOf(contentJson: unknown): string {
  return sha256Hex(canonicalJson(contentJson));
}

export interface VersionRecord {
  proposalId: string;
  number: number;
  contentHash: string;
  /** Chain hash of the version before this one; null for version 1. */
  previousHash: string | null;
  frozenById: string;
  frozenAt: Date | string;
  note: string | null;
  /** User ids of every CLIENT and FREELANCER at the time of freezing. */
  signerIds: readonly string[];
  /** Groups of signer ids signed in sequence; absent or null when any order goes. */
  signingOrder?: readonly (readonly string[])[] | null;
  /** The version in force that this one amends (a change order); absent or null otherwise. */
  amendsId?: string | null;
}

const iso = (at: Date | string) => (typeof at === 'string' ? new Date(at) : at).toISOString();

/** `chainHash` of a version: covers its record and, through `previousHash`, every earlier one. */
export function chainHashOf(record: VersionRecord): string {
  return sha256Hex(
    canonicalJson({
      format: HASH_FORMAT,
      kind: 'contract-version',
      proposalId: record.proposalId,
      number: record.number,
      contentHash: record.contentHash,
      previousHash: record.previousHash,
      frozenById: record.frozenById,
      frozenAt: iso(record.frozenAt),
      note: record.note,
      signerIds: [...record.signerIds].sort(),
      // Hashed only when set, so versions frozen before signing orders and change
      // orders keep the hashes they were signed with. Inside a group the order of ids
      // carries no meaning; the order of the groups does.
      ...(record.signingOrder ? { signingOrder: record.signingOrder.map((group) => [...group].sort()) } : {}),
      ...(record.amendsId ? { amendsId: record.amendsId } : {}),
    }),
  );
}

export interface SignatureRecord {
  versionId: string;
  signerId: string;
  contentHash: string;
  signedAt: Date | string;
  ip: string | null;
  userAgent: string | null;
  authMethod: string;
  consentStatement: string;
  /** The signer's passkey assertion; absent only on signatures made before passkeys. */
  passkey?: PasskeyEvidence | null;
}

/** A passkey signature as stored with its signature row (binary values base64url). */
export interface PasskeyEvidence {
  passkeyId: string;
  credentialId: string;
  /** SPKI DER of the credential's public key. */
  publicKey: string;
  /** COSE algorithm of the public key. */
  algorithm: number;
  authenticatorData: string;
  clientDataJSON: string;
  signature: string;
  /** The random part of the signing challenge (see `signingChallengeOf`). */
  nonce: string;
  /** The relying party ID the passkey belongs to. */
  rpId: string;
}

/**
 * `recordHash` of a signature: covers every stored field. The passkey evidence is
 * hashed only when present, so signatures made before passkeys keep their hash.
 */
export function signatureHashOf(record: SignatureRecord): string {
  const passkey = record.passkey
    ? {
        passkey: {
          passkeyId: record.passkey.passkeyId,
          credentialId: record.passkey.credentialId,
          publicKey: record.passkey.publicKey,
          algorithm: record.passkey.algorithm,
          authenticatorData: record.passkey.authenticatorData,
          clientDataJSON: record.passkey.clientDataJSON,
          signature: record.passkey.signature,
          nonce: record.passkey.nonce,
          rpId: record.passkey.rpId,
        },
      }
    : {};
  return sha256Hex(
    canonicalJson({
      ...passkey,
      format: HASH_FORMAT,
      kind: 'signature',
      versionId: record.versionId,
      signerId: record.signerId,
      contentHash: record.contentHash,
      signedAt: iso(record.signedAt),
      ip: record.ip,
      userAgent: record.userAgent,
      authMethod: record.authMethod,
      consentStatement: record.consentStatement,
    }),
  );
}

export interface AuditRecord {
  proposalId: string;
  kind: string;
  actorId: string | null;
  versionId: string | null;
  data: unknown;
  at: Date | string;
  /** Hash of the proposal's previous audit row; null for its first. */
  previousHash: string | null;
}

/** `hash` of an audit row: its fields and the previous row's hash (one chain per proposal). */
export function auditHashOf(record: AuditRecord): string {
  return sha256Hex(
    canonicalJson({
      format: HASH_FORMAT,
      kind: 'audit',
      proposalId: record.proposalId,
      event: record.kind,
      actorId: record.actorId,
      versionId: record.versionId,
      data: record.data ?? null,
      at: iso(record.at),
      previousHash: record.previousHash,
    }),
  );
}

export interface ConsentFacts {
  signerName: string;
  proposalTitle: string;
  versionNumber: number;
  contentHash: string;
}

/**
 * The statement a signer is shown and agrees to. The web client displays it and the
 * server stores it with the signature, both from this one function.
 */
export function consentStatement(facts: ConsentFacts): string {
  return (
    `I, ${facts.signerName}, have reviewed version ${facts.versionNumber} of "${facts.proposalTitle}" ` +
    `with content hash ${facts.contentHash}, and I agree that this version, exactly as frozen, ` +
    `sets out the outcome, scope, deliverables, milestones, ownership and terms of the engagement.`
  );
}

/** Limits on freeze and sign input. */
export const CONTRACT_LIMITS = {
  noteMaxLength: 2000,
  /** The longest reason a signer may give for declining a version. */
  declineReasonMaxLength: 2000,
  /** Active subscriptions one graphql-ws connection may hold. */
  subscriptionsPerConnection: 20,
  /** Quiet time before a DRAFT_CHANGED event goes out, and the longest it is held back. */
  draftChangedDebounceMs: 1000,
  draftChangedMaxWaitMs: 5000,
} as const;
