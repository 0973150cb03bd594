import type { SectionDiff } from '@brieflock/schema';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SectionDiffView } from './DiffView';

const outcome = (overrides: Partial<SectionDiff>): SectionDiff => ({
  key: 'outcome',
  kind: 'richText',
  title: 'Outcome',
  changed: true,
  text: [
    { op: 'REMOVED', value: 'Old paragraph.' },
    { op: 'ADDED', value: 'New paragraph.' },
  ],
  coarse: false,
  formattingChanged: false,
  items: [],
  fields: [],
  ...overrides,
});

describe('a rich-text section diff', () => {
  it('says when the change was compared paragraph by paragraph', () => {
    render(<SectionDiffView section={outcome({ coarse: true })} />);
    expect(screen.getByTestId('diff-coarse').textContent).toBe(
      'This change was too large to compare word by word; shown paragraph by paragraph.',
    );
    expect(screen.getByTestId('text-diff').textContent).toContain('New paragraph.');
  });

  it('shows no such notice for a word diff', () => {
    render(<SectionDiffView section={outcome({})} />);
    expect(screen.queryByTestId('diff-coarse')).toBeNull();
    expect(screen.getByTestId('text-diff')).toBeTruthy();
  });
});
