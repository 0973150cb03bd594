import {
  auditHashOf,
  canonicalJson,
  chainHashOf,
  contentHashOf,
  type PasskeyEvidence,
  signatureHashOf,
} from './contract.js';
import { auditRef, type Receipt, type Seal, verifyReceiptSignature, verifySeal } from './server-signature.js';
import { verifySignedFacts } from './webauthn.js';

/**
 * Checks a proposal's contract records — every hash, link, server seal, the audit trail
 * against the versions and signatures, and a receipt — from plain values. The server's
 * `verifyProposal` feeds it rows from the database; `pnpm verify --bundle` and the web
 * client's /verify page feed it an evidence bundle. One function, so all three agree.
 */

export interface CheckedVersion {
  id: string;
  number: number;
  status: string;
  contentHash: string;
  /** The frozen brief; undefined when not included (an evidence bundle carries only its version's). */
  contentJson?: unknown;
  previousHash: string | null;
  chainHash: string;
  note: string | null;
  frozenById: string;
  frozenAt: string;
  signerIds: string[];
  /** Groups of signer ids signed in sequence (covered by the chain hash); null or absent: any order. */
  signingOrder?: string[][] | null;
  /** The version in force this one amends, a change order (covered by the chain hash); null or absent: none. */
  amendsId?: string | null;
  seal: Seal | null;
}

export interface CheckedSignature {
  id: string;
  versionId: string;
  signerId: string;
  contentHash: string;
  signedAt: string;
  /** Null with `withheld`: shown to the parties only, so the record hash cannot be recomputed. */
  ip: string | null;
  userAgent: string | null;
  authMethod: string;
  consentStatement: string;
  recordHash: string;
  seal: Seal | null;
  /** True when ip and userAgent were withheld from this copy. */
  withheld?: boolean;
  /** The signer's passkey assertion and credential public key; every signature needs one. */
  passkey?: PasskeyEvidence | null;
}

export interface CheckedAuditRow {
  sequence: number;
  kind: string;
  actorId: string | null;
  versionId: string | null;
  data: unknown;
  at: string;
  previousHash: string | null;
  hash: string;
  seal: Seal | null;
}

export interface ContractRecords {
  proposalId: string;
  /** In number order. */
  versions: CheckedVersion[];
  signatures: CheckedSignature[];
  /** In sequence order. */
  audit: CheckedAuditRow[];
}

export type CheckKind = 'VERSION' | 'SIGNATURE' | 'AUDIT_EVENT' | 'RECEIPT' | 'MILESTONE_SUBMISSION' | 'METRIC_RESULT';

/** One thing checked: what, and whether it matched. */
export interface Check {
  kind: CheckKind;
  id: string;
  /** The version number the record belongs to (null for audit rows without a version, receipts). */
  number: number | null;
  field: string;
  ok: boolean;
  expected: string | null;
  actual: string | null;
  /** What matched, or what did not. */
  message: string;
}

export type Mismatch = Omit<Check, 'ok'>;

export interface CheckOptions {
  /** Public keys trusted for seals and receipts, by key id. */
  trusted: ReadonlyMap<string, string>;
  /** A receipt a party kept: the chain must still hold its head at its length. */
  receipt?: Receipt | null;
  /** Further checks of one version, run after its content check (the server adds its Yjs state). */
  versionChecks?: (version: CheckedVersion) => Check[];
  /** The deployment's WebAuthn RP ID every assertion must name (unset: the one stored with each). */
  rpId?: string;
  /** Further checks of one signature's passkey (the server checks it is one the signer registered). */
  passkeyChecks?: (signature: CheckedSignature, passkey: PasskeyEvidence) => Check[];
}

const SEAL_MESSAGES = {
  missing: 'has no server signature',
  'unknown-key': 'is signed by a key that is not trusted',
  'bad-signature': 'has a server signature that does not match',
} as const;

