import { describe, expect, it } from 'vitest';
import { signingOrderOf } from './FreezeDialog';

const signers = [
  { id: 'a', name: 'Cora' },
  { id: 'b', name: 'Finn' },
  { id: 'c', name: 'Sam' },
];

describe('signingOrderOf', () => {
  it('is null while everyone is in one group', () => {
    expect(signingOrderOf(signers, {})).toBeNull();
    expect(signingOrderOf(signers, { a: 2, b: 2, c: 2 })).toBeNull();
  });

  it('orders the groups picked, dropping the empty ones between', () => {
    expect(signingOrderOf(signers, { a: 3, b: 1, c: 1 })).toEqual([['b', 'c'], ['a']]);
    expect(signingOrderOf(signers, { a: 1, b: 2, c: 3 })).toEqual([['a'], ['b'], ['c']]);
  });
});
