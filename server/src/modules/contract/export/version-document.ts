import {
  BRIEF_SECTIONS,
  type FieldSpec,
  type FieldValue,
  type ListItem,
  type ListSection,
  type MapSection,
  type MapValue,
  type RichTextNode,
  type RichTextSection,
  type SectionSpec,
} from '@brieflock/schema';
import type { Receipt, TypedBriefContent, VersionStatus } from '@brieflock/schema';

/**
 * Everything the Markdown and PDF exports of one frozen contract version show. Built by
 * the caller from the stored version, its proposal and its signatures, so the renderers
 * stay pure functions of this value.
 */
export interface VersionDocument {
  proposal: { id: string; title: string };
  version: {
    id: string;
    number: number;
    status: VersionStatus;
    note: string | null;
    contentHash: string;
    chainHash: string;
    previousHash: string | null;
    /** The version in force this one amends (a change order); absent or null otherwise. */
    amends?: { number: number; chainHash: string } | null;
    frozenAt: Date;
    frozenBy: { name: string; email: string };
    content: TypedBriefContent; // the frozen brief, keyed by section
  };
  /** Every required signer, in order; signature null while they have not signed. */
  signers: Array<{
    name: string;
    email: string;
    role: 'CLIENT' | 'FREELANCER' | 'VIEWER';
    signature: null | {
      signedAt: Date;
      ip: string | null;
      userAgent: string | null;
      /** True for a viewer's export: IP address and user agent are shown to the parties only. */
      partyDetailsWithheld?: boolean;
      authMethod: string;
      consentStatement: string;
      recordHash: string;
    };
  }>;
  /** The server's receipt for the proposal's audit chain at the time of the export. */
  receipt?: Receipt;
  /** Absolute or relative instructions target, e.g. the app's base URL, used in "how to verify". */
  verifyHint: { command: string; graphql: string };
}

export type Signer = VersionDocument['signers'][number];
export type SignatureFacts = NonNullable<Signer['signature']>;

/** Shown for a section nobody filled in, in both exports. */
export const NOT_FILLED = 'Not filled in.';

/** An instant as ISO 8601 in UTC, the form every hash in the contract uses. */
export function formatInstant(at: Date): string {
  return at.toISOString();
}

