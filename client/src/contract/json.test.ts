import { contentHashOf } from '@brieflock/schema';
import { describe, expect, it } from 'vitest';
import { recomputeContentHash } from './json';

// What the sign dialog compares with the hash the server states before it lets anyone sign.
describe('recomputeContentHash', () => {
  const content = { outcome: { text: 'Cut churn' }, milestones: [{ id: 'm1', title: 'Baseline' }] };

  it('is the content hash the server computes from the same content', () => {
    expect(recomputeContentHash(content)).toBe(contentHashOf(content));
    expect(recomputeContentHash(content)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('does not depend on the order keys arrive in', () => {
    const reordered = { milestones: [{ title: 'Baseline', id: 'm1' }], outcome: { text: 'Cut churn' } };
    expect(recomputeContentHash(reordered)).toBe(recomputeContentHash(content));
  });

  it('differs when a single character of the content differs', () => {
    const tampered = { ...content, outcome: { text: 'Cut churn!' } };
    expect(recomputeContentHash(tampered)).not.toBe(recomputeContentHash(content));
  });

  it('is null for content with no JSON form, so signing is refused rather than crashing', () => {
    expect(recomputeContentHash(undefined)).toBeNull();
    expect(recomputeContentHash(() => {})).toBeNull();
  });
});
