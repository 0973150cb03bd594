/**
 * Binds an `<input>` or `<textarea>` to one free-text field of a Y.Map, character by
 * character: what is typed becomes `Y.Text` inserts and deletes of exactly what changed,
 * and what others type arrives in the control with the caret and selection kept where they
 * were (mapped through the remote change's delta).
 *
 * Written here rather than taken from y-textarea (the maintained binding for plain text
 * controls), which fits neither the layout nor React-rendered controls: it needs a
 * `Y.Text` to exist before it binds (a field here holds none until first written, and a
 * plain Yjs client may replace it with a string at any time), it rewrites the control's
 * value while an IME composition is open (which breaks the composition), and it stays bound
 * to one `Y.Text` for good.
 */
import * as Y from 'yjs';

export type TextElement = HTMLInputElement | HTMLTextAreaElement;

/** One change of a text: `removed` characters deleted at `index`, then `inserted` put there. */
export interface TextChange {
  index: number;
  removed: number;
  inserted: string;
}

/** A Yjs text delta (what `Y.YTextEvent.delta` holds). */
export type TextDelta = readonly { insert?: unknown; retain?: number; delete?: number }[];

/** The text a field's value reads as: a `Y.Text`'s content, a string, a number; else empty. */
export function readText(value: unknown): string {
  if (value instanceof Y.Text) return value.toString();
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return '';
}

/**
 * The smallest single change that turns `before` into `after`: everything but the common
 * start and end. `caret`, where the caret is in `after`, settles where an ambiguous change
 * happened (typing "a" into "aa" at the start inserts at 0, not at 2).
 */
export function changeBetween(before: string, after: string, caret?: number): TextChange {
  const max = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < max && before[prefix] === after[prefix]) prefix++;
  if (caret !== undefined) prefix = Math.max(0, Math.min(prefix, caret - Math.max(0, after.length - before.length)));
  let suffix = 0;
  while (suffix < max - prefix && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
  return {
    index: prefix,
    removed: before.length - prefix - suffix,
    inserted: after.slice(prefix, after.length - suffix),
  };
}

/** A change as a delta, so whole-value replacements map positions the way Y.Text deltas do. */
const deltaOf = ({ index, removed, inserted }: TextChange): TextDelta => [
  ...(index > 0 ? [{ retain: index }] : []),
  ...(removed > 0 ? [{ delete: removed }] : []),
  ...(inserted !== '' ? [{ insert: inserted }] : []),
];

/**
 * Where `index` of the text before `delta` ends up after it. Text inserted exactly at
 * `index` goes after it with `stickLeft` (a caret stays before what someone else types at
 * the same spot, so two people's runs never interleave), before it otherwise.
 */
export function mapIndex(delta: TextDelta, index: number, stickLeft: boolean): number {
  let oldPos = 0;
  let newPos = 0;
  for (const op of delta) {
    if (op.retain !== undefined) {
      if (index < oldPos + op.retain) return newPos + index - oldPos;
      oldPos += op.retain;
      newPos += op.retain;
    } else if (op.insert !== undefined) {
      if (index === oldPos && stickLeft) return newPos;
      newPos += typeof op.insert === 'string' ? op.insert.length : 1;
    } else if (op.delete !== undefined) {
      if (index < oldPos + op.delete) return newPos;
      oldPos += op.delete;
    }
  }
  return newPos + index - oldPos;
}

export class TextBinding {
  /** The field's Y.Text, when it holds one. */
  private text: Y.Text | null = null;
  /** What the control showed after the last sync with the field (outside a composition, its value). */
  private shown: string;
  private composing = false;
  /** Remote changes that arrived during a composition, in order, to apply once it ends. */
  private pending: TextDelta[] = [];
  /** Origin of this binding's own transactions, which it does not play back. */
  private readonly origin = { textBinding: true };

  constructor(
    private readonly element: TextElement,
    private readonly map: Y.Map<unknown>,
    private readonly key: string,
  ) {
    this.attach(map.get(key));
    this.shown = readText(map.get(key));
    element.value = this.shown;
    map.observe(this.onMap);
    element.addEventListener('input', this.onInput);
    element.addEventListener('compositionstart', this.onCompositionStart);
    element.addEventListener('compositionend', this.onCompositionEnd);
  }

  destroy(): void {
    this.text?.unobserve(this.onText);
    this.text = null;
    this.map.unobserve(this.onMap);
    this.element.removeEventListener('input', this.onInput);
    this.element.removeEventListener('compositionstart', this.onCompositionStart);
    this.element.removeEventListener('compositionend', this.onCompositionEnd);
  }

