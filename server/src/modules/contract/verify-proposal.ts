import * as Y from 'yjs';
import type { AuditEventRow, ContractVersionRow, SignatureRow, VersionSignerRow } from './contract.rows.js';
import { auditHashOf, chainHashOf, contentHashOf, contentJsonOf, readBrief, signatureHashOf } from '@brieflock/schema';

/** Runs one SQL statement with `?`-free positional parameters ($1, $2, …) and returns its rows. */
export type QueryRows = <T extends Record<string, unknown>>(sql: string, params: unknown[]) => Promise<T[]>;

export type RecordKind = 'VERSION' | 'SIGNATURE' | 'AUDIT_EVENT';

export interface Mismatch {
  kind: RecordKind;
  id: string;
  /** The version number the record belongs to (null for audit rows without a version). */
  number: number | null;
  field: string;
  expected: string | null;
  actual: string | null;
  message: string;
}

export interface VerificationReport {
  ok: boolean;
  proposalId: string;
  versionsChecked: number;
  signaturesChecked: number;
  auditEventsChecked: number;
  /** The first record, in chain order, that does not match; null when all do. */
  firstMismatch: Mismatch | null;
  mismatches: Mismatch[];
}

type VersionRow = Omit<ContractVersionRow, 'proposal_id' | 'status_changed_at'>;

/** PostgreSQL may hand timestamps back as text (`2026-11-25 10:00:00.123+00`). */
const asDate = (value: Date | string): Date =>
  value instanceof Date ? value : new Date(value.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00'));

const parseJson = (value: unknown): unknown => (typeof value === 'string' ? JSON.parse(value) : value);

function stateHash(state: Uint8Array): string | null {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    return contentHashOf(contentJsonOf(readBrief(doc)));
  } catch {
    return null;
  } finally {
    doc.destroy();
  }
}

/**
 * Recomputes every hash of a proposal's contract — each version's content hash (from its
 * JSON and from its stored Yjs state), the chain of versions, every signature's record
 * hash and the audit chain — and checks numbering and statuses. Reads rows as stored,
 * so it also catches changes made behind the database's own guards.
 */
export async function verifyProposal(
  query: QueryRows,
  proposalId: string,
  check: (records: ContractRecords) => Promise<VerificationReport> = async (records) => checkRecords(records),
): Promise<VerificationReport> {
  return check(await loadContractRecords(query, proposalId));
}

/** Every stored record of a proposal's contract, as read for verification. */
export interface ContractRecords {
  proposalId: string;
  versions: VersionRow[];
  signers: Pick<VersionSignerRow, 'version_id' | 'user_id'>[];
  signatures: SignatureRow[];
  audit: Omit<AuditEventRow, 'proposal_id'>[];
}

/**
 * A rough size of the records in bytes, which the cost of checking them grows with: each
 * version's Yjs state stands for its content too (the JSON is about as large).
 */
export const recordsSize = (records: ContractRecords): number =>
  records.versions.reduce((sum, version) => sum + 2 * version.yjs_state.byteLength + 1024, 0) +
  (records.signatures.length + records.audit.length) * 1024;

export async function loadContractRecords(query: QueryRows, proposalId: string): Promise<ContractRecords> {
  const versions = await query<VersionRow>(
    `select "id", "number", "status", "content_hash", "content_json", "yjs_state", "previous_hash", "chain_hash", "note", "frozen_by_id", "frozen_at"
       from "contract_versions" where "proposal_id" = $1 order by "number", "id"`,
    [proposalId],
  );
  const signers = await query<Pick<VersionSignerRow, 'version_id' | 'user_id'>>(
    `select vs."version_id", vs."user_id" from "version_signers" vs join "contract_versions" v on v."id" = vs."version_id" where v."proposal_id" = $1`,
    [proposalId],
  );
  const signatures = await query<SignatureRow>(
    `select s.* from "signatures" s join "contract_versions" v on v."id" = s."version_id" where v."proposal_id" = $1 order by s."signed_at", s."id"`,
    [proposalId],
  );
  const audit = await query<Omit<AuditEventRow, 'proposal_id'>>(
    `select "id", "kind", "actor_id", "version_id", "data", "at", "previous_hash", "hash" from "audit_events" where "proposal_id" = $1 order by "id"`,
    [proposalId],
  );
  return { proposalId, versions, signers, signatures, audit };
}

/**
 * Checks the records loaded by loadContractRecords: a pure function of them, so it may
 * run on a worker thread (their Buffers arrive there as Uint8Arrays, which is all Yjs needs).
 */
