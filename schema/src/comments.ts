import * as Y from 'yjs';
import { BRIEF_SECTIONS, type SectionSpec } from './brief.js';

/**
 * Comment threads on the brief. A thread is anchored to one of:
 * - a range of a rich-text section: `from`/`to` are base64 of `Y.encodeRelativePosition`
 *   into the section's `Y.XmlFragment`, so the range follows the text through edits, and
 *   `quote` keeps the text as it was when the thread was started;
 * - a field of a list item (`itemId`, `field`) or of a map section (`field`);
 * - a whole section (`section` only).
 * Threads live beside the brief, never in it, and never in a frozen version's content.
 */

export const THREAD_STATUSES = ['OPEN', 'RESOLVED'] as const;
export type ThreadStatus = (typeof THREAD_STATUSES)[number];

export const COMMENT_LIMITS = {
  bodyMaxLength: 10_000,
  quoteMaxLength: 500,
  /** base64 of one encoded relative position: a client id, a clock and a type name fit easily. */
  positionMaxLength: 256,
  itemIdMaxLength: 64,
  /** People one comment may mention. */
  mentionsMax: 20,
} as const;

export interface AnchorFields {
  section: string;
  itemId?: string | null;
  field?: string | null;
  from?: string | null;
  to?: string | null;
  quote?: string | null;
}

/** An anchor as stored: every part present, absent ones null. */
export interface Anchor {
  section: string;
  itemId: string | null;
  field: string | null;
  from: string | null;
  to: string | null;
  quote: string | null;
}

/** What is wrong with an anchor: the part to fix and why. */
export interface AnchorProblem {
  field: keyof AnchorFields;
  message: string;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function base64ToBytes(value: string): Uint8Array | null {
  if (value.length % 4 !== 0 || !BASE64.test(value)) return null;
  const binary = atob(value);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** A relative position as an anchor carries it: base64 of `Y.encodeRelativePosition`. */
export const encodeAnchorPosition = (position: Y.RelativePosition): string =>
  bytesToBase64(Y.encodeRelativePosition(position));

/** The relative position an anchor's `from`/`to` names, or null when it is not one. */
export function decodeAnchorPosition(value: string): Y.RelativePosition | null {
  const bytes = base64ToBytes(value);
  if (!bytes || bytes.length === 0) return null;
  try {
    const position = Y.decodeRelativePosition(bytes);
    // The decoder reads any bytes leniently: only what encodes back to the same bytes and
    // names a place (an item, a type or a root type's name) is a relative position.
    const named = position.item !== null || position.type !== null || position.tname !== null;
    const same = bytesToBase64(Y.encodeRelativePosition(position)) === value;
    return named && same ? position : null;
  } catch {
    return null;
  }
}

const sectionSpec = (key: string): SectionSpec | undefined => BRIEF_SECTIONS.find((section) => section.key === key);

const blank = (value: string | null | undefined): boolean => value === null || value === undefined || value === '';

/**
 * Checks an anchor against the brief's layout and the limits; returns the first problem,
 * or the anchor with absent parts as null.
 */
export function checkAnchor(input: AnchorFields): { anchor: Anchor } | { problem: AnchorProblem } {
  const spec = sectionSpec(input.section);
  if (!spec) return { problem: { field: 'section', message: `"${input.section}" is not a section of the brief` } };
  const anchor: Anchor = {
    section: spec.key,
    itemId: blank(input.itemId) ? null : input.itemId!,
    field: blank(input.field) ? null : input.field!,
    from: blank(input.from) ? null : input.from!,
    to: blank(input.to) ? null : input.to!,
    quote: blank(input.quote) ? null : input.quote!,
  };
  if (anchor.quote !== null && anchor.quote.length > COMMENT_LIMITS.quoteMaxLength)
    return { problem: { field: 'quote', message: `must be at most ${COMMENT_LIMITS.quoteMaxLength} characters` } };

  if (anchor.from !== null || anchor.to !== null) {
    if (spec.kind !== 'richText')
      return {
        problem: { field: 'from', message: `a text range needs a rich-text section; "${spec.key}" is not one` },
      };
    if (anchor.from === null || anchor.to === null)
      return {
        problem: { field: anchor.from === null ? 'from' : 'to', message: 'a text range needs both from and to' },
      };
    for (const part of ['from', 'to'] as const) {
      const value = anchor[part]!;
      if (value.length > COMMENT_LIMITS.positionMaxLength)
        return { problem: { field: part, message: `must be at most ${COMMENT_LIMITS.positionMaxLength} characters` } };
      if (!decodeAnchorPosition(value))
        return { problem: { field: part, message: 'must be base64 of a Yjs relative position' } };
    }
  }

  if (anchor.itemId !== null) {
    if (spec.kind !== 'list')
      return { problem: { field: 'itemId', message: `items belong to list sections; "${spec.key}" is not one` } };
    if (anchor.itemId.length > COMMENT_LIMITS.itemIdMaxLength)
      return { problem: { field: 'itemId', message: `must be at most ${COMMENT_LIMITS.itemIdMaxLength} characters` } };
  }
  if (anchor.field !== null) {
    if (spec.kind === 'richText')
      return { problem: { field: 'field', message: `"${spec.key}" is rich text and has no fields` } };
    const fields = spec.kind === 'list' ? spec.itemFields : spec.fields;
    if (!fields.some((field) => field.key === anchor.field))
      return { problem: { field: 'field', message: `"${anchor.field}" is not a field of "${spec.key}"` } };
    if (spec.kind === 'list' && anchor.itemId === null)
      return { problem: { field: 'itemId', message: `a field of "${spec.key}" belongs to one of its items` } };
  }
  return { anchor };
}

/** `@` followed by a name as the editor writes a mention of someone. */
export const mentionText = (name: string): string => `@${name}`;
