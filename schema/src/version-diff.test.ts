import { describe, expect, it } from 'vitest';
import { BRIEF_SECTIONS } from './brief.js';
import {
  richText,
  type ListItem,
  type RichTextValue,
  type TrialValue,
  type TypedBriefContent,
} from './brief-content.js';
import { canonicalJson } from './contract.js';
import { DIFF_LIMITS, diffBriefs, type SectionDiff } from './version-diff.js';

/** Deterministic pseudo-random numbers (a linear congruential generator). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x80000000;
  };
}

const words = (seed: number, count: number): string[] => {
  const next = random(seed);
  return Array.from({ length: count }, () => `w${Math.floor(next() * 5000).toString(36)}`);
};

/** Rich text of paragraphs of `perParagraph` words each. */
function prose(list: readonly string[], perParagraph = 80): RichTextValue {
  const nodes = [];
  for (let i = 0; i < list.length; i += perParagraph) {
    nodes.push({
      type: 'paragraph',
      content: [{ type: 'text' as const, text: list.slice(i, i + perParagraph).join(' ') }],
    });
  }
  return richText(nodes);
}

function emptyBrief(): TypedBriefContent {
  const brief: Record<string, unknown> = {};
  for (const spec of BRIEF_SECTIONS) {
    brief[spec.key] = spec.kind === 'richText' ? richText([]) : spec.kind === 'list' ? [] : {};
  }
  return brief as unknown as TypedBriefContent;
}

const outcomeOf = (before: RichTextValue, after: RichTextValue): SectionDiff =>
  diffBriefs({ ...emptyBrief(), outcome: before }, { ...emptyBrief(), outcome: after }).sections.find(
    (section) => section.key === 'outcome',
  )!;

/** Each side of a text diff, put back together. */
const side = (section: SectionDiff, skip: 'ADDED' | 'REMOVED') =>
  section.text
    .filter((change) => change.op !== skip)
    .map((change) => change.value)
    .join('');

describe('the bounded text diff', () => {
  it('compares a few edits in a long text word by word', () => {
    const original = words(1, 8000);
    const edited = [...original];
    for (let i = 100; i < 8000; i += 400) edited[i] = `changed${i}`;
    const outcome = outcomeOf(prose(original), prose(edited));
    expect(outcome.coarse).toBe(false);
    expect(outcome.text.filter((change) => change.op === 'ADDED').map((change) => change.value)).toEqual(
      Array.from({ length: 20 }, (_, k) => `changed${100 + k * 400}`),
    );
    expect(side(outcome, 'ADDED')).toBe(prose(original).text);
    expect(side(outcome, 'REMOVED')).toBe(prose(edited).text);
  });

  it('falls back to paragraphs for two unrelated long texts, and says so', () => {
    const before = prose(words(1, 8000));
    const after = prose(words(2, 8000));
    const outcome = outcomeOf(before, after);
    const diff = diffBriefs({ ...emptyBrief(), outcome: before }, { ...emptyBrief(), outcome: after });
    expect(outcome).toMatchObject({ changed: true, coarse: true });
    expect(diff.coarse).toBe(true);
    expect(side(outcome, 'ADDED')).toBe(before.text);
    expect(side(outcome, 'REMOVED')).toBe(after.text);
  });

  it('keeps the paragraphs both texts share as they are when the rest is too different', () => {
    const shared = words(3, 80).join(' ');
    const before = richText([
      { type: 'paragraph', content: [{ type: 'text', text: shared }] },
      ...prose(words(1, 8000)).content,
    ]);
    const after = richText([
      { type: 'paragraph', content: [{ type: 'text', text: shared }] },
      ...prose(words(2, 8000)).content,
    ]);
    const outcome = outcomeOf(before, after);
    expect(outcome.coarse).toBe(true);
    expect(outcome.text[0]).toEqual({ op: 'EQUAL', value: `${shared}\n` });
  });

  it('replaces the whole text when even the paragraphs are too different', () => {
    const lines = DIFF_LIMITS.maxParagraphEdits;
    const before = prose(words(1, lines), 1);
    const after = prose(words(2, lines), 1);
    const outcome = outcomeOf(before, after);
    expect(outcome.coarse).toBe(true);
    expect(outcome.text).toEqual([
      { op: 'REMOVED', value: before.text },
      { op: 'ADDED', value: after.text },
    ]);
  });

  it('shows added paragraphs as added, not coarse, however long', () => {
    const before = prose(words(1, 80));
    const after = prose([...words(1, 80), ...words(2, 20_000)]);
    const outcome = outcomeOf(before, after);
    expect(outcome.coarse).toBe(false);
    expect(outcome.text.map((change) => change.op)).toEqual(['EQUAL', 'ADDED']);
  });
});

