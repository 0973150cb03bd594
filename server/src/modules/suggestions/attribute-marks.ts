import * as Y from 'yjs';
import { BRIEF_SECTIONS, DELETION_MARK, INSERTION_MARK, uuidV7 } from '@brieflock/schema';

/**
 * Who made a rich-text suggestion is decided here, not by the client that wrote its marks.
 *
 * A suggestion's marks carry an `author` attribute, and accepting one is refused to its
 * author — so a client that could write any author could accept its own suggestion by
 * naming someone else, or slip its text into another person's suggestion by reusing its
 * id. The server knows who sent every update (the socket's signed-in user), so after each
 * update from a socket it looks at the suggestion-marked text that update wrote: new text
 * inside a marked range, or a mark newly applied to text. Where that text names another
 * author, or an id another author's marks already use, it writes the marks again with
 * the sender as author (and a new id where the id was taken), in a transaction of its
 * own that every editor receives. Nothing the sender typed is refused or lost: refusing
 * the update at the relay would drop keystrokes along with the forged attribute.
 *
 * One exception keeps an author: text the same update removed under that author's mark
 * and wrote again (y-prosemirror writes a paragraph anew when someone splits, joins or
 * wraps it). The removed text is read just before Yjs collects it (`watchRemovedMarks`),
 * and only text found in it keeps its author, never more of it than was removed: moving
 * someone's suggestion is allowed, adding to it in their name is not.
 *
 * Updates from another instance were looked at by the instance their socket is on; the
 * server's own edits (accepting, restoring) are trusted as they are.
 */

const SUGGESTION_MARKS: ReadonlySet<string> = new Set([INSERTION_MARK, DELETION_MARK]);
const RICH_TEXT_KEYS: readonly string[] = BRIEF_SECTIONS.filter((section) => section.kind === 'richText').map(
  (section) => section.key,
);

/** y-prosemirror names a mark's formatting key after the mark, with `--hash` for marks that may repeat. */
const isSuggestionKey = (key: string): boolean => SUGGESTION_MARKS.has(key.split('--')[0]!);

interface MarkAttributes {
  id?: unknown;
  author?: unknown;
  [attribute: string]: unknown;
}

/** One stretch of text under one suggestion mark, all of it written in the update or none. */
interface Segment {
  text: Y.XmlText;
  index: number;
  length: number;
  content: string;
  key: string;
  attributes: MarkAttributes;
  /** Written by the update being looked at (new text, or a mark newly applied). */
  fresh: boolean;
}

const idOf = (attributes: MarkAttributes): string | null =>
  attributes.id === undefined || attributes.id === null ? null : String(attributes.id);
const authorOf = (attributes: MarkAttributes): string | null =>
  typeof attributes.author === 'string' && attributes.author !== '' ? attributes.author : null;

/** How many of an item's units precede what `before` (a state vector) had not seen. */
const seenUnits = (item: Y.Item, before: Map<number, number>): number =>
  Math.min(item.length, Math.max(0, (before.get(item.id.client) ?? 0) - item.id.clock));

/** What an item holds as text (an embed counts as one object replacement character). */
const textOf = (item: Y.Item, from: number, length: number): string =>
  item.content instanceof Y.ContentString ? item.content.str.slice(from, from + length) : '\uFFFC'.repeat(length);

/**
 * The suggestion-marked segments of one text, in order. With `before`, the parts written
 * since that state are `fresh` (Yjs merges a client's consecutive items, so one item may
 * be partly old and partly new).
 */
