import { diffWordsWithSpace } from 'diff';
import { BRIEF_SECTIONS, type SectionSpec } from './brief.js';
import type { FieldValue, ListItem, RichTextValue, TypedBriefContent } from './brief-content.js';
import { canonicalJson } from './contract.js';

/**
 * Field-level differences between two frozen briefs, section by section:
 * - rich text: a word diff of the plain text, and whether formatting alone changed;
 * - lists: items added, removed, changed or moved, matched by their `id` (an item a
 *   plain client wrote without an id is matched by its content instead);
 * - maps: each field whose value changed.
 */

export type TextOp = 'EQUAL' | 'ADDED' | 'REMOVED';
export interface TextChange {
  op: TextOp;
  value: string;
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
  /** Rich text: the structure or formatting differs. */
  formattingChanged: boolean;
  /** Lists: the items that differ. */
  items: ItemChange[];
  /** Maps: the fields that differ. */
  fields: FieldChange[];
}

export interface BriefDiff {
  changed: boolean;
  sections: SectionDiff[];
}

const same = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);

function diffText(
  before: RichTextValue,
  after: RichTextValue,
): Pick<SectionDiff, 'text' | 'formattingChanged' | 'changed'> {
  const textChanged = before.text !== after.text;
  const text: TextChange[] = textChanged
    ? diffWordsWithSpace(before.text, after.text).map((part) => ({
        op: part.added ? 'ADDED' : part.removed ? 'REMOVED' : 'EQUAL',
        value: part.value,
      }))
    : [];
  const formattingChanged = !textChanged && !same(before.content, after.content);
  return { text, formattingChanged, changed: textChanged || formattingChanged };
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

/** Pairs items by id; id-less items pair with an identical id-less item. */
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
  for (const index of unmatchedBefore) {
    const item = before[index]!;
    const match =
      item.id === null
        ? after.findIndex((other, j) => other.id === null && !takenAfter.has(j) && same(other, item))
        : -1;
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
  // Longest increasing subsequence of `to` positions (quadratic: lists are short).
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
  return new Set(shared.filter((entry) => !kept.has(entry.at)).map((entry) => entry.at));
}

function diffList(
  spec: Extract<SectionSpec, { kind: 'list' }>,
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
      formattingChanged: false,
      items: [],
      fields: [],
    };
    if (spec.kind === 'richText') {
      return { ...base, ...diffText(before[key] as RichTextValue, after[key] as RichTextValue) };
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
  return { changed: sections.some((section) => section.changed), sections };
}