/** The list pairing and move detection as first written (all pairs compared; quadratic moves). */
function referenceItems(before: readonly ListItem[], after: readonly ListItem[]) {
  const same = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);
  const pairs: Array<[number | null, number | null]> = [];
  const afterById = new Map<string, number>();
  after.forEach((item, index) => {
    if (item.id !== null && !afterById.has(item.id)) afterById.set(item.id, index);
  });
  const taken = new Set<number>();
  const unmatched: number[] = [];
  before.forEach((item, index) => {
    const match = item.id !== null ? afterById.get(item.id) : undefined;
    if (match !== undefined && !taken.has(match)) {
      taken.add(match);
      pairs.push([index, match]);
    } else unmatched.push(index);
  });
  for (const index of unmatched) {
    const item = before[index]!;
    const match =
      item.id === null ? after.findIndex((other, j) => other.id === null && !taken.has(j) && same(other, item)) : -1;
    if (match >= 0) {
      taken.add(match);
      pairs.push([index, match]);
    } else pairs.push([index, null]);
  }
  after.forEach((_item, index) => {
    if (!taken.has(index)) pairs.push([null, index]);
  });
  const shared = pairs
    .map((pair, at) => ({ at, from: pair[0], to: pair[1] }))
    .filter((entry): entry is { at: number; from: number; to: number } => entry.from !== null && entry.to !== null)
    .sort((a, b) => a.from - b.from);
  const length = shared.map(() => 1);
  const previous = shared.map(() => -1);
  for (let i = 0; i < shared.length; i++) {
    for (let j = 0; j < i; j++) {
      if (shared[j]!.to < shared[i]!.to && length[j]! + 1 > length[i]!) {
        length[i] = length[j]! + 1;
        previous[i] = j;
      }
    }
  }
  let end = -1;
  for (let i = 0; i < shared.length; i++) if (end < 0 || length[i]! > length[end]!) end = i;
  const kept = new Set<number>();
  for (let i = end; i >= 0; i = previous[i]!) kept.add(shared[i]!.at);
  return pairs
    .map(([from, to], at) => ({ from, to, moved: from !== null && to !== null && !kept.has(at) }))
    .filter(({ from, to, moved }) => from === null || to === null || moved || !same(before[from], after[to]))
    .map(({ from, to, moved }) => `${from}->${to}${moved ? ' moved' : ''}`)
    .sort();
}

