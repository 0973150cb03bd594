import { diffLines, diffWordsWithSpace } from 'diff';
import { BRIEF_SECTIONS, type SectionSpec, TRIAL_FIELDS, TRIAL_RUBRIC_FIELDS } from './brief.js';
import type {
  FieldValue,
  ListItem,
  RichTextMark,
  RichTextNode,
  RichTextValue,
  TrialValue,
  TypedBriefContent,
} from './brief-content.js';
import { canonicalJson } from './contract.js';

/**
 * Field-level differences between two frozen briefs, section by section:
 * - rich text: a word diff of the plain text, and whether formatting alone changed;
 * - lists: items added, removed, changed or moved, matched by their `id` (an item a
 *   plain client wrote without an id is matched by its content instead);
 * - maps: each field whose value changed;
 * - the validation's structured trial, beside its text: its fields (`TRIAL_DIFF_FIELDS`,
 *   the score too) in `fields` and its rubric criteria in `items`, so a change order that
 *   changes the trial's pay, time box, rubric or recorded score shows it.
 *
 * Every step is bounded, so no pair of briefs costs more than a few milliseconds to compare.
 * Text is first compared paragraph by paragraph (a line of `text` is a paragraph), then
 * each changed run of paragraphs word by word. Myers' diff costs O((N + M) · D) for
 * inputs of N and M tokens and D edits, so each word diff may take at most as many edits
 * as the work budget allows for its size; a run beyond that stays paragraph-level, and the
 * section says so (`coarse`). Paragraphs beyond their own budget: the whole text replaced.
 * List items pair through maps and their moves are found in O(n log n).
 */

/**
 * Budgets of the text diff, set so that the worst pair of texts costs tens of milliseconds:
 * word-diff work is characters compared times edits allowed.
 */
export const DIFF_LIMITS = {
  /** The most edits one word diff may take. */
  maxWordEdits: 500,
  /** A changed run of paragraphs longer than this (characters, both sides) is not diffed by word. */
  maxWordRunChars: 100_000,
  /** Characters times edits all word diffs of one section may spend. */
  wordWork: 2_000_000,
  /** Paragraphs added plus removed before the whole text is shown replaced. */
  maxParagraphEdits: 300,
  /** Paragraphs times edits the paragraph diff of one section may spend. */
  paragraphWork: 1_000_000,
} as const;

export type TextOp = 'EQUAL' | 'ADDED' | 'REMOVED';
export interface TextChange {
  op: TextOp;
  value: string;
}

/**
 * Words whose formatting differs while the words stay: each mark as `bold`, `italic`,
 * `code`, `strike`, `link <href>`, … (sorted), before and after.
 */
export interface FormatChange {
  text: string;
  before: string[];
  after: string[];
}

export interface FieldChange {
  field: string;
  before: FieldValue;
  after: FieldValue;
}

export type ItemChangeKind = 'ADDED' | 'REMOVED' | 'CHANGED' | 'MOVED';
export interface ItemChange {
  change: ItemChangeKind;
  itemId: string | null;
  /** Position in the older version; null when added. */
  fromIndex: number | null;
  /** Position in the newer version; null when removed. */
  toIndex: number | null;
  /** True when the item changed its order relative to the items both versions share. */
  moved: boolean;
  before: ListItem | null;
  after: ListItem | null;
  /** For CHANGED: the fields that differ. */
  fields: FieldChange[];
}

export interface SectionDiff {
  key: string;
  kind: SectionSpec['kind'];
  title: string;
  changed: boolean;
  /** Rich text: the word diff (only when the text changed). */
  text: TextChange[];
  /**
   * Rich text: the change was too large to compare word by word, so `text` holds whole
   * paragraphs (lines) added and removed, or the whole text replaced.
   */
  coarse: boolean;
  /** Rich text: the structure or formatting differs. */
  formattingChanged: boolean;
  /** Rich text: words kept in both versions whose marks (bold, italic, link…) changed. */
  formatting: FormatChange[];
  /** Lists (and the validation's trial rubric): the items that differ. */
  items: ItemChange[];
  /** Maps (and the validation's trial): the fields that differ. */
  fields: FieldChange[];
}

