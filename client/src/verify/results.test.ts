import type { Check, EvidenceBundle, EvidenceReport } from '@brieflock/schema';
import { describe, expect, it } from 'vitest';
import { fieldLabel, onlyUnknownKeys, resultSections } from './results';

const version = (id: string, number: number, status: string) => ({
  id,
  number,
  status,
  contentHash: 'c'.repeat(64),
  previousHash: null,
  chainHash: 'h'.repeat(64),
  note: null,
  frozenById: 'u1',
  frozenAt: '2026-12-01T10:00:00.000Z',
  signerIds: ['u1', 'u2'],
  seal: null,
});

const bundle = {
  versionId: 'v2',
  proposal: { id: 'p', title: 'Pilot' },
  versions: [version('v1', 1, 'SUPERSEDED'), version('v2', 2, 'SIGNED')],
  signatures: [
    { id: 's1', versionId: 'v2', signerId: 'u2' },
    { id: 's0', versionId: 'v1', signerId: 'u1' },
  ],
  audit: [
    { sequence: 1, kind: 'VERSION_FROZEN', actorId: 'u1' },
    { sequence: 2, kind: 'VERSION_SIGNED', actorId: 'u1' },
  ],
  people: [
    { id: 'u1', name: 'Cora Client' },
    { id: 'u2', name: 'Finn Freelancer' },
  ],
} as unknown as EvidenceBundle;

const check = (kind: Check['kind'], id: string, field: string, ok = true, actual: string | null = null): Check => ({
  kind,
  id,
  number: null,
  field,
  ok,
  expected: null,
  actual,
  message: field,
});

const reportOf = (checks: Check[]): EvidenceReport => {
  const mismatches = checks.filter((item) => !item.ok).map(({ ok: _ok, ...rest }) => rest);
  return {
    ok: mismatches.length === 0,
    proposalId: 'p',
    versionId: 'v2',
    keySource: 'pinned',
    checks,
    firstMismatch: mismatches[0] ?? null,
    mismatches,
  };
};

describe('resultSections', () => {
  it('groups checks by record: each version with its signatures, then the audit trail, then the receipt', () => {
    const report = reportOf([
      check('VERSION', 'v2', 'contentJson'),
      check('VERSION', 'v1', 'number'),
      check('SIGNATURE', 's0', 'recordHash'),
      check('VERSION', 'v2', 'number'),
      check('SIGNATURE', 's1', 'recordHash', false),
      check('AUDIT_EVENT', '2', 'hash'),
      check('AUDIT_EVENT', '1', 'hash'),
      check('RECEIPT', '2', 'headHash'),
      check('SIGNATURE', 's1', 'audit'),
    ]);
    const sections = resultSections(bundle, report);
    expect(sections.map((section) => section.title)).toEqual(['Versions and signatures', 'Audit trail', 'Receipt']);
    expect(sections[0]!.records.map((record) => [record.title, record.ok, record.checks.length])).toEqual([
      ['Version 1 (superseded)', true, 1],
      ['Signature of Cora Client on version 1', true, 1],
      ['Version 2 (signed), this bundle’s version', true, 2],
      ['Signature of Finn Freelancer on version 2', false, 2],
    ]);
    expect(sections[1]!.records.map((record) => record.title)).toEqual([
      'Row 1: version frozen by Cora Client',
      'Row 2: version signed by Cora Client',
    ]);
    expect(sections[2]!.records.map((record) => record.title)).toEqual(['Receipt for the first 2 audit rows']);
  });

  it('leaves out sections with nothing in them and names records the bundle does not hold', () => {
    const sections = resultSections(bundle, reportOf([check('SIGNATURE', 'gone', 'versionId', false)]));
    expect(sections).toHaveLength(1);
    expect(sections[0]!.records[0]!.title).toBe('Signature of an unknown signer');
  });
});

describe('onlyUnknownKeys', () => {
  it('is true only when every failure is a signature by a key that is not trusted', () => {
    expect(onlyUnknownKeys(reportOf([check('VERSION', 'v1', 'serverSignature', false, 'unknown-key')]))).toBe(true);
    expect(
      onlyUnknownKeys(
        reportOf([
          check('VERSION', 'v1', 'serverSignature', false, 'unknown-key'),
          check('VERSION', 'v1', 'contentJson', false, 'abc'),
        ]),
      ),
    ).toBe(false);
    expect(onlyUnknownKeys(reportOf([check('VERSION', 'v1', 'number')]))).toBe(false);
  });
});

describe('fieldLabel', () => {
  it('names fields in words, passkey assertion parts included', () => {
    expect(fieldLabel('contentJson')).toBe('Content');
    expect(fieldLabel('assertion.challenge')).toBe('Passkey assertion (challenge)');
    expect(fieldLabel('amends')).toBe('Version it amends');
    expect(fieldLabel('somethingNew')).toBe('somethingNew');
  });
});