/** Every check, in chain order: versions with their signatures, then the audit trail, then the receipt. */
export async function checkContractRecords(records: ContractRecords, options: CheckOptions): Promise<Check[]> {
  const checks: Check[] = [];
  const { proposalId, versions, signatures, audit } = records;
  /** Records checks of one record: `message` when the check fails, `passed` when it holds. */
  const recorder =
    (kind: CheckKind, id: string, number: number | null) =>
    (field: string, ok: boolean, expected: string | null, actual: string | null, message: string, passed: string) =>
      checks.push({ kind, id, number, field, ok, expected, actual, message: ok ? passed : message });

  const signaturesOf = new Map<string, CheckedSignature[]>();
  for (const signature of signatures)
    signaturesOf.set(signature.versionId, [...(signaturesOf.get(signature.versionId) ?? []), signature]);
  const versionById = new Map(versions.map((version) => [version.id, version]));
  const signatureById = new Map(signatures.map((signature) => [signature.id, signature]));
  const rowsOf = (kind: string, matches: (row: CheckedAuditRow) => boolean) =>
    audit.filter((row) => row.kind === kind && matches(row));
  const dataOf = (row: CheckedAuditRow) => (row.data ?? {}) as Record<string, unknown>;

  let previousHash: string | null = null;
  for (const [index, version] of versions.entries()) {
    const v = recorder('VERSION', version.id, version.number);
    v(
      'number',
      version.number === index + 1,
      String(index + 1),
      String(version.number),
      `version numbers are not 1, 2, 3, …: expected ${index + 1}`,
      'numbered in sequence',
    );
    if (version.contentJson !== undefined) {
      const contentHash = contentHashOf(version.contentJson);
      v(
        'contentJson',
        contentHash === version.contentHash,
        version.contentHash,
        contentHash,
        'the stored content does not match its content hash',
        'the content matches its content hash',
      );
    }
    if (options.versionChecks) checks.push(...options.versionChecks(version));
    v(
      'previousHash',
      version.previousHash === previousHash,
      previousHash,
      version.previousHash,
      "the link to the previous version's chain hash is broken",
      'linked to the previous version',
    );
    const chainHash = chainHashOf({ ...version, proposalId, signerIds: version.signerIds });
    v(
      'chainHash',
      chainHash === version.chainHash,
      version.chainHash,
      chainHash,
      "the version's record does not match its chain hash",
      'the record matches its chain hash',
    );
    if (version.amendsId) checks.push(amendsCheck(version, versions, audit));
    const sealed = await verifySeal(
      options.trusted,
      { record: 'version', ref: version.id, hash: version.chainHash },
      version.seal,
    );
    v(
      'serverSignature',
      sealed === 'ok',
      'a valid server signature',
      sealed,
      `the version ${SEAL_MESSAGES[sealed as keyof typeof SEAL_MESSAGES] ?? ''}`,
      'signed by the server',
    );
    previousHash = version.chainHash;

    const signed = signaturesOf.get(version.id) ?? [];
    for (const signature of signed) {
      const s = recorder('SIGNATURE', signature.id, version.number);
      s(
        'contentHash',
        signature.contentHash === version.contentHash,
        version.contentHash,
        signature.contentHash,
        'the signature is for other content',
        'signs this version’s content hash',
      );
      s(
        'signerId',
        version.signerIds.includes(signature.signerId),
        null,
        signature.signerId,
        'the signer was not a required signer',
        'by a required signer',
      );
      if (signature.withheld) {
        s(
          'recordHash',
          true,
          null,
          null,
          '',
          'record hash not recomputed: IP address and user agent are shown to the parties only',
        );
      } else {
        const recordHash = signatureHashOf(signature);
        s(
          'recordHash',
          recordHash === signature.recordHash,
          signature.recordHash,
          recordHash,
          'the signature record does not match its hash',
          'the record matches its hash',
        );
      }
      const sealedSignature = await verifySeal(
        options.trusted,
        { record: 'signature', ref: signature.id, hash: signature.recordHash },
        signature.seal,
      );
      s(
        'serverSignature',
        sealedSignature === 'ok',
        'a valid server signature',
        sealedSignature,
        `the signature ${SEAL_MESSAGES[sealedSignature as keyof typeof SEAL_MESSAGES] ?? ''}`,
        'signed by the server',
      );
      const passkey = signature.passkey ?? null;
      if (!passkey) {
        s('passkey', false, 'a passkey assertion', null, 'the signature carries no passkey assertion', '');
      } else {
        const assertion = await verifySignedFacts(
          {
            versionId: version.id,
            contentHash: version.contentHash,
            consentStatement: signature.consentStatement,
            passkey,
          },
          { rpId: options.rpId },
        );
        for (const failure of assertion.failures)
          s(`assertion.${failure.field}`, false, null, null, `the passkey assertion fails: ${failure.message}`, '');
        if (assertion.ok)
          s(
            'assertion',
            true,
            null,
            null,
            '',
            'signed with the signer’s passkey over this version, hash and statement',
          );
        if (options.passkeyChecks) checks.push(...options.passkeyChecks(signature, passkey));
      }
      const rows = rowsOf('VERSION_SIGNED', (row) => dataOf(row).signatureId === signature.id);
      const good = rows.filter(
        (row) =>
          row.versionId === version.id &&
          row.actorId === signature.signerId &&
          row.at === signature.signedAt &&
          dataOf(row).contentHash === signature.contentHash,
      );
      s(
        'audit',
        rows.length === 1 && good.length === 1,
        '1 matching VERSION_SIGNED row',
        String(rows.length),
        'the audit trail does not record this signature exactly once',
        'recorded once in the audit trail',
      );
    }
    const allSigned = version.signerIds.every((userId) => signed.some((signature) => signature.signerId === userId));
    v(
      'status',
      (version.status === 'SIGNED') === allSigned,
      allSigned ? 'SIGNED' : 'not SIGNED',
      version.status,
      'the status does not match the signatures',
      'the status matches the signatures',
    );
    if (version.status === 'SUPERSEDED' && index === versions.length - 1)
      v('status', false, 'AWAITING_SIGNATURES', 'SUPERSEDED', 'the newest version cannot be superseded', '');

    const frozen = rowsOf('VERSION_FROZEN', (row) => row.versionId === version.id);
    const frozenGood = frozen.filter(
      (row) => dataOf(row).chainHash === version.chainHash && dataOf(row).number === version.number,
    );
    v(
      'audit',
      frozen.length === 1 && frozenGood.length === 1,
      '1 matching VERSION_FROZEN row',
      String(frozen.length),
      'the audit trail does not record this freeze exactly once',
      'its freeze is recorded once in the audit trail',
    );
    const superseded = rowsOf('VERSION_SUPERSEDED', (row) => row.versionId === version.id).length;
    const executed = rowsOf('VERSION_EXECUTED', (row) => row.versionId === version.id).length;
    const declined = rowsOf('VERSION_DECLINED', (row) => row.versionId === version.id).length;
    const wantSuperseded = version.status === 'SUPERSEDED' ? 1 : 0;
    const wantExecuted = version.status === 'SIGNED' ? 1 : 0;
    const wantDeclined = version.status === 'DECLINED' ? 1 : 0;
    v(
      'audit',
      superseded === wantSuperseded && executed === wantExecuted && declined === wantDeclined,
      `${wantSuperseded} VERSION_SUPERSEDED, ${wantExecuted} VERSION_EXECUTED, ${wantDeclined} VERSION_DECLINED`,
      `${superseded} VERSION_SUPERSEDED, ${executed} VERSION_EXECUTED, ${declined} VERSION_DECLINED`,
      'the audit trail does not match the status',
      'its status is recorded in the audit trail',
    );
  }

  // A signature of no version here would otherwise escape every check above.
  for (const signature of signatures)
    if (!versionById.has(signature.versionId))
      recorder('SIGNATURE', signature.id, null)(
        'versionId',
        false,
        'a version of this proposal',
        signature.versionId,
        'the signature is for a version that is not there',
        '',
      );

  let previousAudit: string | null = null;
  for (const [index, row] of audit.entries()) {
    const id = String(row.sequence);
    const number = row.versionId ? (versionById.get(row.versionId)?.number ?? null) : null;
    const a = recorder('AUDIT_EVENT', id, number);
    a(
      'sequence',
      row.sequence === index + 1,
      String(index + 1),
      String(row.sequence),
      `audit rows are missing: expected row ${index + 1}`,
      'numbered in sequence',
    );
    a(
      'previousHash',
      row.previousHash === previousAudit,
      previousAudit,
      row.previousHash,
      'the audit chain is broken',
      'linked to the previous row',
    );
    const hash = auditHashOf({ ...row, proposalId, data: row.data });
    a('hash', hash === row.hash, row.hash, hash, 'the audit row does not match its hash', 'the row matches its hash');
    const sealed = await verifySeal(
      options.trusted,
      { record: 'audit', ref: auditRef(proposalId, row.sequence), hash: row.hash },
      row.seal,
    );
    a(
      'serverSignature',
      sealed === 'ok',
      'a valid server signature',
      sealed,
      `the audit row ${SEAL_MESSAGES[sealed as keyof typeof SEAL_MESSAGES] ?? ''}`,
      'signed by the server',
    );
    if (row.kind === 'VERSION_SIGNED') {
      const signatureId = String(dataOf(row).signatureId ?? '');
      a(
        'signatureId',
        signatureById.get(signatureId)?.versionId === row.versionId,
        signatureId,
        null,
        'the audit trail records a signature that is not there',
        'its signature is there',
      );
    } else if (row.kind === 'DRAFT_RESTORED') {
      // The draft went back to a version's content: that version, as it was frozen.
      const restored = row.versionId ? versionById.get(row.versionId) : undefined;
      const data = dataOf(row);
      a(
        'versionId',
        restored !== undefined && data.number === restored.number && data.contentHash === restored.contentHash,
        restored ? `version ${restored.number} with hash ${restored.contentHash}` : String(row.versionId),
        `version ${String(data.number)} with hash ${String(data.contentHash)}`,
        'the audit trail records a restore of a version that is not there as it was frozen',
        'the version it restored is there as it was frozen',
      );
    } else if (row.versionId !== null) {
      a(
        'versionId',
        versionById.has(row.versionId),
        row.versionId,
        null,
        'the audit trail records a version that is not there',
        'its version is there',
      );
    }
    previousAudit = row.hash;
  }

  const receipt = options.receipt;
  if (receipt) {
    const r = recorder('RECEIPT', `${receipt.length}`, null);
    r(
      'proposalId',
      receipt.proposalId === proposalId,
      proposalId,
      receipt.proposalId,
      'the receipt is for another proposal',
      'for this proposal',
    );
    const signature = await verifyReceiptSignature(options.trusted, receipt);
    r(
      'signature',
      signature === 'ok',
      'a valid server signature',
      signature,
      signature === 'unknown-key'
        ? 'the receipt is signed by a key that is not trusted'
        : 'the receipt’s signature does not match',
      'signed by the server',
    );
    const at = receipt.length === 0 ? null : audit[receipt.length - 1];
    if (receipt.length > audit.length) {
      r(
        'length',
        false,
        `at least ${receipt.length} audit rows`,
        String(audit.length),
        `audit rows were deleted behind the receipt: it names ${receipt.length}, the chain has ${audit.length}`,
        '',
      );
    } else {
      const actual = at ? at.hash : null;
      const expected = receipt.length === 0 ? null : receipt.headHash;
      r(
        'headHash',
        actual === expected,
        expected,
        actual,
        `the audit chain was rewritten or rolled back behind the receipt: row ${receipt.length} is not its head`,
        `the chain still holds the receipt’s head at row ${receipt.length}`,
      );
    }
  }
  // The cross-checks of the audit trail against versions and signatures go after every
  // record's own checks (a record that does not match its own hash is named first), and
  // the receipt last.
  const rank = (item: Check) => (item.kind === 'RECEIPT' ? 2 : CROSS_CHECKS.has(item.field) ? 1 : 0);
  return checks
    .map((item, index) => ({ item, index }))
    .sort((a, b) => rank(a.item) - rank(b.item) || a.index - b.index)
    .map(({ item }) => item);
}

