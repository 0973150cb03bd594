import { describe, expect, it } from 'vitest';
import { BRIEF_SECTIONS } from './brief.js';
import { plainText, richText, type RichTextNode, type TypedBriefContent } from './brief-content.js';
import { diffBriefs, marksByCharacter } from './version-diff.js';

function emptyBrief(): TypedBriefContent {
  const brief: Record<string, unknown> = {};
  for (const spec of BRIEF_SECTIONS) {
    brief[spec.key] = spec.kind === 'richText' ? richText([]) : spec.kind === 'list' ? [] : {};
  }
  return brief as unknown as TypedBriefContent;
}

const text = (value: string, ...marks: { type: string; attrs?: Record<string, unknown> }[]): RichTextNode =>
  marks.length > 0 ? { type: 'text', text: value, marks } : { type: 'text', text: value };
const paragraph = (...content: RichTextNode[]): RichTextNode => ({ type: 'paragraph', content });
const bold = { type: 'bold' };
const italic = { type: 'italic' };
const link = (href: string) => ({ type: 'link', attrs: { href } });

/** The outcome section's diff between two versions that differ only there. */
function outcomeDiff(before: RichTextNode[], after: RichTextNode[]) {
  const from = { ...emptyBrief(), outcome: richText(before) };
  const to = { ...emptyBrief(), outcome: richText(after) };
  return diffBriefs(from, to).sections.find((section) => section.key === 'outcome')!;
}

describe('formatting changes in the version diff', () => {
  it('names the words made bold, with the words the same', () => {
    const diff = outcomeDiff(
      [paragraph(text('Cut churn to 3.5% by June.'))],
      [paragraph(text('Cut churn to '), text('3.5%', bold), text(' by June.'))],
    );
    expect(diff.changed).toBe(true);
    expect(diff.text).toEqual([]);
    expect(diff.formattingChanged).toBe(true);
    expect(diff.formatting).toEqual([{ text: '3.5%', before: [], after: ['bold'] }]);
  });

  it('a run over several words is one change; italic taken off and a link changed are their own', () => {
    const diff = outcomeDiff(
      [paragraph(text('See the plan', italic), text(' and '), text('the board', link('https://a.example')))],
      [paragraph(text('See the plan and '), text('the board', link('https://b.example')))],
    );
    expect(diff.formatting).toEqual([
      { text: 'See the plan', before: ['italic'], after: [] },
      { text: 'the board', before: ['link https://a.example'], after: ['link https://b.example'] },
    ]);
  });

  it('finds formatting changes on the words both versions keep while other words change', () => {
    const diff = outcomeDiff(
      [paragraph(text('We predict churn monthly.'))],
      [paragraph(text('We predict '), text('churn', bold, italic), text(' every week.'))],
    );
    expect(diff.text.some((part) => part.op === 'ADDED')).toBe(true);
    expect(diff.formatting).toEqual([{ text: 'churn', before: [], after: ['bold', 'italic'] }]);
  });

  it('no formatting change when only the words change, and none when nothing does', () => {
    expect(outcomeDiff([paragraph(text('One'))], [paragraph(text('Two'))]).formatting).toEqual([]);
    const same = outcomeDiff([paragraph(text('One', bold))], [paragraph(text('One', bold))]);
    expect(same.changed).toBe(false);
    expect(same.formatting).toEqual([]);
  });

  it('gives every character of the plain text its marks, block breaks included', () => {
    const nodes = [
      paragraph(text('ab', bold)),
      paragraph(),
      paragraph(text('c'), { type: 'hardBreak' }, text('d', italic)),
    ];
    const marks = marksByCharacter(nodes);
    expect(marks.length).toBe(plainText(nodes).length);
    expect(marks).toEqual(['bold', 'bold', '', '', '', 'italic']);
  });
});