export interface BriefDiff {
  changed: boolean;
  /** Some section was compared paragraph by paragraph instead of word by word. */
  coarse: boolean;
  sections: SectionDiff[];
}

const same = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);

type Part = { added?: boolean; removed?: boolean; value: string };
const opOf = (part: Part): TextOp => (part.added ? 'ADDED' : part.removed ? 'REMOVED' : 'EQUAL');

/** Appends a change, merged into the last one when they have the same op. */
function push(into: TextChange[], op: TextOp, value: string): void {
  if (!value) return;
  const last = into[into.length - 1];
  if (last && last.op === op) last.value += value;
  else into.push({ op, value });
}

/**
 * Paragraphs first, then words within each changed run of paragraphs, each step within
 * its budget (see DIFF_LIMITS); `coarse` when some run stayed paragraph-level.
 */
function boundedTextDiff(before: string, after: string): { text: TextChange[]; coarse: boolean } {
  const lines = before.split('\n').length + after.split('\n').length;
  // Every paragraph, the last too, ends in a newline, so a last paragraph that gains a
  // successor still matches; endOfText takes the added newlines off again.
  const paragraphs = diffLines(`${before}\n`, `${after}\n`, {
    maxEditLength: Math.max(1, Math.min(DIFF_LIMITS.maxParagraphEdits, Math.floor(DIFF_LIMITS.paragraphWork / lines))),
  });
  if (!paragraphs) {
    const whole: TextChange[] = [];
    push(whole, 'REMOVED', before);
    push(whole, 'ADDED', after);
    return { text: whole, coarse: true };
  }
  const text: TextChange[] = [];
  let coarse = false;
  let work = DIFF_LIMITS.wordWork;
  for (let i = 0; i < paragraphs.length; i++) {
    const part = paragraphs[i]!;
    if (!part.added && !part.removed) {
      push(text, 'EQUAL', part.value);
      continue;
    }
    // A changed run: removed paragraphs, added ones, or removed followed by added.
    let removed = '';
    let added = '';
    for (; i < paragraphs.length && (paragraphs[i]!.added || paragraphs[i]!.removed); i++) {
      if (paragraphs[i]!.added) added += paragraphs[i]!.value;
      else removed += paragraphs[i]!.value;
    }
    i--;
    const size = removed.length + added.length;
    const maxEditLength =
      size > DIFF_LIMITS.maxWordRunChars ? 0 : Math.min(DIFF_LIMITS.maxWordEdits, Math.floor(work / Math.max(1, size)));
    const words =
      removed && added && maxEditLength > 0 ? diffWordsWithSpace(removed, added, { maxEditLength }) : undefined;
    if (words) {
      work -= size * Math.min(maxEditLength, words.length);
      for (const word of words) push(text, opOf(word), word.value);
    } else {
      if (removed && added) {
        coarse = true;
        work -= size * maxEditLength;
      }
      push(text, 'REMOVED', removed);
      push(text, 'ADDED', added);
    }
  }
  return { text: endOfText(text), coarse };
}

/** Takes the final newline boundedTextDiff added off each side of the changes. */
function endOfText(text: TextChange[]): TextChange[] {
  const lastOf = (skip: TextOp) => text.findLastIndex((change) => change.op !== skip);
  const ends = new Set([lastOf('ADDED'), lastOf('REMOVED')]);
  for (const at of ends) {
    const change = text[at];
    if (change?.value.endsWith('\n')) change.value = change.value.slice(0, -1);
  }
  return text.filter((change) => change.value !== '');
}

/** How a mark reads in a formatting change: its type, and a link's target. */
function markLabel(mark: RichTextMark): string {
  const href = mark.type === 'link' ? mark.attrs?.href : undefined;
  return typeof href === 'string' ? `link ${href}` : mark.type;
}

/**
 * The marks of every character of `plainText(nodes)`, as sorted labels joined by "|"
 * ("" for none): it walks the nodes exactly as plainText does, so index i here is
 * character i there (newlines between blocks have no marks).
 */