  private attach(value: unknown): void {
    const next = value instanceof Y.Text ? value : null;
    if (next === this.text) return;
    this.text?.unobserve(this.onText);
    this.text = next;
    next?.observe(this.onText);
  }

  private readonly onInput = (event: Event) => {
    if (this.composing || (event as InputEvent).isComposing) return;
    this.commit();
  };

  private readonly onCompositionStart = () => {
    this.composing = true;
  };

  private readonly onCompositionEnd = () => {
    this.composing = false;
    this.commit();
  };

  /** Someone else (or a plain client) wrote the field whole: a new Y.Text, a string, or nothing. */
  private readonly onMap = (event: Y.YMapEvent<unknown>) => {
    if (!event.keysChanged.has(this.key)) return;
    const value = this.map.get(this.key);
    this.attach(value);
    if (event.transaction.origin === this.origin) return;
    const next = readText(value);
    // Replaced whole: as a change from what the field held just before (pending changes included).
    this.remote(deltaOf(changeBetween(this.currentText(), next)), next);
  };

  private readonly onText = (event: Y.YTextEvent, transaction: Y.Transaction) => {
    if (transaction.origin === this.origin) return;
    this.remote(event.delta as TextDelta, readText(this.text));
  };

  /** The field's text with every pending change applied (what the Y.Text held before `next`). */
  private currentText(): string {
    return this.pending.reduce(applyDelta, this.shown);
  }

  private remote(delta: TextDelta, next: string): void {
    if (this.composing) {
      // Rewriting the value now would end the composition: play it back once it ends.
      this.pending.push(delta);
      return;
    }
    const element = this.element;
    if (element.value !== this.shown) {
      // Typed but not yet committed (should not happen outside a composition): commit first.
      this.pending.push(delta);
      this.commit();
      return;
    }
    this.shown = next;
    if (element.value === next) return;
    const focused = element.ownerDocument.activeElement === element;
    if (!focused) {
      element.value = next;
      return;
    }
    const start = element.selectionStart ?? 0;
    const end = element.selectionEnd ?? start;
    const direction = element.selectionDirection ?? 'none';
    element.value = next;
    // A caret stays before text inserted right at it; a selection does not grow by it.
    element.setSelectionRange(mapIndex(delta, start, start === end), mapIndex(delta, end, true), direction);
  }

  /** Writes what was typed since the last sync into the field, then shows the field's text. */
  private commit(): void {
    const element = this.element;
    const value = element.value;
    const start = element.selectionStart ?? value.length;
    const end = element.selectionEnd ?? start;
    const change = changeBetween(this.shown, value, end);
    const pending = this.pending;
    this.pending = [];
    const through = (position: number, stickLeft: boolean) =>
      pending.reduce((at, delta) => mapIndex(delta, at, stickLeft), position);
    // The change, in the field's current text: moved past what others wrote meanwhile.
    const from = through(change.index, false);
    const to = Math.max(from, through(change.index + change.removed, true));
    const changed = change.removed > 0 || change.inserted !== '';
    if (changed) {
      const text = this.text;
      const doc = this.map.doc;
      const write = () => {
        if (text) {
          if (to > from) text.delete(from, to - from);
          if (change.inserted !== '') text.insert(from, change.inserted);
        } else {
          // First write of the field (or one a plain client wrote whole): it becomes a Y.Text.
          const current = readText(this.map.get(this.key));
          this.map.set(this.key, new Y.Text(current.slice(0, from) + change.inserted + current.slice(to)));
        }
      };
      if (doc) doc.transact(write, this.origin);
      else write();
    }
    const next = readText(this.map.get(this.key));
    this.shown = next;
    if (value === next) return;
    // Others wrote meanwhile: show the field's text, with the caret where it was.
    const place = (position: number) => {
      if (position <= change.index) return through(position, true);
      const afterInsert = change.index + change.inserted.length;
      if (position < afterInsert) return from + position - change.index;
      const mapped = through(position - change.inserted.length + change.removed, true);
      return mapped >= to ? mapped - (to - from) + change.inserted.length : from + change.inserted.length;
    };
    const focused = element.ownerDocument.activeElement === element;
    const direction = element.selectionDirection ?? 'none';
    element.value = next;
    if (focused) element.setSelectionRange(place(start), Math.max(place(start), place(end)), direction);
  }
}

/** `text` with `delta` applied. */
function applyDelta(text: string, delta: TextDelta): string {
  let out = '';
  let at = 0;
  for (const op of delta) {
    if (op.retain !== undefined) {
      out += text.slice(at, at + op.retain);
      at += op.retain;
    } else if (op.delete !== undefined) at += op.delete;
    else if (typeof op.insert === 'string') out += op.insert;
  }
  return out + text.slice(at);
}