const CROSS_CHECKS = new Set(['audit', 'signatureId', 'versionId', 'amends']);

/**
 * A change order amends the contract that was in force when it was frozen: an earlier
 * version of the same proposal, SIGNED, whose execution the audit trail records before
 * the change order's freeze — and the newest such one, so a change order cannot claim to
 * amend an older contract than the one the parties were bound by.
 */
function amendsCheck(
  version: CheckedVersion,
  versions: readonly CheckedVersion[],
  audit: readonly CheckedAuditRow[],
): Check {
  const sequenceOf = (kind: string, versionId: string) =>
    audit.find((row) => row.kind === kind && row.versionId === versionId)?.sequence ?? null;
  const frozenAt = sequenceOf('VERSION_FROZEN', version.id);
  const inForce =
    frozenAt === null
      ? undefined
      : versions
          .filter((other) => {
            const executedAt = sequenceOf('VERSION_EXECUTED', other.id);
            return (
              other.status === 'SIGNED' && other.number < version.number && executedAt !== null && executedAt < frozenAt
            );
          })
          .at(-1);
  const amended = versions.find((other) => other.id === version.amendsId);
  const ok = inForce !== undefined && inForce.id === version.amendsId;
  const describe = (other: CheckedVersion | undefined, id: string | null | undefined) =>
    other ? `version ${other.number}` : `no version of this proposal (${String(id)})`;
  return {
    kind: 'VERSION',
    id: version.id,
    number: version.number,
    field: 'amends',
    ok,
    expected: inForce ? `version ${inForce.number}` : 'a version in force when it was frozen',
    actual: describe(amended, version.amendsId),
    message: ok
      ? `amends version ${amended!.number}, in force when it was frozen`
      : inForce
        ? `the change order does not amend the version in force when it was frozen (version ${inForce.number})`
        : 'the change order amends a version that was not in force when it was frozen',
  };
}