export function marksByCharacter(nodes: readonly RichTextNode[]): string[] {
  const lines: string[][] = [];
  const visit = (list: readonly RichTextNode[]) => {
    let inline: string[] = [];
    let hasInline = false;
    for (const node of list) {
      if (node.type === 'text' && 'text' in node) {
        const key = (node.marks ?? []).map(markLabel).sort().join('|');
        // One entry per UTF-16 unit, as the plain text's indices count.
        for (let i = 0; i < node.text.length; i++) inline.push(key);
        hasInline = true;
      } else if (node.type === 'hardBreak') {
        inline.push('');
        hasInline = true;
      } else if ('content' in node && node.content) {
        if (hasInline) {
          lines.push(inline);
          inline = [];
          hasInline = false;
        }
        visit(node.content);
      } else if (node.type === 'paragraph' || node.type === 'heading') {
        lines.push([]);
      }
    }
    if (hasInline) lines.push(inline);
  };
  visit(nodes);
  const keys: string[] = [];
  lines.forEach((line, index) => {
    if (index > 0) keys.push('');
    keys.push(...line);
  });
  return keys;
}

/** Where the words both versions keep are formatted differently, run by run. */
function formattingChanges(before: RichTextValue, after: RichTextValue, text: TextChange[]): FormatChange[] {
  const from = marksByCharacter(before.content);
  const to = marksByCharacter(after.content);
  const changes: FormatChange[] = [];
  let open: { text: string; before: string; after: string } | null = null;
  const close = () => {
    if (open && open.text.trim() !== '') {
      const split = (key: string) => (key === '' ? [] : key.split('|'));
      changes.push({ text: open.text.trim(), before: split(open.before), after: split(open.after) });
    }
    open = null;
  };
  let b = 0;
  let a = 0;
  const kept: TextChange[] = text.length > 0 ? text : [{ op: 'EQUAL', value: before.text }];
  for (const part of kept) {
    if (part.op === 'REMOVED') {
      close();
      b += part.value.length;
      continue;
    }
    if (part.op === 'ADDED') {
      close();
      a += part.value.length;
      continue;
    }
    for (let i = 0; i < part.value.length; i++) {
      const char = part.value[i]!;
      const was = from[b + i] ?? '';
      const now = to[a + i] ?? '';
      if (char === '\n') {
        close();
        continue;
      }
      if (open && was === open.before && now === open.after) {
        open.text += char;
        continue;
      }
      // A space between two words: part of the run if the next word continues it (trimmed if not).
      if (open && /\s/.test(char)) {
        open.text += char;
        continue;
      }
      close();
      if (was !== now) open = { text: char, before: was, after: now };
    }
    b += part.value.length;
    a += part.value.length;
  }
  close();
  return changes;
}

function diffText(
  before: RichTextValue,
  after: RichTextValue,
): Pick<SectionDiff, 'text' | 'coarse' | 'formattingChanged' | 'formatting' | 'changed'> {
  const textChanged = before.text !== after.text;
  const { text, coarse } = textChanged ? boundedTextDiff(before.text, after.text) : { text: [], coarse: false };
  // Word by word only: a coarse diff keeps too little text in common to compare marks on.
  const formatting = coarse || same(before.content, after.content) ? [] : formattingChanges(before, after, text);
  const formattingChanged = formatting.length > 0 || (!textChanged && !same(before.content, after.content));
  return { text, coarse, formattingChanged, formatting, changed: textChanged || formattingChanged };
}

function diffFields(
  keys: readonly string[],
  before: Record<string, FieldValue>,
  after: Record<string, FieldValue>,
): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of keys) {
    const a = before[field] ?? null;
    const b = after[field] ?? null;
    if (a !== b) changes.push({ field, before: a, after: b });
  }
  return changes;
}

/**
 * Pairs items by id; id-less items pair with the first identical id-less item not yet
 * taken. Both go through maps (id, and canonical JSON for content), so pairing is linear.
 */
