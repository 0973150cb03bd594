import type { Check, EvidenceBundle, EvidenceReport } from '@brieflock/schema';

/** One record of the bundle and what was checked about it. */
export interface RecordResult {
  key: string;
  kind: Check['kind'];
  /** What the record is, in words: "Version 2 (signed)", "Signature of Cora Client on version 2". */
  title: string;
  ok: boolean;
  checks: Check[];
}

export interface ResultSection {
  key: 'versions' | 'audit' | 'receipt';
  title: string;
  records: RecordResult[];
}

const STATUS_WORDS: Record<string, string> = {
  AWAITING_SIGNATURES: 'awaiting signatures',
  SIGNED: 'signed',
  SUPERSEDED: 'superseded',
};

const AUDIT_WORDS: Record<string, string> = {
  VERSION_FROZEN: 'version frozen',
  VERSION_SIGNED: 'version signed',
  VERSION_SUPERSEDED: 'version superseded',
  VERSION_EXECUTED: 'version executed',
};

const FIELD_WORDS: Record<string, string> = {
  contentJson: 'Content',
  number: 'Number',
  previousHash: 'Link to the version before',
  amends: 'Version it amends',
  chainHash: 'Chain hash',
  serverSignature: 'Server signature',
  status: 'Status',
  audit: 'Audit trail',
  contentHash: 'Content hash',
  signerId: 'Signer',
  recordHash: 'Record hash',
  passkey: 'Passkey',
  assertion: 'Passkey assertion',
  versionId: 'Version',
  sequence: 'Sequence',
  hash: 'Row hash',
  signatureId: 'Signature',
  proposalId: 'Proposal',
  signature: 'Server signature',
  length: 'Length',
  headHash: 'Head of the chain',
};

/** A check's field in words. */
export function fieldLabel(field: string): string {
  if (field.startsWith('assertion.')) return `Passkey assertion (${field.slice('assertion.'.length)})`;
  return FIELD_WORDS[field] ?? field;
}

/**
 * The report's checks grouped by record, in the order a reader follows the contract:
 * each version with its signatures, then the audit trail, then the receipt.
 */
export function resultSections(bundle: EvidenceBundle, report: EvidenceReport): ResultSection[] {
  const nameOf = new Map(bundle.people.map((person) => [person.id, person.name]));
  const versionOf = new Map(bundle.versions.map((version) => [version.id, version]));
  const signatureOf = new Map(bundle.signatures.map((signature) => [signature.id, signature]));
  const auditOf = new Map(bundle.audit.map((row) => [String(row.sequence), row]));

  const titleOf = (check: Check): string => {
    if (check.kind === 'VERSION') {
      const version = versionOf.get(check.id);
      const number = version?.number ?? check.number;
      const status = version ? ` (${STATUS_WORDS[version.status] ?? version.status.toLowerCase()})` : '';
      return `Version ${number ?? '?'}${status}${check.id === bundle.versionId ? ', this bundle’s version' : ''}`;
    }
    if (check.kind === 'SIGNATURE') {
      const signature = signatureOf.get(check.id);
      const signer = signature ? (nameOf.get(signature.signerId) ?? 'an unknown signer') : 'an unknown signer';
      const number = signature ? versionOf.get(signature.versionId)?.number : check.number;
      return `Signature of ${signer}${number ? ` on version ${number}` : ''}`;
    }
    if (check.kind === 'AUDIT_EVENT') {
      const row = auditOf.get(check.id);
      const actor = row?.actorId ? ` by ${nameOf.get(row.actorId) ?? 'an unknown person'}` : '';
      return `Row ${check.id}: ${row ? (AUDIT_WORDS[row.kind] ?? row.kind.toLowerCase()) : 'unknown'}${actor}`;
    }
    return `Receipt for the first ${check.id} audit rows`;
  };

  const records = new Map<string, RecordResult & { order: number[] }>();
  for (const [index, check] of report.checks.entries()) {
    const key = `${check.kind}:${check.id}`;
    let record = records.get(key);
    if (!record) {
      const signature = check.kind === 'SIGNATURE' ? signatureOf.get(check.id) : undefined;
      const number =
        check.kind === 'VERSION'
          ? (versionOf.get(check.id)?.number ?? check.number ?? 0)
          : check.kind === 'SIGNATURE'
            ? ((signature && versionOf.get(signature.versionId)?.number) ?? check.number ?? 0)
            : check.kind === 'AUDIT_EVENT'
              ? Number(check.id)
              : 0;
      const rank = check.kind === 'AUDIT_EVENT' ? 1 : check.kind === 'RECEIPT' ? 2 : 0;
      record = {
        key,
        kind: check.kind,
        title: titleOf(check),
        ok: true,
        checks: [],
        order: [rank, number, check.kind === 'SIGNATURE' ? 1 : 0, index],
      };
      records.set(key, record);
    }
    record.checks.push(check);
    if (!check.ok) record.ok = false;
  }
  const sorted = [...records.values()].sort((a, b) => {
    for (let i = 0; i < a.order.length; i += 1) if (a.order[i] !== b.order[i]) return a.order[i]! - b.order[i]!;
    return 0;
  });
  const strip = ({ order: _order, ...record }: RecordResult & { order: number[] }): RecordResult => record;
  const sections: ResultSection[] = [
    {
      key: 'versions',
      title: 'Versions and signatures',
      records: sorted.filter((r) => r.kind === 'VERSION' || r.kind === 'SIGNATURE').map(strip),
    },
    { key: 'audit', title: 'Audit trail', records: sorted.filter((r) => r.kind === 'AUDIT_EVENT').map(strip) },
    { key: 'receipt', title: 'Receipt', records: sorted.filter((r) => r.kind === 'RECEIPT').map(strip) },
  ];
  return sections.filter((section) => section.records.length > 0);
}

/**
 * True when every failure is a seal or receipt by a key that is not trusted and nothing
 * else fails: what a bundle from another Brieflock server looks like against this one's keys.
 */
export function onlyUnknownKeys(report: EvidenceReport): boolean {
  return report.mismatches.length > 0 && report.mismatches.every((mismatch) => mismatch.actual === 'unknown-key');
}
