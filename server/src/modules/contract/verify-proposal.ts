import type { EntityManager } from '@mikro-orm/postgresql';
import * as Y from 'yjs';
import type { AuditEventRow, ContractVersionRow, SignatureRow, VersionSignerRow } from './contract.rows.js';
import {
  type Check,
  type CheckedSignature,
  type CheckKind,
  checkContractRecords,
  checkEngagementRecords,
  type CheckedMetricResult,
  type CheckedSubmission,
  type ContractRecords as CheckedRecords,
  contentHashOf,
  contentJsonOf,
  type Mismatch,
  mismatchesOf,
  type PasskeyEvidence,
  type Receipt,
  readBrief,
  type Seal,
} from '@brieflock/schema';

/** Runs one SQL statement with `?`-free positional parameters ($1, $2, …) and returns its rows. */
export type QueryRows = <T extends Record<string, unknown>>(sql: string, params: unknown[]) => Promise<T[]>;

/** Runs `$n`-parameter SQL through a unit of work. */
export const rowsThrough =
  (em: EntityManager): QueryRows =>
  (sql, params) =>
    em.execute(sql.replace(/\$\d+/g, '?'), params);

export type { Mismatch } from '@brieflock/schema';
export type RecordKind = CheckKind;

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

export interface VerifyOptions {
  /** Public keys trusted for server signatures, by key id (the server's current and retired keys). */
  trusted: ReadonlyMap<string, string>;
  /** A receipt a party kept: any deletion or rollback behind it is reported. */
  receipt?: Receipt | null;
  /** The deployment's RP ID: every passkey assertion must name it (unset: the RP ID stored with each). */
  rpId?: string;
}

/** A passkey as registered, for checking that a signature's key is one its signer registered. */
export type RegisteredPasskey = {
  id: string;
  user_id: string;
  credential_id: string;
  public_key: string;
};

