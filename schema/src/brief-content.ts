import * as Y from 'yjs';
import {
  BRIEF_SECTIONS,
  type FieldSpec,
  type SectionKey,
  TRIAL_FIELDS,
  TRIAL_MAP_KEY,
  TRIAL_RUBRIC_FIELDS,
  TRIAL_RUBRIC_KEY,
} from './brief.js';

/** A ProseMirror-style node read from a rich-text section's `Y.XmlFragment`. */
export type RichTextNode =
  | { type: 'text'; text: string; marks?: RichTextMark[] }
  | { type: string; attrs?: Record<string, unknown>; content?: RichTextNode[] };

export interface RichTextMark {
  type: string;
  attrs?: Record<string, unknown>;
}

/** A rich-text section: its plain text (one line per text block) and its structure. */
export interface RichTextValue {
  text: string;
  content: RichTextNode[];
}

/** A field value after normalisation: strings stay strings, integers are numbers, empty is null. */
export type FieldValue = string | number | null;

/** One row of a list section; `id` keeps its identity across reorders (null when a client wrote none). */
export type ListItem = { id: string | null } & Record<string, FieldValue>;

export type MapValue = Record<string, FieldValue>;

/**
 * The brief as plain JSON, keyed by section. This is what `Proposal.draft` returns, what
 * the readiness checks read and (canonicalised) what a frozen version stores.
 */
export type BriefContent = Record<SectionKey, RichTextValue | ListItem[] | MapValue>;

/** One criterion of a trial's rubric; weights are percentages. */
export interface RubricCriterion {
  id: string | null;
  criterion: string;
  weight: number | null;
}

/** The structured trial task (see `TRIAL_FIELDS`); `score` is set once the trial was accepted. */
export interface TrialValue {
  task: string;
  paidAmount: string;
  timeBoxDays: number | null;
  rubric: RubricCriterion[];
  /** The weighted score, 0–100, recorded when the client accepted the trial. */
  score: number | null;
  scoreNote: string;
}

/** The validation section: its rich text and, when one was written, the structured trial. */
export type ValidationValue = RichTextValue & { trial?: TrialValue };

