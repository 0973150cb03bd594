import { describe, expect, it } from 'vitest';
import { type CheckedAuditRow, type CheckedVersion, checkContractRecords } from './contract-check.js';

const proposalId = '7f0c1c5e-0000-4000-8000-000000000001';

const version = (number: number, status: string, amendsId: string | null = null): CheckedVersion => ({
  id: `v${number}`,
  number,
  status,
  contentHash: '0'.repeat(64),
  previousHash: null,
  chainHash: String(number).repeat(64),
  note: null,
  frozenById: 'u1',
  frozenAt: '2026-12-03T09:00:00.000Z',
  signerIds: [],
  amendsId,
  seal: null,
});

const row = (sequence: number, kind: string, versionId: string): CheckedAuditRow => ({
  sequence,
  kind,
  actorId: 'u1',
  versionId,
  data: {},
  at: '2026-12-03T09:00:00.000Z',
  previousHash: null,
  hash: String(sequence),
  seal: null,
});

/** Only the change-order checks of these records (hashes and seals are made up here). */
async function amendsChecks(versions: CheckedVersion[], audit: CheckedAuditRow[]) {
  const checks = await checkContractRecords({ proposalId, versions, signatures: [], audit }, { trusted: new Map() });
  return checks.filter((check) => check.field === 'amends');
}

describe('the change-order check', () => {
  it('holds for a change order frozen after the version it amends was executed', async () => {
    const checks = await amendsChecks(
      [version(1, 'SIGNED'), version(2, 'AWAITING_SIGNATURES', 'v1')],
      [row(1, 'VERSION_FROZEN', 'v1'), row(2, 'VERSION_EXECUTED', 'v1'), row(3, 'VERSION_FROZEN', 'v2')],
    );
    expect(checks).toEqual([
      expect.objectContaining({
        id: 'v2',
        number: 2,
        ok: true,
        message: 'amends version 1, in force when it was frozen',
      }),
    ]);
  });

  it('fails for a change order frozen before the version it amends was executed', async () => {
    const checks = await amendsChecks(
      [version(1, 'SIGNED'), version(2, 'AWAITING_SIGNATURES', 'v1')],
      [row(1, 'VERSION_FROZEN', 'v1'), row(2, 'VERSION_FROZEN', 'v2'), row(3, 'VERSION_EXECUTED', 'v1')],
    );
    expect(checks).toEqual([
      expect.objectContaining({
        id: 'v2',
        ok: false,
        expected: 'a version in force when it was frozen',
        actual: 'version 1',
        message: 'the change order amends a version that was not in force when it was frozen',
      }),
    ]);
  });

  it('fails for a change order amending an older contract than the one in force, or another proposal’s version', async () => {
    const versions = [version(1, 'SIGNED'), version(2, 'SIGNED', 'v1'), version(3, 'AWAITING_SIGNATURES', 'v1')];
    const audit = [
      row(1, 'VERSION_FROZEN', 'v1'),
      row(2, 'VERSION_EXECUTED', 'v1'),
      row(3, 'VERSION_FROZEN', 'v2'),
      row(4, 'VERSION_EXECUTED', 'v2'),
      row(5, 'VERSION_FROZEN', 'v3'),
    ];
    expect((await amendsChecks(versions, audit)).map(({ id, ok, expected }) => [id, ok, expected])).toEqual([
      ['v2', true, 'version 1'],
      ['v3', false, 'version 2'],
    ]);

    const foreign = await amendsChecks([version(1, 'SIGNED'), version(2, 'AWAITING_SIGNATURES', 'elsewhere')], audit);
    expect(foreign.at(-1)).toMatchObject({ id: 'v2', ok: false, actual: 'no version of this proposal (elsewhere)' });
  });

  it('is not made for a version that amends nothing', async () => {
    expect(await amendsChecks([version(1, 'AWAITING_SIGNATURES')], [row(1, 'VERSION_FROZEN', 'v1')])).toEqual([]);
  });
});