/** The failed checks, as mismatches. */
export const mismatchesOf = (checks: readonly Check[]): Mismatch[] =>
  checks.filter((check) => !check.ok).map(({ ok: _ok, ...mismatch }) => mismatch);

/** A milestone submission as stored, for checking it and its decision against the audit trail. */
export interface CheckedSubmission {
  id: string;
  milestoneId: string;
  number: number;
  submittedById: string;
  note: string;
  links: string[];
  decision: string | null;
  decidedById: string | null;
  /** ISO 8601. */
  decidedAt: string | null;
  reason: string | null;
  /** An accepted trial's score per rubric criterion, and its weighted score. */
  rubricScores: unknown;
  score: number | null;
}

/** A recorded metric result as stored. */
export interface CheckedMetricResult {
  id: string;
  submissionId: string;
  metricId: string;
  value: string;
  met: boolean | null;
}

const shown = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

/** A stored score as the audit trail writes it (jsonb and double precision may come back as text). */
const scoreShown = (value: unknown): string | null =>
  value === null || value === undefined ? null : String(Number(value));

/** Rubric scores as canonical JSON (jsonb reorders keys), or null when none were recorded. */
const rubricShown = (value: unknown): string | null =>
  value === null || value === undefined ? null : canonicalJson(typeof value === 'string' ? JSON.parse(value) : value);

