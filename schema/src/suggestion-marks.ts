import * as Y from 'yjs';
import { BRIEF_SECTIONS } from './brief.js';
import {
  richText,
  type RichTextMark,
  type RichTextNode,
  type RichTextValue,
  type TypedBriefContent,
} from './brief-content.js';
import { DELETION_MARK, INSERTION_MARK, MODIFICATION_MARK, quote, uuidV7Time } from './suggestions.js';

/** A suggested text change read from the marks in a rich-text section of the live document. */
export interface TextSuggestion {
  id: string;
  section: string;
  /** The user id the marks carry; null when a client wrote none. */
  authorId: string | null;
  /** When it was made (from its UUIDv7 id); null for another kind of id. */
  createdAt: Date | null;
  /** Text it would add and text it would take away (both present: a replacement). */
  inserted: string;
  deleted: string;
}

/** The mark a Yjs formatting key stands for (y-prosemirror suffixes `--hash` to marks that may repeat). */
const markOf = (key: string): string => key.split('--')[0]!;

interface MarkedRun {
  text: Y.XmlText;
  index: number;
  length: number;
  kind: typeof INSERTION_MARK | typeof DELETION_MARK;
  id: string;
  author: string | null;
  content: string;
}

function suggestionOf(
  attributes: Record<string, unknown> | undefined,
): Omit<MarkedRun, 'text' | 'index' | 'length' | 'content'> | null {
  if (!attributes) return null;
  for (const [key, value] of Object.entries(attributes)) {
    const mark = markOf(key);
    if (mark !== INSERTION_MARK && mark !== DELETION_MARK) continue;
    const attrs = (value ?? {}) as { id?: unknown; author?: unknown };
    if (attrs.id === undefined || attrs.id === null) continue;
    return {
      kind: mark,
      id: String(attrs.id),
      author: typeof attrs.author === 'string' && attrs.author !== '' ? attrs.author : null,
    };
  }
  return null;
}

/** Every run of suggestion-marked text under `parent`, in document order. */
function markedRuns(parent: Y.XmlFragment | Y.XmlElement, out: MarkedRun[] = []): MarkedRun[] {
  for (const child of parent.toArray()) {
    if (child instanceof Y.XmlText) {
      let index = 0;
      for (const op of child.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
        const length = typeof op.insert === 'string' ? op.insert.length : 1;
        const suggestion = suggestionOf(op.attributes);
        if (suggestion)
          out.push({
            text: child,
            index,
            length,
            content: typeof op.insert === 'string' ? op.insert : '',
            ...suggestion,
          });
        index += length;
      }
    } else if (child instanceof Y.XmlElement) markedRuns(child, out);
  }
  return out;
}

/** The rich-text suggestions in the live document, in document order, one per id. */
export function listTextSuggestions(doc: Y.Doc): TextSuggestion[] {
  const byId = new Map<string, TextSuggestion>();
  for (const section of BRIEF_SECTIONS) {
    if (section.kind !== 'richText') continue;
    for (const run of markedRuns(doc.getXmlFragment(section.key))) {
      let suggestion = byId.get(run.id);
      if (!suggestion) {
        const time = uuidV7Time(run.id);
        suggestion = {
          id: run.id,
          section: section.key,
          authorId: run.author,
          createdAt: time === null ? null : new Date(time),
          inserted: '',
          deleted: '',
        };
        byId.set(run.id, suggestion);
      }
      if (run.kind === INSERTION_MARK) suggestion.inserted += run.content;
      else suggestion.deleted += run.content;
    }
  }
  return [...byId.values()];
}

/** "Insert “…”", "Delete “…”" or "Replace “…” with “…”". */
export function describeTextSuggestion(suggestion: Pick<TextSuggestion, 'inserted' | 'deleted'>): string {
  if (suggestion.inserted !== '' && suggestion.deleted !== '')
    return `Replace ${quote(suggestion.deleted)} with ${quote(suggestion.inserted)}`;
  if (suggestion.deleted !== '') return `Delete ${quote(suggestion.deleted)}`;
  return `Insert ${quote(suggestion.inserted)}`;
}

/**
 * Settles the rich-text suggestions `which` selects in `doc`: accepting keeps inserted
 * text (dropping its mark) and removes deleted text; rejecting does the inverse. Returns
 * the ids settled. Call inside a transaction.
 */
export function settleTextSuggestions(
  doc: Y.Doc,
  which: (run: { id: string; author: string | null }) => boolean,
  accept: boolean,
): string[] {
  const settled = new Set<string>();
  for (const section of BRIEF_SECTIONS) {
    if (section.kind !== 'richText') continue;
    const runs = markedRuns(doc.getXmlFragment(section.key)).filter((run) => which(run));
    // From the end, so removing a run leaves the positions of those before it as they were.
    for (const run of runs.reverse()) {
      settled.add(run.id);
      const keep = (run.kind === INSERTION_MARK) === accept;
      if (keep) run.text.format(run.index, run.length, { [run.kind]: null });
      else run.text.delete(run.index, run.length);
    }
  }
  return [...settled];
}

/**
 * Rich text as agreed: suggested insertions left out, suggested deletions kept as plain
 * text, no suggestion mark left. What a frozen version holds.
 */
export function withoutSuggestions(nodes: readonly RichTextNode[]): RichTextNode[] {
  const out: RichTextNode[] = [];
  for (const node of nodes) {
    if (node.type === 'text' && 'text' in node) {
      const marks = node.marks ?? [];
      if (marks.some((mark) => markOf(mark.type) === INSERTION_MARK)) continue;
      const kept: RichTextMark[] = marks.filter(
        (mark) => ![DELETION_MARK, MODIFICATION_MARK].includes(markOf(mark.type)),
      );
      const previous = out[out.length - 1];
      // Neighbours split only by a suggestion mark read as one run again.
      if (
        previous?.type === 'text' &&
        'text' in previous &&
        JSON.stringify(previous.marks ?? []) === JSON.stringify(kept)
      ) {
        previous.text += node.text;
        continue;
      }
      out.push(kept.length > 0 ? { type: 'text', text: node.text, marks: kept } : { type: 'text', text: node.text });
    } else if ('content' in node && node.content) {
      out.push({ ...node, content: withoutSuggestions(node.content) });
    } else out.push({ ...node });
  }
  return out;
}

const hasSuggestionMark = (nodes: readonly RichTextNode[]): boolean =>
  nodes.some((node) =>
    node.type === 'text' && 'text' in node
      ? (node.marks ?? []).some((mark) => SUGGESTION_MARK_SET.has(markOf(mark.type)))
      : 'content' in node && node.content !== undefined && hasSuggestionMark(node.content),
  );
const SUGGESTION_MARK_SET: ReadonlySet<string> = new Set([INSERTION_MARK, DELETION_MARK, MODIFICATION_MARK]);

/**
 * The brief as agreed (see `withoutSuggestions`): rich-text sections holding suggestion
 * marks are read without them; a brief without any is returned as it is.
 */
export function settledBrief<T extends TypedBriefContent>(brief: T): T {
  let out: T | null = null;
  for (const section of BRIEF_SECTIONS) {
    if (section.kind !== 'richText') continue;
    const value = brief[section.key] as RichTextValue;
    if (!hasSuggestionMark(value.content)) continue;
    out ??= { ...brief };
    // Spread first: the validation section carries its structured trial beside the text.
    (out as Record<string, unknown>)[section.key] = { ...value, ...richText(withoutSuggestions(value.content)) };
  }
  return out ?? brief;
}