export function checkRecords({
  proposalId,
  versions,
  signers,
  signatures,
  audit,
}: ContractRecords): VerificationReport {
  const mismatches: Mismatch[] = [];
  const signersOf = new Map<string, string[]>();
  for (const row of signers) signersOf.set(row.version_id, [...(signersOf.get(row.version_id) ?? []), row.user_id]);
  const signaturesOf = new Map<string, SignatureRow[]>();
  for (const row of signatures) signaturesOf.set(row.version_id, [...(signaturesOf.get(row.version_id) ?? []), row]);
  const numberOf = new Map(versions.map((version) => [version.id, version.number]));

  let previousHash: string | null = null;
  versions.forEach((version, index) => {
    const report = (field: string, expected: string | null, actual: string | null, message: string) =>
      mismatches.push({ kind: 'VERSION', id: version.id, number: version.number, field, expected, actual, message });
    if (version.number !== index + 1)
      report(
        'number',
        String(index + 1),
        String(version.number),
        `version numbers are not 1, 2, 3, …: expected ${index + 1}`,
      );
    const contentHash = contentHashOf(parseJson(version.content_json));
    if (contentHash !== version.content_hash)
      report('contentJson', version.content_hash, contentHash, 'the stored content does not match its content hash');
    const fromState = stateHash(version.yjs_state);
    if (fromState !== version.content_hash)
      report('yjsState', version.content_hash, fromState, 'the stored Yjs state does not match the content hash');
    if (version.previous_hash !== previousHash)
      report(
        'previousHash',
        previousHash,
        version.previous_hash,
        "the link to the previous version's chain hash is broken",
      );
    const versionSigners = signersOf.get(version.id) ?? [];
    const chainHash = chainHashOf({
      proposalId,
      number: version.number,
      contentHash: version.content_hash,
      previousHash: version.previous_hash,
      frozenById: version.frozen_by_id,
      frozenAt: asDate(version.frozen_at),
      note: version.note,
      signerIds: versionSigners,
    });
    if (chainHash !== version.chain_hash)
      report('chainHash', version.chain_hash, chainHash, "the version's record does not match its chain hash");
    previousHash = version.chain_hash;

    const signed = signaturesOf.get(version.id) ?? [];
    for (const signature of signed) {
      const reportSignature = (field: string, expected: string | null, actual: string | null, message: string) =>
        mismatches.push({
          kind: 'SIGNATURE',
          id: signature.id,
          number: version.number,
          field,
          expected,
          actual,
          message,
        });
      if (signature.content_hash !== version.content_hash)
        reportSignature(
          'contentHash',
          version.content_hash,
          signature.content_hash,
          'the signature is for other content',
        );
      if (!versionSigners.includes(signature.signer_id))
        reportSignature('signerId', null, signature.signer_id, 'the signer was not a required signer');
      const recordHash = signatureHashOf({
        versionId: signature.version_id,
        signerId: signature.signer_id,
        contentHash: signature.content_hash,
        signedAt: asDate(signature.signed_at),
        ip: signature.ip,
        userAgent: signature.user_agent,
        authMethod: signature.auth_method,
        consentStatement: signature.consent_statement,
      });
      if (recordHash !== signature.record_hash)
        reportSignature(
          'recordHash',
          signature.record_hash,
          recordHash,
          'the signature record does not match its hash',
        );
    }
    const allSigned = versionSigners.every((userId) => signed.some((signature) => signature.signer_id === userId));
    if ((version.status === 'SIGNED') !== allSigned) {
      report('status', allSigned ? 'SIGNED' : 'not SIGNED', version.status, 'the status does not match the signatures');
    }
    if (version.status === 'SUPERSEDED' && index === versions.length - 1)
      report('status', 'AWAITING_SIGNATURES', 'SUPERSEDED', 'the newest version cannot be superseded');
  });

  let previousAudit: string | null = null;
  for (const row of audit) {
    const reportAudit = (field: string, expected: string | null, actual: string | null, message: string) =>
      mismatches.push({
        kind: 'AUDIT_EVENT',
        id: String(row.id),
        number: row.version_id ? (numberOf.get(row.version_id) ?? null) : null,
        field,
        expected,
        actual,
        message,
      });
    if (row.previous_hash !== previousAudit)
      reportAudit('previousHash', previousAudit, row.previous_hash, 'the audit chain is broken');
    const hash = auditHashOf({
      proposalId,
      kind: row.kind,
      actorId: row.actor_id,
      versionId: row.version_id,
      data: parseJson(row.data),
      at: asDate(row.at),
      previousHash: row.previous_hash,
    });
    if (hash !== row.hash) reportAudit('hash', row.hash, hash, 'the audit row does not match its hash');
    previousAudit = row.hash;
  }

  return {
    ok: mismatches.length === 0,
    proposalId,
    versionsChecked: versions.length,
    signaturesChecked: signatures.length,
    auditEventsChecked: audit.length,
    firstMismatch: mismatches[0] ?? null,
    mismatches,
  };
}