function pairItems(before: readonly ListItem[], after: readonly ListItem[]): Array<[number | null, number | null]> {
  const pairs: Array<[number | null, number | null]> = [];
  const afterById = new Map<string, number>();
  after.forEach((item, index) => {
    if (item.id !== null && !afterById.has(item.id)) afterById.set(item.id, index);
  });
  const takenAfter = new Set<number>();
  const unmatchedBefore: number[] = [];
  before.forEach((item, index) => {
    const match = item.id !== null ? afterById.get(item.id) : undefined;
    if (match !== undefined && !takenAfter.has(match)) {
      takenAfter.add(match);
      pairs.push([index, match]);
    } else unmatchedBefore.push(index);
  });
  // Id-less items of the newer version not taken by id, by content, in index order.
  const afterByContent = new Map<string, number[]>();
  after.forEach((item, index) => {
    if (item.id !== null || takenAfter.has(index)) return;
    const key = canonicalJson(item);
    const queue = afterByContent.get(key);
    if (queue) queue.push(index);
    else afterByContent.set(key, [index]);
  });
  const nextOfContent = new Map<string, number>();
  for (const index of unmatchedBefore) {
    const item = before[index]!;
    let match = -1;
    if (item.id === null) {
      const key = canonicalJson(item);
      const queue = afterByContent.get(key);
      const at = nextOfContent.get(key) ?? 0;
      if (queue && at < queue.length) {
        match = queue[at]!;
        nextOfContent.set(key, at + 1);
      }
    }
    if (match >= 0) {
      takenAfter.add(match);
      pairs.push([index, match]);
    } else pairs.push([index, null]);
  }
  after.forEach((_item, index) => {
    if (!takenAfter.has(index)) pairs.push([null, index]);
  });
  return pairs;
}

/** Indexes (into `pairs`) of shared items that are not in the longest run kept in order. */
function movedPairs(pairs: ReadonlyArray<[number | null, number | null]>): Set<number> {
  const shared = pairs
    .map((pair, at) => ({ at, from: pair[0], to: pair[1] }))
    .filter((entry): entry is { at: number; from: number; to: number } => entry.from !== null && entry.to !== null)
    .sort((a, b) => a.from - b.from);
  // Longest increasing subsequence of `to` positions, by patience sorting (O(n log n)).
  // piles[k] holds, in order, the entries whose longest run ending there has length k + 1;
  // their `to` positions decrease. Each entry links to the earliest entry of the pile
  // below with a smaller `to`, and the run ends at the pile's first entry: the same run
  // as taking, at every step, the earliest predecessor of greatest length.
  const piles: number[][] = [];
  const previous = shared.map(() => -1);
  const firstBelow = (pile: readonly number[], to: number): number => {
    let low = 0;
    let high = pile.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (shared[pile[mid]!]!.to < to) high = mid;
      else low = mid + 1;
    }
    return low;
  };
  shared.forEach((entry, i) => {
    // The first pile whose last entry's `to` is not below this one.
    let low = 0;
    let high = piles.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      const pile = piles[mid]!;
      if (shared[pile[pile.length - 1]!]!.to < entry.to) low = mid + 1;
      else high = mid;
    }
    if (low > 0) {
      const below = piles[low - 1]!;
      previous[i] = below[firstBelow(below, entry.to)]!;
    }
    if (low === piles.length) piles.push([i]);
    else piles[low]!.push(i);
  });
  const kept = new Set<number>();
  const longest = piles[piles.length - 1];
  for (let i = longest ? longest[0]! : -1; i >= 0; i = previous[i]!) kept.add(shared[i]!.at);
  return new Set(shared.filter((entry) => !kept.has(entry.at)).map((entry) => entry.at));
}

