import { describe, expect, it } from 'vitest';
import { versionStatusText } from './ContractStatus';
import type { VersionSummary } from './useVersions';

const signer = (id: string, name: string, signed: boolean) =>
  ({
    user: { id, name, email: `${id}@example.test` },
    role: 'CLIENT',
    signature: signed ? { signedAt: '2027-01-15T10:00:00Z' } : null,
  }) as VersionSummary['signers'][number];

const version = (over: Partial<VersionSummary>): VersionSummary =>
  ({ id: 'v', number: 3, status: 'AWAITING_SIGNATURES', canSign: false, signers: [], ...over }) as VersionSummary;

describe('versionStatusText', () => {
  it('says what waits on whom', () => {
    expect(versionStatusText([], 'me')).toBe('Draft · no version frozen yet');
    expect(versionStatusText([version({ canSign: true })], 'me')).toBe('Version 3 waits for your signature');
    expect(
      versionStatusText([version({ signers: [signer('me', 'Ada', true), signer('g', 'Grace', false)] })], 'me'),
    ).toBe('Waiting for Grace to sign version 3');
    expect(versionStatusText([version({ status: 'SIGNED' })], 'me')).toBe('Version 3 signed by everyone');
    expect(versionStatusText([version({ status: 'DECLINED' })], 'me')).toBe('Version 3 declined · the draft goes on');
  });
});