/** The passkey evidence stored with a signature row; null when the row has none. */
export function passkeyEvidenceOf(row: SignatureRow): PasskeyEvidence | null {
  if (
    row.passkey_id === null ||
    row.credential_id === null ||
    row.public_key === null ||
    row.public_key_algorithm === null ||
    row.authenticator_data === null ||
    row.client_data_json === null ||
    row.assertion_signature === null ||
    row.challenge_nonce === null ||
    row.rp_id === null
  )
    return null;
  return {
    passkeyId: row.passkey_id,
    credentialId: row.credential_id,
    publicKey: row.public_key,
    algorithm: row.public_key_algorithm,
    authenticatorData: row.authenticator_data,
    clientDataJSON: row.client_data_json,
    signature: row.assertion_signature,
    nonce: row.challenge_nonce,
    rpId: row.rp_id,
  };
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

const sealOf = (row: { server_key_id?: string | null; server_signature?: string | null }): Seal | null =>
  row.server_key_id && row.server_signature ? { keyId: row.server_key_id, signature: row.server_signature } : null;

const isoOf = (value: Date | string) => asDate(value).toISOString();

/**
 * Recomputes every hash of a proposal's contract — each version's content hash (from its
 * JSON and from its stored Yjs state), the chain of versions, every signature's record
 * hash and the audit chain — checks the server's signature on each, numbering and
 * statuses, that the audit trail records exactly the versions and signatures there are,
 * and, given a receipt, that nothing behind it was deleted or rolled back. Reads rows as
 * stored, so it also catches changes made behind the database's own guards. `check` may
 * run the checks elsewhere (the work pool).
 */
export async function verifyProposal(
  query: QueryRows,
  proposalId: string,
  options: VerifyOptions,
  check: (input: CheckInput) => Promise<VerificationReport> = checkRecords,
): Promise<VerificationReport> {
  return check({
    ...(await loadContractRecords(query, proposalId)),
    trusted: [...options.trusted],
    receipt: options.receipt ?? null,
    rpId: options.rpId ?? null,
  });
}

/** Every stored record of a proposal's contract, as read for verification. */
export interface ContractRecords {
  proposalId: string;
  versions: VersionRow[];
  signers: Pick<VersionSignerRow, 'version_id' | 'user_id' | 'signing_group'>[];
  signatures: SignatureRow[];
  /** The passkeys the signatures name, as registered. */
  passkeys: RegisteredPasskey[];
  audit: Omit<AuditEventRow, 'proposal_id'>[];
  /** The milestone submissions and metric results, checked against the audit trail's decisions. */
  submissions: CheckedSubmission[];
  metricResults: CheckedMetricResult[];
}

/** The records and what to check them against, as plain data (it may cross to a worker thread). */
export interface CheckInput extends ContractRecords {
  trusted: [keyId: string, publicKey: string][];
  receipt: Receipt | null;
  rpId: string | null;
}

/**
 * A rough size of the records in bytes, which the cost of checking them grows with: each
 * version's Yjs state stands for its content too (the JSON is about as large).
 */
export const recordsSize = (records: ContractRecords): number =>
  records.versions.reduce((sum, version) => sum + 2 * version.yjs_state.byteLength + 1024, 0) +
  (records.signatures.length + records.audit.length) * 1024 +
  (records.submissions.length + records.metricResults.length) * 256;

export async function loadContractRecords(query: QueryRows, proposalId: string): Promise<ContractRecords> {
  const versions = await query<VersionRow>(
    `select "id", "number", "status", "content_hash", "content_json", "yjs_state", "previous_hash", "chain_hash", "note", "frozen_by_id", "frozen_at", "server_key_id", "server_signature", "amends_id"
       from "contract_versions" where "proposal_id" = $1 order by "number", "id"`,
    [proposalId],
  );
  const signers = await query<Pick<VersionSignerRow, 'version_id' | 'user_id' | 'signing_group'>>(
    `select vs."version_id", vs."user_id", vs."signing_group" from "version_signers" vs join "contract_versions" v on v."id" = vs."version_id" where v."proposal_id" = $1`,
    [proposalId],
  );
  const signatures = await query<SignatureRow>(
    `select s.* from "signatures" s join "contract_versions" v on v."id" = s."version_id" where v."proposal_id" = $1 order by s."signed_at", s."id"`,
    [proposalId],
  );
  const passkeys = await query<RegisteredPasskey>(
    `select k."id", k."user_id", k."credential_id", k."public_key" from "passkeys" k
      where k."id" in (select s."passkey_id" from "signatures" s join "contract_versions" v on v."id" = s."version_id" where v."proposal_id" = $1)`,
    [proposalId],
  );
  const audit = await query<Omit<AuditEventRow, 'proposal_id'>>(
    `select "id", "sequence", "kind", "actor_id", "version_id", "data", "at", "previous_hash", "hash", "server_key_id", "server_signature" from "audit_events" where "proposal_id" = $1 order by "sequence", "id"`,
    [proposalId],
  );
  const submissions = (
    await query<Omit<CheckedSubmission, 'decidedAt'> & { decidedAt: Date | string | null } & Record<string, unknown>>(
      `select "id", "milestone_id" as "milestoneId", "number", "submitted_by_id" as "submittedById", "note", "links",
              "decision", "decided_by_id" as "decidedById", "decided_at" as "decidedAt", "reason",
              "rubric_scores" as "rubricScores", "score"
         from "milestone_submissions" where "proposal_id" = $1 order by "id"`,
      [proposalId],
    )
  ).map((row) => ({ ...row, decidedAt: row.decidedAt === null ? null : isoOf(row.decidedAt) }));
  const metricResults = await query<CheckedMetricResult & Record<string, unknown>>(
    `select "id", "submission_id" as "submissionId", "metric_id" as "metricId", "value", "met" from "metric_results" where "proposal_id" = $1 order by "id"`,
    [proposalId],
  );
  return { proposalId, versions, signers, signatures, passkeys, audit, submissions, metricResults };
}

/**
 * The stored rows as the shared checker reads them: what `verifyProposal` checks, and what
 * an evidence bundle carries.
 */
export function checkedRecordsOf(records: ContractRecords): CheckedRecords {
  const { proposalId, versions, signers, signatures, audit } = records;
  const signersOf = new Map<string, string[]>();
  for (const row of signers) signersOf.set(row.version_id, [...(signersOf.get(row.version_id) ?? []), row.user_id]);
  const orderOf = signingOrders(signers);
  return {
    proposalId,
    versions: versions.map((version) => ({
      id: version.id,
      number: version.number,
      status: version.status,
      contentHash: version.content_hash,
      contentJson: parseJson(version.content_json),
      previousHash: version.previous_hash,
      chainHash: version.chain_hash,
      note: version.note,
      frozenById: version.frozen_by_id,
      frozenAt: isoOf(version.frozen_at),
      signerIds: signersOf.get(version.id) ?? [],
      signingOrder: orderOf.get(version.id) ?? null,
      amendsId: version.amends_id,
      seal: sealOf(version),
    })),
    signatures: signatures.map((signature) => ({
      id: signature.id,
      versionId: signature.version_id,
      signerId: signature.signer_id,
      contentHash: signature.content_hash,
      signedAt: isoOf(signature.signed_at),
      ip: signature.ip,
      userAgent: signature.user_agent,
      authMethod: signature.auth_method,
      consentStatement: signature.consent_statement,
      recordHash: signature.record_hash,
      seal: sealOf(signature),
      passkey: passkeyEvidenceOf(signature),
    })),
    audit: audit.map((row) => ({
      sequence: Number(row.sequence),
      kind: row.kind,
      actorId: row.actor_id,
      versionId: row.version_id,
      data: parseJson(row.data),
      at: isoOf(row.at),
      previousHash: row.previous_hash,
      hash: row.hash,
      seal: sealOf(row),
    })),
  };
}

/**
 * Checks the records loaded by loadContractRecords: a function of them alone, so it may
 * run on a worker thread (their Buffers arrive there as Uint8Arrays, which is all Yjs needs).
 */
export async function checkRecords(input: CheckInput): Promise<VerificationReport> {
  const { proposalId, versions, signatures, passkeys, audit } = input;
  const passkeyById = new Map(passkeys.map((passkey) => [passkey.id, passkey]));
  const options = { trusted: new Map(input.trusted), receipt: input.receipt };
  const stateOf = new Map(versions.map((version) => [version.id, version.yjs_state]));

  const checked = checkedRecordsOf(input);
  const checks = await checkContractRecords(checked, {
    trusted: options.trusted,
    receipt: options.receipt,
    rpId: input.rpId ?? undefined,
    passkeyChecks: (signature, passkey) => registeredPasskeyChecks(signature, passkey, passkeyById),
    versionChecks: (version): Check[] => {
      const fromState = stateHash(stateOf.get(version.id)!);
      const ok = fromState === version.contentHash;
      return [
        {
          kind: 'VERSION',
          id: version.id,
          number: version.number,
          field: 'yjsState',
          ok,
          expected: version.contentHash,
          actual: fromState,
          message: ok
            ? 'the Yjs state matches the content hash'
            : 'the stored Yjs state does not match the content hash',
        },
      ];
    },
  });
  checks.push(...checkEngagementRecords(checked.audit, input.submissions, input.metricResults));
  const mismatches = mismatchesOf(checks);
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

/**
 * The key a signature was made with must be one its signer registered: a made-up key would
 * otherwise verify its own made-up assertion.
 */
function registeredPasskeyChecks(
  signature: CheckedSignature,
  passkey: PasskeyEvidence,
  passkeyById: ReadonlyMap<string, RegisteredPasskey>,
): Check[] {
  const check = (
    field: string,
    ok: boolean,
    expected: string | null,
    actual: string | null,
    message: string,
  ): Check => ({
    kind: 'SIGNATURE',
    id: signature.id,
    number: null,
    field,
    ok,
    expected,
    actual,
    message,
  });
  const registered = passkeyById.get(passkey.passkeyId);
  if (!registered || registered.user_id !== signature.signerId)
    return [check('passkeyId', false, null, passkey.passkeyId, 'the passkey is not one the signer registered')];
  return [
    check(
      'publicKey',
      registered.public_key === passkey.publicKey,
      registered.public_key,
      passkey.publicKey,
      registered.public_key === passkey.publicKey
        ? "the signer's registered key"
        : "the public key is not the signer's registered key",
    ),
    check(
      'credentialId',
      registered.credential_id === passkey.credentialId,
      registered.credential_id,
      passkey.credentialId,
      registered.credential_id === passkey.credentialId
        ? 'the credential of the passkey named'
        : 'the credential is not the passkey named',
    ),
  ];
}

/**
 * Each version's signing order from its signers' groups, by group index: a gap stays an
 * empty group (and a signer without a group beside grouped ones a group of its own at
 * the end), so a changed group never hashes as the order that was frozen.
 */
function signingOrders(signers: Pick<VersionSignerRow, 'version_id' | 'user_id' | 'signing_group'>[]) {
  const orders = new Map<string, string[][]>();
  const grouped = new Set(signers.filter((row) => row.signing_group !== null).map((row) => row.version_id));
  for (const row of signers) {
    if (!grouped.has(row.version_id)) continue;
    const order = orders.get(row.version_id) ?? [];
    orders.set(row.version_id, order);
    const index = row.signing_group ?? -1;
    if (index < 0) order.push([row.user_id]);
    else {
      while (order.length <= index) order.push([]);
      order[index]!.push(row.user_id);
    }
  }
  return orders;
}