function diffList(
  spec: Pick<Extract<SectionSpec, { kind: 'list' }>, 'itemFields'>,
  before: readonly ListItem[],
  after: readonly ListItem[],
): ItemChange[] {
  const keys = spec.itemFields.map((field) => field.key);
  const pairs = pairItems(before, after);
  const moved = movedPairs(pairs);
  const changes: ItemChange[] = [];
  pairs.forEach(([from, to], at) => {
    const a = from === null ? null : before[from]!;
    const b = to === null ? null : after[to]!;
    if (!a)
      changes.push({
        change: 'ADDED',
        itemId: b!.id,
        fromIndex: null,
        toIndex: to,
        moved: false,
        before: null,
        after: b,
        fields: [],
      });
    else if (!b)
      changes.push({
        change: 'REMOVED',
        itemId: a.id,
        fromIndex: from,
        toIndex: null,
        moved: false,
        before: a,
        after: null,
        fields: [],
      });
    else {
      const fields = diffFields(keys, a, b);
      const wasMoved = moved.has(at);
      if (fields.length > 0 || wasMoved) {
        changes.push({
          change: fields.length > 0 ? 'CHANGED' : 'MOVED',
          itemId: b.id,
          fromIndex: from,
          toIndex: to,
          moved: wasMoved,
          before: a,
          after: b,
          fields,
        });
      }
    }
  });
  const position = (change: ItemChange) => change.toIndex ?? change.fromIndex ?? 0;
  return changes.sort((x, y) => position(x) - position(y) || (x.toIndex === null ? -1 : 1));
}

/** The trial's fields a diff compares: the editable ones and the score the server records. */
export const TRIAL_DIFF_FIELDS = [...TRIAL_FIELDS.map((field) => field.key), 'score'] as const;

const trialOf = (content: TypedBriefContent): TrialValue | null =>
  (content.validation as { trial?: TrialValue | null } | undefined)?.trial ?? null;

/** The trial's changes: its fields, and its rubric criteria matched by id. */
function diffTrial(before: TypedBriefContent, after: TypedBriefContent): Pick<SectionDiff, 'fields' | 'items'> {
  const a = trialOf(before);
  const b = trialOf(after);
  if (!a && !b) return { fields: [], items: [] };
  // No trial reads as an empty one, so writing or dropping it shows only what it holds.
  const values = (trial: TrialValue | null): Record<string, FieldValue> => ({
    task: trial?.task ?? '',
    paidAmount: trial?.paidAmount ?? '',
    timeBoxDays: trial?.timeBoxDays ?? null,
    scoreNote: trial?.scoreNote ?? '',
    score: trial?.score ?? null,
  });
  const rubric = (trial: TrialValue | null): ListItem[] =>
    (trial?.rubric ?? []).map((row) => ({ id: row.id, criterion: row.criterion, weight: row.weight }));
  return {
    fields: diffFields(TRIAL_DIFF_FIELDS, values(a), values(b)),
    items: diffList({ itemFields: TRIAL_RUBRIC_FIELDS }, rubric(a), rubric(b)),
  };
}

/** The differences from `before` to `after`, one entry per section in layout order. */
export function diffBriefs(before: TypedBriefContent, after: TypedBriefContent): BriefDiff {
  const sections = BRIEF_SECTIONS.map((spec): SectionDiff => {
    const key = spec.key as keyof TypedBriefContent;
    const base: SectionDiff = {
      key: spec.key,
      kind: spec.kind,
      title: spec.title,
      changed: false,
      text: [],
      coarse: false,
      formattingChanged: false,
      formatting: [],
      items: [],
      fields: [],
    };
    if (spec.kind === 'richText') {
      const text = diffText(before[key] as RichTextValue, after[key] as RichTextValue);
      if (spec.key !== 'validation') return { ...base, ...text };
      const trial = diffTrial(before, after);
      return {
        ...base,
        ...text,
        ...trial,
        changed: text.changed || trial.fields.length > 0 || trial.items.length > 0,
      };
    }
    if (spec.kind === 'list') {
      const items = diffList(spec, (before[key] as ListItem[]) ?? [], (after[key] as ListItem[]) ?? []);
      return { ...base, items, changed: items.length > 0 };
    }
    const fields = diffFields(
      spec.fields.map((field) => field.key),
      (before[key] as Record<string, FieldValue>) ?? {},
      (after[key] as Record<string, FieldValue>) ?? {},
    );
    return { ...base, fields, changed: fields.length > 0 };
  });
  return {
    changed: sections.some((section) => section.changed),
    coarse: sections.some((section) => section.coarse),
    sections,
  };
}