/**
 * Milestone submissions, the decisions on them and the metric results recorded with them
 * must be exactly what the (sealed) audit trail says: each MILESTONE_SUBMITTED row names
 * its submission, its number, who submitted it and (since deliveries were sealed with
 * their text) the note and links; each MILESTONE_CHANGES_REQUESTED and MILESTONE_ACCEPTED
 * row names its submission, the reason (or accepting note), the metric values and a
 * trial's rubric scores and score, and its actor and time are who decided and when. A
 * submission or decision altered, deleted or made behind the trail's back, a score
 * changed, and a metric result changed, deleted or added, are reported naming the record.
 */
export function checkEngagementRecords(
  audit: readonly CheckedAuditRow[],
  submissions: readonly CheckedSubmission[],
  metricResults: readonly CheckedMetricResult[],
): Check[] {
  const checks: Check[] = [];
  const check = (
    kind: CheckKind,
    id: string,
    field: string,
    ok: boolean,
    expected: string | null,
    actual: string | null,
    message: string,
    passed: string,
  ) => checks.push({ kind, id, number: null, field, ok, expected, actual, message: ok ? passed : message });
  const submissionById = new Map(submissions.map((submission) => [submission.id, submission]));
  const resultsOf = new Map<string, CheckedMetricResult[]>();
  for (const result of metricResults)
    resultsOf.set(result.submissionId, [...(resultsOf.get(result.submissionId) ?? []), result]);
  const decided = new Set<string>();
  const submitted = new Set<string>();
  const matches = (
    submission: CheckedSubmission,
    field: string,
    expected: string | null,
    actual: string | null,
    what: string,
    sequence: number,
  ) =>
    check(
      'MILESTONE_SUBMISSION',
      submission.id,
      field,
      expected === actual,
      expected,
      actual,
      `${what} does not match audit row ${sequence}`,
      `${what} matches the audit trail`,
    );

  for (const row of audit) {
    const submittedRow = row.kind === 'MILESTONE_SUBMITTED';
    if (!submittedRow && row.kind !== 'MILESTONE_CHANGES_REQUESTED' && row.kind !== 'MILESTONE_ACCEPTED') continue;
    const data = (row.data ?? {}) as Record<string, unknown>;
    const submissionId = String(data.submissionId ?? '');
    (submittedRow ? submitted : decided).add(submissionId);
    const submission = submissionById.get(submissionId);
    if (!submission) {
      check(
        'MILESTONE_SUBMISSION',
        submissionId,
        'id',
        false,
        submissionId,
        null,
        `the submission audit row ${row.sequence} ${submittedRow ? 'recorded' : 'decided'} is missing`,
        '',
      );
      continue;
    }
    if (submittedRow) {
      matches(submission, 'number', shown(data.number), shown(submission.number), 'the number', row.sequence);
      matches(submission, 'submittedBy', row.actorId, submission.submittedById, 'who submitted', row.sequence);
      if ('note' in data) matches(submission, 'note', shown(data.note), submission.note, 'the note', row.sequence);
      if (Array.isArray(data.links))
        matches(
          submission,
          'links',
          JSON.stringify(data.links),
          JSON.stringify(submission.links),
          'the links',
          row.sequence,
        );
      continue;
    }
    const decision = row.kind === 'MILESTONE_ACCEPTED' ? 'ACCEPTED' : 'CHANGES_REQUESTED';
    matches(submission, 'decision', decision, submission.decision, 'the decision', row.sequence);
    matches(submission, 'decidedBy', row.actorId, submission.decidedById, 'who decided', row.sequence);
    matches(submission, 'decidedAt', row.at, submission.decidedAt, 'when it was decided', row.sequence);
    const requested = decision === 'CHANGES_REQUESTED';
    const reason = shown(requested ? data.reason : data.note);
    matches(submission, 'reason', reason, submission.reason, requested ? 'the reason' : 'the note', row.sequence);
    if (decision !== 'ACCEPTED') continue;
    matches(submission, 'score', scoreShown(data.score), scoreShown(submission.score), 'the trial score', row.sequence);
    check(
      'MILESTONE_SUBMISSION',
      submissionId,
      'rubricScores',
      rubricShown(submission.rubricScores) === rubricShown(data.rubricScores),
      rubricShown(data.rubricScores),
      rubricShown(submission.rubricScores),
      `the rubric scores do not match audit row ${row.sequence}`,
      'the rubric scores match the audit trail',
    );
    const recorded = Array.isArray(data.metrics) ? (data.metrics as Record<string, unknown>[]) : [];
    const stored = new Map((resultsOf.get(submissionId) ?? []).map((result) => [result.metricId, result]));
    for (const metric of recorded) {
      const metricId = String(metric.metricId ?? '');
      const result = stored.get(metricId);
      stored.delete(metricId);
      if (!result) {
        check(
          'METRIC_RESULT',
          `${submissionId}/${metricId}`,
          'id',
          false,
          metricId,
          null,
          `the metric result audit row ${row.sequence} recorded is missing`,
          '',
        );
        continue;
      }
      check(
        'METRIC_RESULT',
        result.id,
        'value',
        result.value === shown(metric.value),
        shown(metric.value),
        result.value,
        `the value does not match audit row ${row.sequence}`,
        'the value matches the audit trail',
      );
      check(
        'METRIC_RESULT',
        result.id,
        'met',
        shown(result.met) === shown(metric.met),
        shown(metric.met),
        shown(result.met),
        `whether it was met does not match audit row ${row.sequence}`,
        'whether it was met matches the audit trail',
      );
    }
    for (const extra of stored.values())
      check(
        'METRIC_RESULT',
        extra.id,
        'id',
        false,
        null,
        extra.metricId,
        'the audit trail records no such metric result',
        '',
      );
  }
  for (const submission of submissions) {
    if (!submitted.has(submission.id))
      check(
        'MILESTONE_SUBMISSION',
        submission.id,
        'id',
        false,
        null,
        submission.id,
        'the audit trail records no such submission',
        '',
      );
    if (submission.decision !== null && !decided.has(submission.id))
      check(
        'MILESTONE_SUBMISSION',
        submission.id,
        'decision',
        false,
        null,
        submission.decision,
        'the audit trail records no decision on this submission',
        '',
      );
  }
  for (const result of metricResults)
    if (!decided.has(result.submissionId))
      check(
        'METRIC_RESULT',
        result.id,
        'id',
        false,
        null,
        result.metricId,
        'the audit trail records no such metric result',
        '',
      );
  return checks;
}