/** `AWAITING_SIGNATURES` → `Awaiting signatures`: enum values read as words in a document. */
export function humanize(value: string): string {
  const words = value.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Human-readable version status. */
export function statusLabel(status: VersionStatus): string {
  return humanize(status);
}

/** Human-readable signer role. */
export function roleLabel(role: Signer['role']): string {
  return humanize(role);
}

/**
 * Title of the certificate page: a completion certificate only once every signer has
 * signed, so an unsigned or superseded version cannot be passed off as completed.
 */
export function certificateTitle(status: VersionStatus): string {
  return status === 'SIGNED' ? 'Certificate of completion' : `Certificate — ${statusLabel(status)}`;
}

/** A field value as shown to a reader; empty string when it is not set. */
export function fieldDisplay(field: FieldSpec, value: FieldValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  return field.type === 'enum' ? humanize(value) : value;
}

/** One section of the frozen brief with its value, already checked for shape. */
export type SectionEntry =
  | { section: RichTextSection; kind: 'richText'; nodes: RichTextNode[] }
  | { section: ListSection; kind: 'list'; items: ListItem[] }
  | { section: MapSection; kind: 'map'; value: MapValue };

/**
 * Every section in `BRIEF_SECTIONS` order. Frozen JSON comes from storage, so a missing
 * or misshapen section reads as empty instead of breaking the export.
 */
export function sectionEntries(content: TypedBriefContent): SectionEntry[] {
  const record = content as unknown as Record<string, unknown>;
  return (BRIEF_SECTIONS as readonly SectionSpec[]).map((section): SectionEntry => {
    const value = record[section.key];
    if (section.kind === 'richText') {
      const nodes = isObject(value) && Array.isArray(value.content) ? (value.content as RichTextNode[]) : [];
      return { section, kind: 'richText', nodes };
    }
    if (section.kind === 'list') {
      const items = Array.isArray(value) ? (value.filter(isObject) as ListItem[]) : [];
      return { section, kind: 'list', items };
    }
    return { section, kind: 'map', value: isObject(value) ? (value as MapValue) : {} };
  });
}

/** True when at least one field of the item or map holds a value worth showing. */
export function hasAnyValue(fields: readonly FieldSpec[], value: Record<string, FieldValue | undefined>): boolean {
  return fields.some((field) => fieldDisplay(field, value[field.key]).trim() !== '');
}

/** One labelled fact about a signature, in the order both exports list them. */
export interface Fact {
  label: string;
  value: string;
  /** Hashes: shown in a monospaced font. */
  mono?: boolean;
}

/** The recorded evidence of one signature. */
export function signatureFacts(signature: SignatureFacts): Fact[] {
  const facts: Fact[] = [
    { label: 'Signed at', value: formatInstant(signature.signedAt) },
    {
      label: 'IP address',
      value: signature.partyDetailsWithheld ? 'shown to the parties only' : (signature.ip ?? 'not recorded'),
    },
    { label: 'Method', value: signature.authMethod },
  ];
  if (signature.userAgent) facts.push({ label: 'User agent', value: signature.userAgent });
  facts.push({ label: 'Consent', value: signature.consentStatement });
  facts.push({ label: 'Record hash', value: signature.recordHash, mono: true });
  return facts;
}

/** The version's own facts, shown under the title and on the certificate. */
export function versionFacts(doc: VersionDocument): Fact[] {
  const { version } = doc;
  return [
    { label: 'Status', value: statusLabel(version.status) },
    { label: 'Frozen by', value: `${version.frozenBy.name} (${version.frozenBy.email})` },
    { label: 'Frozen at', value: formatInstant(version.frozenAt) },
    { label: 'Note', value: version.note?.trim() ? version.note : '—' },
    { label: 'Content hash', value: version.contentHash, mono: true },
    { label: 'Chain hash', value: version.chainHash, mono: true },
    {
      label: 'Previous hash',
      value: version.previousHash ?? 'none (first version)',
      mono: version.previousHash !== null,
    },
    // Only on change orders, so the documents of other versions read as they always did.
    ...(version.amends
      ? [{ label: 'Amends', value: `version ${version.amends.number} (chain hash ${version.amends.chainHash})` }]
      : []),
  ];
}

/** The receipt's facts, shown on the certificate: keep them to prove later that nothing behind them changed. */
export function receiptFacts(receipt: Receipt): Fact[] {
  return [
    { label: 'Audit chain head', value: receipt.headHash, mono: true },
    { label: 'Audit rows', value: String(receipt.length) },
    { label: 'Issued at', value: formatInstant(new Date(receipt.issuedAt)) },
    { label: 'Server key', value: receipt.keyId, mono: true },
    { label: 'Server signature', value: receipt.signature, mono: true },
  ];
}

/** One step of the verification instructions; `code` is shown verbatim. */
export interface VerifyStep {
  text: string;
  code?: string;
}

/** How a reader checks the document against the stored version; the same in both exports. */
export function verifySteps(doc: VersionDocument): VerifyStep[] {
  return [
    {
      text: "Fetch the version's content JSON (contentJson) exactly as stored, for example with this GraphQL query:",
      code: doc.verifyHint.graphql,
    },
    { text: 'Serialise it as RFC 8785 (JCS) canonical JSON and compute the SHA-256 of its UTF-8 bytes.' },
    { text: `The lowercase hex digest must equal the content hash ${doc.version.contentHash}.` },
    {
      text:
        'The chain hash additionally covers the version record (proposal, number, content hash, who froze it and when, ' +
        'the note and the signers) and, through the previous hash, every earlier version.',
    },
    { text: 'Or let the verify command do all of this:', code: doc.verifyHint.command },
    {
      text:
        'Save the receipt above as JSON and pass it with --receipt <file>: the command then also reports any deletion or rollback ' +
        'of the audit trail behind it. The evidence bundle (.evidence.json) of this version checks offline with pnpm verify --bundle <file> ' +
        'or on the /verify page.',
    },
  ];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
