import type { SectionDiff } from '@brieflock/schema';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FOLD_DELETIONS_OVER_WORDS, SectionDiffView, formattingText } from './DiffView';

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
  formatting: [],
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

describe('the validation section', () => {
  it('shows the trial’s changed fields and rubric criteria beside its unchanged text', () => {
    render(
      <SectionDiffView
        section={outcome({
          key: 'validation',
          title: 'Skill validation',
          text: [],
          fields: [
            { field: 'paidAmount', before: 'EUR 800', after: 'EUR 1,000' },
            { field: 'score', before: null, after: 84 },
          ],
          items: [
            {
              change: 'CHANGED',
              itemId: 'quality',
              fromIndex: 0,
              toIndex: 0,
              moved: false,
              before: { id: 'quality', criterion: 'Model quality', weight: 60 },
              after: { id: 'quality', criterion: 'Model quality', weight: 50 },
              fields: [{ field: 'weight', before: 60, after: 50 }],
            },
          ],
        })}
      />,
    );
    expect(screen.queryByTestId('text-diff')).toBeNull();
    const trial = screen.getByTestId('trial-changes');
    expect(trial.textContent).toContain('Paid amount: EUR 800 → EUR 1,000');
    expect(trial.textContent).toContain('Trial score: (empty) → 84');
    const [criterion] = screen.getAllByTestId('item-change');
    expect(criterion!.textContent).toContain('Criterion “Model quality”');
    expect(criterion!.textContent).toContain('60 → 50');
  });
});

describe('long deletions and formatting changes', () => {
  const long = Array.from({ length: FOLD_DELETIONS_OVER_WORDS + 5 }, (_, index) => `word${index}`).join(' ');

  it('folds a deletion of more than 40 words behind "Show N deleted words"; a short one stays in line', () => {
    render(
      <SectionDiffView
        section={outcome({
          text: [
            { op: 'REMOVED', value: long },
            { op: 'EQUAL', value: ' kept ' },
            { op: 'REMOVED', value: 'two words' },
          ],
        })}
      />,
    );
    const folded = screen.getByTestId('folded-deletion');
    expect(folded.querySelector('summary')?.textContent).toBe('Show 45 deleted words');
    expect(folded.hasAttribute('open')).toBe(false);
    expect(screen.getAllByTestId('folded-deletion').length).toBe(1);
    expect(screen.getByTestId('text-diff').querySelectorAll(':scope > del').length).toBe(1);
  });

  it('lists formatting changes, also when the words are the same', () => {
    render(
      <SectionDiffView
        section={outcome({
          text: [],
          formattingChanged: true,
          formatting: [{ text: '3.5%', before: [], after: ['bold'] }],
        })}
      />,
    );
    expect(screen.getByTestId('format-change').textContent).toBe('Formatting “3.5%”: now bold');
  });

  it('says what changed in a formatting change, in words', () => {
    expect(formattingText({ text: 'x', before: ['italic'], after: [] })).toBe('no longer italic');
    expect(formattingText({ text: 'x', before: [], after: ['bold', 'italic'] })).toBe('now bold and italic');
    expect(formattingText({ text: 'x', before: ['link https://a'], after: ['link https://b'] })).toBe(
      'link changed from https://a to https://b',
    );
    expect(formattingText({ text: 'x', before: [], after: ['link https://a'] })).toBe('now link to https://a');
  });
});