describe('list pairing', () => {
  const metric = (name: string, id: string | null = null): ListItem => ({
    id,
    name,
    baseline: '1',
    target: '2',
    measurement: 'Dashboard',
  });
  const metricsOf = (before: ListItem[], after: ListItem[]) =>
    diffBriefs({ ...emptyBrief(), successMetrics: before }, { ...emptyBrief(), successMetrics: after }).sections.find(
      (section) => section.key === 'successMetrics',
    )!.items;

  it('pairs, and flags moves, exactly as comparing every pair does, on shuffled lists', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const next = random(seed);
      const pick = (count: number) =>
        Array.from({ length: Math.floor(next() * count) }, () =>
          metric(`m${Math.floor(next() * 6)}`, next() < 0.5 ? `id-${Math.floor(next() * 8)}` : null),
        );
      const before = pick(12);
      const after = next() < 0.3 ? [...before].sort(() => next() - 0.5) : pick(12);
      const items = metricsOf(before, after)
        .map((item) => `${item.fromIndex}->${item.toIndex}${item.moved ? ' moved' : ''}`)
        .sort();
      expect(items, `seed ${seed}`).toEqual(referenceItems(before, after));
    }
  });

  it('pairs thousands of id-less rows by content', () => {
    const before = Array.from({ length: 1500 }, (_, i) => metric(`before ${i}`));
    const after = [...Array.from({ length: 1500 }, (_, i) => metric(`after ${i}`)), ...before.slice(0, 10).reverse()];
    const items = metricsOf(before, after);
    expect(items.filter((item) => item.change === 'REMOVED')).toHaveLength(1490);
    expect(items.filter((item) => item.change === 'ADDED')).toHaveLength(1500);
    expect(items.filter((item) => item.change === 'MOVED')).toHaveLength(9);
  });
});

describe('the validation trial', () => {
  const trial = (overrides: Partial<TrialValue> = {}): TrialValue => ({
    task: 'Train a baseline and report its AUC',
    paidAmount: 'EUR 800',
    timeBoxDays: 5,
    rubric: [
      { id: 'quality', criterion: 'Model quality', weight: 60 },
      { id: 'report', criterion: 'Clarity of the report', weight: 40 },
    ],
    score: null,
    scoreNote: '',
    ...overrides,
  });
  const validationOf = (before: TrialValue | null, after: TrialValue | null): SectionDiff => {
    const text = richText([{ type: 'paragraph', content: [{ type: 'text', text: 'A paid trial.' }] }]);
    const brief = (value: TrialValue | null) =>
      ({ ...emptyBrief(), validation: value ? { ...text, trial: value } : text }) as TypedBriefContent;
    return diffBriefs(brief(before), brief(after)).sections.find((section) => section.key === 'validation')!;
  };

  it('is unchanged when the trial is the same, with the text unchanged too', () => {
    expect(validationOf(trial(), trial())).toMatchObject({ changed: false, fields: [], items: [], text: [] });
    expect(validationOf(null, null).changed).toBe(false);
  });

  it('shows a changed pay and a recorded score as field changes, beside unchanged text', () => {
    const section = validationOf(trial(), trial({ paidAmount: 'EUR 1,000', score: 84, scoreNote: 'Strong.' }));
    expect(section.changed).toBe(true);
    expect(section.text).toEqual([]);
    expect(section.fields).toEqual([
      { field: 'paidAmount', before: 'EUR 800', after: 'EUR 1,000' },
      { field: 'scoreNote', before: '', after: 'Strong.' },
      { field: 'score', before: null, after: 84 },
    ]);
  });

  it('shows rubric criteria added, removed and reweighted, matched by id', () => {
    const section = validationOf(
      trial(),
      trial({
        rubric: [
          { id: 'quality', criterion: 'Model quality', weight: 50 },
          { id: 'speed', criterion: 'Delivery speed', weight: 50 },
        ],
      }),
    );
    expect(section.changed).toBe(true);
    expect(section.items.map((item) => [item.change, item.itemId])).toEqual([
      ['CHANGED', 'quality'],
      ['REMOVED', 'report'],
      ['ADDED', 'speed'],
    ]);
    expect(section.items[0]!.fields).toEqual([{ field: 'weight', before: 60, after: 50 }]);
  });

  it('shows a trial written or dropped as every field changing', () => {
    const written = validationOf(null, trial());
    expect(written.changed).toBe(true);
    expect(written.fields.map((field) => field.field)).toEqual(['task', 'paidAmount', 'timeBoxDays']);
    expect(written.items.map((item) => item.change)).toEqual(['ADDED', 'ADDED']);
    expect(validationOf(trial(), null).items.map((item) => item.change)).toEqual(['REMOVED', 'REMOVED']);
  });
});
