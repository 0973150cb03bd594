import { describe, expect, it } from 'vitest';
import { standingOf } from './standing';

describe('where a proposal stands', () => {
  it('is drafting with no version, or when the newest was superseded or declined', () => {
    expect(standingOf([], 'CLIENT')).toMatchObject({ kind: 'DRAFTING', label: 'Drafting' });
    expect(standingOf([], 'CLIENT').todo).toMatch(/freeze/);
    expect(standingOf([], 'VIEWER').todo).toBe('Nothing for you to do while the brief is drafted.');
    expect(standingOf([{ number: 1, status: 'DECLINED', canSign: false }], 'FREELANCER').kind).toBe('DRAFTING');
  });

  it('awaits the viewer while they still have to sign the newest version, otherwise the others', () => {
    const versions = [
      { number: 2, status: 'AWAITING_SIGNATURES', canSign: true },
      { number: 1, status: 'SUPERSEDED', canSign: false },
    ];
    expect(standingOf(versions, 'FREELANCER')).toEqual({
      kind: 'AWAITING_YOU',
      label: 'Awaiting your signature',
      todo: 'Review and sign version 2.',
    });
    const signedByMe = [{ number: 2, status: 'AWAITING_SIGNATURES', canSign: false }];
    expect(standingOf(signedByMe, 'CLIENT')).toMatchObject({ kind: 'AWAITING_OTHERS', label: 'Awaiting others' });
    expect(standingOf(signedByMe, 'VIEWER').todo).toBe('Waiting for the others to sign version 2.');
  });

  it('is signed when the newest version is, whatever order the versions come in', () => {
    const versions = [
      { number: 1, status: 'SUPERSEDED', canSign: false },
      { number: 3, status: 'SIGNED', canSign: false },
      { number: 2, status: 'SUPERSEDED', canSign: false },
    ];
    expect(standingOf(versions, 'VIEWER')).toEqual({
      kind: 'SIGNED',
      label: 'Signed',
      todo: 'Version 3 is signed by everyone.',
    });
  });
});
