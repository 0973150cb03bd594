import * as Y from 'yjs';
import { BRIEF_SECTIONS, type FieldSpec, type SectionSpec } from './brief.js';
import { isIsoDate, normaliseField, type FieldValue } from './brief-content.js';

/**
 * Suggestions: changes proposed to the brief that another party accepts or rejects.
 *
 * A structured suggestion proposes one value for one field of a map section or of a list
 * item; the server stores it and, once accepted, writes the value into the live document.
 * A rich-text suggestion lives in the document itself, as `insertion` and `deletion`
 * marks on the text (ProseMirror marks, Yjs formatting attributes on a `Y.XmlText`) whose
 * attributes carry the suggestion's `id` (a UUIDv7, so it also tells when it was made)
 * and `author` (a user id). An insertion and a deletion that share an id are one
 * replacement.
 */
export const SUGGESTION_STATUSES = ['OPEN', 'ACCEPTED', 'REJECTED', 'WITHDRAWN'] as const;
export type SuggestionStatus = (typeof SUGGESTION_STATUSES)[number];

/** The marks a suggested text change is made of (names as `@handlewithcare/prosemirror-suggest-changes` defines them). */
export const INSERTION_MARK = 'insertion';
export const DELETION_MARK = 'deletion';
/** A suggested formatting change; the editor does not make them, readers drop them. */
export const MODIFICATION_MARK = 'modification';
export const SUGGESTION_MARKS: readonly string[] = [INSERTION_MARK, DELETION_MARK, MODIFICATION_MARK];

/** The longest text value a structured suggestion may propose. */
export const SUGGESTION_VALUE_MAX_CHARS = 5000;

/** "NOT_REQUESTED" → "Not requested". */
export function enumValueLabel(value: string): string {
  const words = value.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The field a structured suggestion may target: a field of a map section or of a list section's items. */
export function suggestibleField(
  sectionKey: string,
  fieldKey: string,
): { section: SectionSpec; field: FieldSpec } | { problem: 'section' | 'field'; message: string } {
  const section = (BRIEF_SECTIONS as readonly SectionSpec[]).find((spec) => spec.key === sectionKey);
  if (!section) return { problem: 'section', message: `There is no section "${sectionKey}".` };
  if (section.kind === 'richText')
    return {
      problem: 'section',
      message: `${section.title} is rich text: suggest changes to it in the editor's Suggesting mode.`,
    };
  const fields = section.kind === 'map' ? section.fields : section.itemFields;
  const field = fields.find((spec) => spec.key === fieldKey);
  if (!field) return { problem: 'field', message: `${section.title} has no field "${fieldKey}".` };
  return { section, field };
}

/**
 * Reads a proposed value as the field's type: an enum value it lists, an ISO date, an
 * integer of at least 0, or text. Null or empty clears the field (for text: empty text).
 */
export function parseSuggestedValue(field: FieldSpec, raw: string | null): { value: FieldValue } | { error: string } {
  const text = raw ?? '';
  switch (field.type) {
    case 'enum': {
      if (text.trim() === '') return { value: null };
      const value = text.trim();
      return field.values?.includes(value)
        ? { value }
        : { error: `${field.label} must be one of ${(field.values ?? []).join(', ')}.` };
    }
    case 'date': {
      if (text.trim() === '') return { value: null };
      return isIsoDate(text.trim())
        ? { value: text.trim() }
        : { error: `${field.label} must be a date written as YYYY-MM-DD.` };
    }
    case 'integer': {
      if (text.trim() === '') return { value: null };
      return /^\d{1,9}$/.test(text.trim())
        ? { value: Number(text.trim()) }
        : { error: `${field.label} must be a whole number of at least 0.` };
    }
    case 'string':
      if (text.length > SUGGESTION_VALUE_MAX_CHARS)
        return { error: `${field.label} may be at most ${SUGGESTION_VALUE_MAX_CHARS} characters.` };
      return { value: text };
  }
}

/** A value as people read it: enum labels, "empty" for nothing, text quoted and shortened. */
export function describeFieldValue(field: FieldSpec, value: FieldValue): string {
  if (value === null || value === '') return 'empty';
  if (field.type === 'enum') return enumValueLabel(String(value));
  if (field.type === 'string') return quote(String(value));
  return String(value);
}

/** “text”, shortened to about 60 characters. */
export function quote(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return `“${flat.length > max ? `${flat.slice(0, max - 1)}…` : flat}”`;
}

/** "IP owner: Client → Shared", or for an item "Milestone “Baseline” · Due date: 2099-03-01 → 2099-05-01". */
export function describeFieldChange(
  section: SectionSpec,
  field: FieldSpec,
  itemLabel: string | null,
  from: FieldValue,
  to: FieldValue,
): string {
  const where = itemLabel === null ? field.label : `${section.title} ${itemLabel} · ${field.label}`;
  return `${where}: ${describeFieldValue(field, from)} → ${describeFieldValue(field, to)}`;
}

/**
 * Writes one field's value into a map or list item, the way the editor writes it: text
 * into the field's `Y.Text` (replacing only what differs, so concurrent typing still
 * merges), a new `Y.Text` where the field held a plain string or nothing, and enums,
 * dates and integers as plain values. Null removes the value.
 */
export function writeFieldValue(map: Y.Map<unknown>, field: FieldSpec, value: FieldValue): void {
  if (field.type !== 'string') {
    if (value === null) map.delete(field.key);
    else map.set(field.key, value);
    return;
  }
  const next = value === null ? '' : String(value);
  const current = map.get(field.key);
  if (current instanceof Y.Text) {
    const previous = current.toString();
    let prefix = 0;
    const max = Math.min(previous.length, next.length);
    while (prefix < max && previous[prefix] === next[prefix]) prefix++;
    let suffix = 0;
    while (suffix < max - prefix && previous[previous.length - 1 - suffix] === next[next.length - 1 - suffix]) suffix++;
    current.delete(prefix, previous.length - prefix - suffix);
    current.insert(prefix, next.slice(prefix, next.length - suffix));
    return;
  }
  map.set(field.key, new Y.Text(next));
}

/** The field's current value in a map or list item, normalised as the brief reads it. */
export function readFieldValue(map: Y.Map<unknown>, field: FieldSpec): FieldValue {
  return normaliseField(field, map.get(field.key));
}

/** A list item's `Y.Map` by its id, or undefined when no item carries it (any more). */
export function findListItem(doc: Y.Doc, sectionKey: string, itemId: string): Y.Map<unknown> | undefined {
  for (const item of doc.getArray<unknown>(sectionKey).toArray()) {
    if (!(item instanceof Y.Map)) continue;
    const id = item.get('id');
    const text = id instanceof Y.Text ? id.toString() : id;
    if (text === itemId) return item;
  }
  return undefined;
}

/** The milliseconds since 1970 a UUIDv7 was made at, or null for any other id. */
export function uuidV7Time(id: string): number | null {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i.test(id)) return null;
  return Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16);
}

/** A new UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then random bits. */
export function uuidV7(now: number = Date.now()): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  let time = now;
  for (let i = 5; i >= 0; i--) {
    bytes[i] = time % 256;
    time = Math.floor(time / 256);
  }
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