function segmentsOf(text: Y.XmlText, before: Map<number, number> | null, out: Segment[]): void {
  const open = new Map<string, { attributes: MarkAttributes; fresh: boolean }>();
  let index = 0;
  for (let item = text._start; item !== null; item = item.right as Y.Item | null) {
    if (item.deleted) continue;
    if (item.content instanceof Y.ContentFormat) {
      const { key, value } = item.content;
      if (!isSuggestionKey(key)) continue;
      if (value === null || typeof value !== 'object') open.delete(key);
      else
        open.set(key, { attributes: value as MarkAttributes, fresh: before !== null && seenUnits(item, before) < 1 });
      continue;
    }
    if (!item.countable) continue;
    const seen = before === null ? item.length : seenUnits(item, before);
    for (const [key, mark] of open) {
      const push = (from: number, length: number, fresh: boolean) => {
        const last = out[out.length - 1];
        if (
          last?.text === text &&
          last.key === key &&
          last.attributes === mark.attributes &&
          last.fresh === fresh &&
          last.index + last.length === from
        ) {
          last.length += length;
          last.content += textOf(item, from - index, length);
        } else
          out.push({
            text,
            index: from,
            length,
            content: textOf(item, from - index, length),
            key,
            attributes: mark.attributes,
            fresh,
          });
      };
      if (mark.fresh) push(index, item.length, true);
      else {
        if (seen > 0) push(index, seen, false);
        if (seen < item.length) push(index + seen, item.length - seen, true);
      }
    }
    index += item.length;
  }
}

function textsUnder(parent: Y.XmlFragment | Y.XmlElement, out: Y.XmlText[]): Y.XmlText[] {
  for (const child of parent.toArray()) {
    if (child instanceof Y.XmlText) out.push(child);
    else if (child instanceof Y.XmlElement) textsUnder(child, out);
  }
  return out;
}

/** A shared type as far as its place in the document goes. */
type Linked = { _item: Y.Item | null };

function rootOf(type: Linked): unknown {
  let root = type;
  while (root._item?.parent) root = root._item.parent as unknown as Linked;
  return root;
}

const pairOf = (attributes: MarkAttributes): string => `${idOf(attributes)}\u0000${authorOf(attributes)}`;

/** Text each transaction removed from under suggestion marks, by mark id and author. */
const removedByTransaction = new WeakMap<Y.Transaction, Map<string, string>>();

/**
 * Reads, for every transaction on `doc` that deletes rich text, the text it removed from
 * under suggestion marks — just before observers run, while Yjs still holds the deleted
 * content (it collects it right after). `attributeTextSuggestions` uses it to tell a
 * paragraph written anew from text added in someone else's name.
 */
export function watchRemovedMarks(doc: Y.Doc): void {
  doc.on('beforeObserverCalls', (transaction: Y.Transaction) => {
    if (transaction.deleteSet.clients.size === 0) return;
    const roots = richTextRoots(doc);
    const texts = new Set<Y.XmlText>();
    Y.iterateDeletedStructs(transaction, transaction.deleteSet, (struct) => {
      if (struct instanceof Y.Item && struct.parent instanceof Y.XmlText && roots.has(rootOf(struct.parent)))
        texts.add(struct.parent);
    });
    if (texts.size === 0) return;
    const before = transaction.beforeState;
    const existed = (item: Y.Item) => item.id.clock < (before.get(item.id.client) ?? 0);
    const deletedNow = (item: Y.Item) => item.deleted && Y.isDeleted(transaction.deleteSet, item.id);
    const removed = new Map<string, string>();
    for (const text of texts) {
      const open = new Map<string, MarkAttributes>();
      for (let item = text._start; item !== null; item = item.right as Y.Item | null) {
        // The text as it was: what existed before and was not deleted before.
        if (!existed(item) || (item.deleted && !deletedNow(item))) continue;
        if (item.content instanceof Y.ContentFormat) {
          const { key, value } = item.content;
          if (!isSuggestionKey(key)) continue;
          if (value === null || typeof value !== 'object') open.delete(key);
          else open.set(key, value as MarkAttributes);
        } else if (item.countable && deletedNow(item))
          for (const attributes of open.values()) {
            const pair = pairOf(attributes);
            removed.set(pair, (removed.get(pair) ?? '') + textOf(item, 0, item.length));
          }
      }
    }
    if (removed.size > 0) removedByTransaction.set(transaction, removed);
  });
}

const richTextRoots = (doc: Y.Doc): Set<unknown> =>
  new Set(RICH_TEXT_KEYS.map((key) => doc.share.get(key)).filter(Boolean));

/** What `attributeTextSuggestions` did. */
export interface Attribution {
  /** Ids of suggestions this update started (after any new id was given). */
  added: string[];
  /** Segments whose marks were written again with the sender as author. */
  corrected: number;
}

const NOTHING: Attribution = { added: [], corrected: 0 };