export interface TypedBriefContent {
  outcome: RichTextValue;
  successMetrics: ListItem[];
  scope: RichTextValue;
  outOfScope: RichTextValue;
  deliverables: ListItem[];
  dataReadiness: MapValue;
  validation: ValidationValue;
  team: ListItem[];
  milestones: ListItem[];
  ownership: MapValue;
  communication: MapValue;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True when `value` is a real calendar date written as YYYY-MM-DD. */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

function rawString(value: unknown): string | null {
  if (value instanceof Y.Text) return value.toString();
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

/**
 * Normalises one field as written by any client: `Y.Text` or string for text, an integer
 * (or a string of digits) for integers, a known value for enums. Unknown enum values and
 * non-integers read as null, so a hostile client cannot smuggle values past the layout.
 */
export function normaliseField(field: FieldSpec, value: unknown): FieldValue {
  const text = rawString(value);
  switch (field.type) {
    case 'string':
      return text ?? '';
    case 'date': {
      const trimmed = text?.trim() ?? '';
      return trimmed === '' ? null : trimmed;
    }
    case 'integer': {
      if (typeof value === 'number') return Number.isSafeInteger(value) ? value : null;
      const trimmed = text?.trim() ?? '';
      return /^-?\d{1,15}$/.test(trimmed) ? Number(trimmed) : null;
    }
    case 'enum':
      return text !== null && field.values?.includes(text) ? text : null;
  }
}

function readFields(fields: readonly FieldSpec[], get: (key: string) => unknown): MapValue {
  const out: MapValue = {};
  for (const field of fields) out[field.key] = normaliseField(field, get(field.key));
  return out;
}

function readListItem(fields: readonly FieldSpec[], item: unknown): ListItem | null {
  let get: (key: string) => unknown;
  if (item instanceof Y.Map) get = (key) => item.get(key);
  else if (item && typeof item === 'object' && !Array.isArray(item) && !(item instanceof Y.AbstractType)) {
    const record = item as Record<string, unknown>;
    get = (key) => (Object.hasOwn(record, key) ? record[key] : undefined);
  } else return null;
  const id = rawString(get('id'));
  return { id: id && id.length <= 100 ? id : null, ...readFields(fields, get) };
}

function readMarks(attributes: Record<string, unknown> | undefined): RichTextMark[] | undefined {
  if (!attributes) return undefined;
  const marks = Object.keys(attributes)
    .sort()
    .map((type) => {
      const attrs = attributes[type];
      return attrs && typeof attrs === 'object' && Object.keys(attrs).length > 0
        ? { type, attrs: attrs as Record<string, unknown> }
        : { type };
    });
  return marks.length > 0 ? marks : undefined;
}

/**
 * Deepest element nesting read from rich text. Real documents nest a few levels (lists in
 * lists); a hostile client can nest thousands, which would overflow the stack of every
 * recursive reader. Content below this depth is left out of the brief.
 */
export const MAX_RICH_TEXT_DEPTH = 32;

function readXmlChildren(parent: Y.XmlFragment | Y.XmlElement, depth = 0): RichTextNode[] {
  const nodes: RichTextNode[] = [];
  if (depth >= MAX_RICH_TEXT_DEPTH) return nodes;
  for (const child of parent.toArray()) {
    if (child instanceof Y.XmlText) {
      for (const op of child.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
        if (typeof op.insert !== 'string' || op.insert === '') continue;
        const marks = readMarks(op.attributes);
        nodes.push(marks ? { type: 'text', text: op.insert, marks } : { type: 'text', text: op.insert });
      }
    } else if (child instanceof Y.XmlElement) {
      const attributes = child.getAttributes() as Record<string, unknown>;
      const node: { type: string; attrs?: Record<string, unknown>; content?: RichTextNode[] } = {
        type: child.nodeName,
      };
      const keys = Object.keys(attributes)
        .filter((key) => attributes[key] !== undefined)
        .sort();
      if (keys.length > 0) node.attrs = Object.fromEntries(keys.map((key) => [key, attributes[key]]));
      const content = readXmlChildren(child, depth + 1);
      if (content.length > 0) node.content = content;
      nodes.push(node);
    }
  }
  return nodes;
}

/** Plain text of rich content: one line per text block, hard breaks as newlines. */
export function plainText(nodes: readonly RichTextNode[]): string {
  const lines: string[] = [];
  const visit = (list: readonly RichTextNode[]) => {
    let inline = '';
    let hasInline = false;
    for (const node of list) {
      if (node.type === 'text' && 'text' in node) {
        inline += node.text;
        hasInline = true;
      } else if (node.type === 'hardBreak') {
        inline += '\n';
        hasInline = true;
      } else if ('content' in node && node.content) {
        if (hasInline) {
          lines.push(inline);
          inline = '';
          hasInline = false;
        }
        visit(node.content);
      } else if (node.type === 'paragraph' || node.type === 'heading') {
        lines.push('');
      }
    }
    if (hasInline) lines.push(inline);
  };
  visit(nodes);
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  return lines.join('\n');
}

/** A rich-text value from its structure. */
export function richText(content: RichTextNode[]): RichTextValue {
  return { text: plainText(content), content };
}

/**
 * Reads the live brief from a Y.Doc that follows the public layout. Sections nobody has
 * written yet read as empty. It only reads: the shared types it touches are the ones the
 * layout names, so it never conflicts with what the editor defines.
 */
export function readBrief(doc: Y.Doc): TypedBriefContent {
  const out: Record<string, unknown> = {};
  for (const section of BRIEF_SECTIONS) {
    if (section.kind === 'richText') {
      out[section.key] = richText(readXmlChildren(doc.getXmlFragment(section.key)));
    } else if (section.kind === 'list') {
      const items: ListItem[] = [];
      const ids = new Set<string>();
      for (const item of doc.getArray<unknown>(section.key).toArray()) {
        const read = readListItem(section.itemFields, item);
        if (!read) continue;
        // Two people moving one row at once leave two copies with its id: an id names one
        // item, so the first copy is the item (the editor removes the others).
        if (read.id !== null) {
          if (ids.has(read.id)) continue;
          ids.add(read.id);
        }
        items.push(read);
      }
      out[section.key] = items;
    } else {
      const map = doc.getMap<unknown>(section.key);
      out[section.key] = readFields(section.fields, (key) => map.get(key));
    }
  }
  const trial = readTrial(doc);
  if (trial) out.validation = { ...(out.validation as RichTextValue), trial };
  return out as unknown as TypedBriefContent;
}

/** A score as stored: a finite number from 0 to 100, to one decimal; anything else reads as null. */
function readScore(value: unknown): number | null {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 100) return null;
  return Math.round(value * 10) / 10;
}

/**
 * The structured trial of the validation section, or null when nobody wrote one (an
 * empty map and rubric read as no trial, so opening the form changes no hash).
 */
export function readTrial(doc: Y.Doc): TrialValue | null {
  const map = doc.getMap<unknown>(TRIAL_MAP_KEY);
  const rubric: RubricCriterion[] = [];
  for (const item of doc.getArray<unknown>(TRIAL_RUBRIC_KEY).toArray()) {
    const read = readListItem(TRIAL_RUBRIC_FIELDS, item);
    if (read) rubric.push({ id: read.id, criterion: read.criterion as string, weight: read.weight as number | null });
  }
  const fields = readFields(TRIAL_FIELDS, (key) => map.get(key));
  const score = readScore(map.get('score'));
  const written =
    rubric.length > 0 ||
    score !== null ||
    TRIAL_FIELDS.some((field) => {
      const value = fields[field.key];
      return typeof value === 'string' ? value.trim() !== '' : value !== null;
    });
  if (!written) return null;
  return {
    task: fields.task as string,
    paidAmount: fields.paidAmount as string,
    timeBoxDays: fields.timeBoxDays as number | null,
    rubric,
    score,
    scoreNote: fields.scoreNote as string,
  };
}

/**
 * A trial's weighted score, 0–100, from a score of 0–100 per rubric criterion (by id):
 * each criterion counts by its weight. Null when the rubric has no positive weight or a
 * criterion is not scored.
 */
export function weightedTrialScore(
  rubric: readonly RubricCriterion[],
  scores: ReadonlyMap<string, number>,
): number | null {
  let total = 0;
  let weights = 0;
  for (const criterion of rubric) {
    const weight = criterion.weight ?? 0;
    if (weight <= 0) continue;
    const score = criterion.id === null ? undefined : scores.get(criterion.id);
    if (score === undefined || !Number.isFinite(score) || score < 0 || score > 100) return null;
    total += weight * score;
    weights += weight;
  }
  return weights === 0 ? null : Math.round((total / weights) * 10) / 10;
}

/** A free-text field that is not a `Y.Text` yet, and the text it reads as. */
export interface PlainTextField {
  map: Y.Map<unknown>;
  key: string;
  text: string;
}

/** Which free-text fields to list or convert besides those holding a plain value. */
export interface TextFieldOptions {
  /**
   * Also the map sections' fields nobody wrote yet (text ""). Giving them their `Y.Text`
   * before anyone types means two people whose first keystrokes in an empty field cross
   * share one text, instead of each creating one and one of the two being dropped. (List
   * items get theirs when they are made: `newListItem`.)
   */
  unwritten?: boolean;
}

/**
 * The free-text fields (`type: 'string'`) of list items (`Y.Map`s) and map sections that
 * hold something other than a `Y.Text`: a string or number written whole by a plain Yjs
 * client, or another value. Fields nobody wrote are listed only with `unwritten`; items
 * that are not `Y.Map`s are left alone (they cannot hold one).
 */
export function plainTextFields(doc: Y.Doc, options: TextFieldOptions = {}): PlainTextField[] {
  const found: PlainTextField[] = [];
  const visit = (map: Y.Map<unknown>, fields: readonly FieldSpec[], unwritten = false) => {
    for (const field of fields) {
      if (field.type !== 'string') continue;
      if (!unwritten && !map.has(field.key)) continue;
      const value = map.get(field.key);
      if (!(value instanceof Y.Text)) found.push({ map, key: field.key, text: normaliseField(field, value) as string });
    }
  };
  for (const section of BRIEF_SECTIONS) {
    if (section.kind === 'list') {
      for (const item of doc.getArray<unknown>(section.key).toArray())
        if (item instanceof Y.Map) visit(item as Y.Map<unknown>, section.itemFields);
    } else if (section.kind === 'map') {
      visit(doc.getMap<unknown>(section.key), section.fields, options.unwritten);
    }
  }
  // The trial's text fields are created only when written: an unwritten trial is no trial.
  visit(doc.getMap<unknown>(TRIAL_MAP_KEY), TRIAL_FIELDS);
  for (const item of doc.getArray<unknown>(TRIAL_RUBRIC_KEY).toArray())
    if (item instanceof Y.Map) visit(item as Y.Map<unknown>, TRIAL_RUBRIC_FIELDS);
  return found;
}

/**
 * Makes every written free-text field of list items and map sections (with `unwritten`,
 * every field of the map sections too) a `Y.Text` holding the text it reads as, in one transaction with `origin`,
 * so concurrent typing in it merges character by character. Enums, dates and integers stay
 * plain values. `readBrief` reads the same brief before and after. Returns how many fields
 * it wrote: 0 when every one already is a `Y.Text` (then nothing is written at all).
 */
export function convertTextFields(doc: Y.Doc, origin: unknown = null, options: TextFieldOptions = {}): number {
  const fields = plainTextFields(doc, options);
  if (fields.length === 0) return 0;
  doc.transact(() => {
    for (const { map, key, text } of fields) map.set(key, new Y.Text(text));
  }, origin);
  return fields.length;
}

/**
 * A new list item as the layout wants it: its `id`, and an empty `Y.Text` for every
 * free-text field, so the first people to type into a new row already share one text.
 */
export function newListItem(section: { readonly itemFields: readonly FieldSpec[] }, id: string): Y.Map<unknown> {
  const item = new Y.Map<unknown>([['id', id]]);
  for (const field of section.itemFields) if (field.type === 'string') item.set(field.key, new Y.Text());
  return item;
}

/** An empty brief: what a proposal holds before anyone writes. */
export function emptyBrief(): TypedBriefContent {
  return readBrief(new Y.Doc());
}