/**
 * Makes the sender `authorId` the author of every suggestion mark `transaction` (applied
 * from their socket) wrote, as described above; the correction is one transaction with
 * the server's origin. Returns the suggestions the update started.
 */
export function attributeTextSuggestions(
  doc: Y.Doc,
  transaction: Y.Transaction,
  authorId: string,
  newId: () => string = () => uuidV7(),
): Attribution {
  const roots = richTextRoots(doc);
  const before = transaction.beforeState;
  // Texts the update wrote in: changed ones, and those under paragraphs it added (Yjs
  // lists only types that existed before as changed).
  const changed = new Set<Y.XmlText>();
  for (const type of transaction.changed.keys()) {
    if (!roots.has(rootOf(type))) continue;
    if (type instanceof Y.XmlText) changed.add(type);
    else if (type instanceof Y.XmlElement || type instanceof Y.XmlFragment)
      for (const child of type.toArray())
        if (child instanceof Y.XmlText || child instanceof Y.XmlElement) {
          const item = child._item;
          if (item && seenUnits(item, before) < 1)
            for (const text of child instanceof Y.XmlText ? [child] : textsUnder(child, [])) changed.add(text);
        }
  }
  if (changed.size === 0) return NOTHING;
  const fresh: Segment[] = [];
  for (const text of changed) segmentsOf(text, before, fresh);
  if (!fresh.some((segment) => segment.fresh)) return NOTHING;

  // Who holds each id in what was there before this update, across every section.
  const holders = new Map<string, Set<string | null>>();
  const all: Segment[] = [];
  for (const key of RICH_TEXT_KEYS)
    for (const text of textsUnder(doc.getXmlFragment(key), [])) segmentsOf(text, before, all);
  for (const segment of all) {
    const id = idOf(segment.attributes);
    if (segment.fresh || id === null) continue;
    const authors = holders.get(id) ?? new Set();
    authors.add(authorOf(segment.attributes));
    holders.set(id, authors);
  }

  // Removed text each author's marks may carry again (see `watchRemovedMarks`).
  const movable = new Map(removedByTransaction.get(transaction));
  const moved = new Set([...movable.keys()].map((pair) => pair.split('\u0000')[0]));
  const keeps = (segment: Segment): boolean => {
    const pair = pairOf(segment.attributes);
    const removed = movable.get(pair);
    if (removed === undefined || !removed.includes(segment.content)) return false;
    movable.set(pair, removed.replace(segment.content, ''));
    return true;
  };
  const renamed = new Map<string, string>();
  const added = new Set<string>();
  const fixes: { segment: Segment; attributes: MarkAttributes }[] = [];
  for (const segment of all) {
    if (!segment.fresh) continue;
    const id = idOf(segment.attributes);
    if (id === null) continue;
    if (authorOf(segment.attributes) !== authorId && keeps(segment)) continue;
    const taken = [...(holders.get(id) ?? [])].some((author) => author !== authorId);
    let finalId = id;
    if (taken) {
      finalId = renamed.get(id) ?? newId();
      renamed.set(id, finalId);
    }
    if (!holders.has(finalId) && !moved.has(finalId)) added.add(finalId);
    if (finalId !== id || authorOf(segment.attributes) !== authorId)
      fixes.push({ segment, attributes: { ...segment.attributes, id: finalId, author: authorId } });
  }
  if (fixes.length > 0) {
    // Relative positions: the correction runs once Yjs has finished with this update.
    const targets = fixes.map(({ segment, attributes }) => ({
      start: Y.createRelativePositionFromTypeIndex(segment.text, segment.index),
      end: Y.createRelativePositionFromTypeIndex(segment.text, segment.index + segment.length),
      key: segment.key,
      attributes,
    }));
    queueMicrotask(() =>
      doc.transact(() => {
        for (const { start, end, key, attributes } of targets) {
          const from = Y.createAbsolutePositionFromRelativePosition(start, doc);
          const to = Y.createAbsolutePositionFromRelativePosition(end, doc);
          if (from && to && from.type === to.type && to.index > from.index)
            (from.type as Y.XmlText).format(from.index, to.index - from.index, { [key]: attributes });
        }
      }, null),
    );
  }
  return { added: [...added], corrected: fixes.length };
}
