import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { changeBetween, mapIndex, TextBinding } from './text-binding';

describe('changeBetween', () => {
  it('finds the one changed range between two values', () => {
    expect(changeBetween('CRM export', 'CRM export plus')).toEqual({ index: 10, removed: 0, inserted: ' plus' });
    expect(changeBetween('CRM export', 'Main: CRM export')).toEqual({ index: 0, removed: 0, inserted: 'Main: ' });
    expect(changeBetween('CRM export', 'CRM file export')).toEqual({ index: 4, removed: 0, inserted: 'file ' });
    expect(changeBetween('CRM export', 'CRM')).toEqual({ index: 3, removed: 7, inserted: '' });
    expect(changeBetween('CRM export', 'CRM import')).toEqual({ index: 4, removed: 2, inserted: 'im' });
    expect(changeBetween('same', 'same')).toEqual({ index: 4, removed: 0, inserted: '' });
  });

  it('puts an ambiguous change where the caret says it was made', () => {
    expect(changeBetween('aa', 'aaa', 1)).toEqual({ index: 0, removed: 0, inserted: 'a' });
    expect(changeBetween('aa', 'aaa', 3)).toEqual({ index: 2, removed: 0, inserted: 'a' });
    expect(changeBetween('aaa', 'aa', 0)).toEqual({ index: 0, removed: 1, inserted: '' });
  });
});

describe('mapIndex', () => {
  const delta = [{ retain: 4 }, { insert: 'file ' }, { retain: 2 }, { delete: 3 }];
  it('moves positions after a remote insert and collapses those inside a remote delete', () => {
    expect(mapIndex(delta, 2, true)).toBe(2);
    expect(mapIndex(delta, 5, true)).toBe(10);
    expect(mapIndex(delta, 7, true)).toBe(11);
    expect(mapIndex(delta, 9, true)).toBe(11);
    expect(mapIndex(delta, 10, true)).toBe(12);
  });
  it('keeps a caret before text inserted right at it, or puts it after with stickLeft off', () => {
    expect(mapIndex(delta, 4, true)).toBe(4);
    expect(mapIndex(delta, 4, false)).toBe(9);
  });
});

describe('TextBinding', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  });

  function setup(initial?: unknown, tag: 'input' | 'textarea' = 'input') {
    const doc = new Y.Doc();
    const map = doc.getMap<unknown>('dataReadiness');
    if (initial !== undefined) map.set('sources', initial);
    const element = document.createElement(tag);
    document.body.append(element);
    const binding = new TextBinding(element, map, 'sources');
    cleanups.push(() => {
      binding.destroy();
      element.remove();
    });
    return { doc, map, element };
  }

  /** What a browser does when someone types: the value changes, the caret moves, `input` fires. */
  function type(element: HTMLInputElement | HTMLTextAreaElement, value: string, caret: number, composing = false) {
    element.value = value;
    element.setSelectionRange(caret, caret);
    element.dispatchEvent(new InputEvent('input', { bubbles: true, isComposing: composing }));
  }

  /** A second replica of `doc` whose edits are played into it, as a remote client's would be. */
  function remoteOf(doc: Y.Doc) {
    const remote = new Y.Doc();
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc));
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== 'remote') Y.applyUpdate(remote, update, 'local');
    });
    remote.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== 'local') Y.applyUpdate(doc, update, 'remote');
    });
    return remote.getMap<unknown>('dataReadiness');
  }

  it('shows the field, and writes typing as inserts and deletes into its Y.Text', () => {
    const { map, element } = setup(new Y.Text('CRM export'));
    const text = map.get('sources') as Y.Text;
    expect(element.value).toBe('CRM export');
    const deltas: unknown[] = [];
    text.observe((event) => deltas.push(event.delta));

    type(element, 'CRM export!', 11);
    type(element, 'CRM expor!', 9);

    expect(map.get('sources')).toBe(text);
    expect(text.toString()).toBe('CRM expor!');
    expect(deltas).toEqual([
      [{ retain: 10 }, { insert: '!' }],
      [{ retain: 9 }, { delete: 1 }],
    ]);
  });

  it('creates the Y.Text on the first keystroke in a field that has none, or holds a plain string', () => {
    const empty = setup();
    type(empty.element, 'C', 1);
    expect(empty.map.get('sources')).toBeInstanceOf(Y.Text);
    expect((empty.map.get('sources') as Y.Text).toString()).toBe('C');

    const plain = setup('CRM export', 'textarea');
    expect(plain.element.value).toBe('CRM export');
    type(plain.element, 'CRM export.', 11);
    expect((plain.map.get('sources') as Y.Text).toString()).toBe('CRM export.');
    type(plain.element, 'CRM export..', 12);
    expect((plain.map.get('sources') as Y.Text).toString()).toBe('CRM export..');
  });

  it('keeps the caret where it was when someone else types before it, after it, or deletes around it', () => {
    const { doc, element } = setup(new Y.Text('CRM export'));
    const remote = remoteOf(doc);
    element.focus();
    element.setSelectionRange(4, 4); // before "export"
    const remoteText = remote.get('sources') as Y.Text;

    remoteText.insert(0, 'Main: ');
    expect(element.value).toBe('Main: CRM export');
    expect([element.selectionStart, element.selectionEnd]).toEqual([10, 10]);

    remoteText.insert(remoteText.length, ' plus CSAT');
    expect(element.value).toBe('Main: CRM export plus CSAT');
    expect([element.selectionStart, element.selectionEnd]).toEqual([10, 10]);

    remoteText.insert(10, 'file ');
    expect([element.selectionStart, element.selectionEnd]).toEqual([10, 10]);

    remoteText.delete(0, 6);
    expect(element.value).toBe('CRM file export plus CSAT');
    expect([element.selectionStart, element.selectionEnd]).toEqual([4, 4]);
  });

  it('keeps a selection around the same text through remote edits', () => {
    const { doc, element } = setup(new Y.Text('CRM export'));
    const remote = remoteOf(doc);
    element.focus();
    element.setSelectionRange(4, 10); // "export"
    (remote.get('sources') as Y.Text).insert(0, 'Main: ');
    expect(element.value.slice(element.selectionStart!, element.selectionEnd!)).toBe('export');
  });

  it('merges local and remote typing in one field', () => {
    const { doc, map, element } = setup(new Y.Text('CRM export'));
    const remote = remoteOf(doc);
    element.focus();
    for (const [i, char] of [...' plus CSAT'].entries()) {
      type(element, `${element.value}${char}`, element.value.length + 1);
      (remote.get('sources') as Y.Text).insert(i, 'Main: '[i] ?? '');
    }
    expect((map.get('sources') as Y.Text).toString()).toBe('Main: CRM export plus CSAT');
    expect(element.value).toBe('Main: CRM export plus CSAT');
    expect(element.selectionStart).toBe(element.value.length);
  });

  it('leaves the value alone during an IME composition and merges both once it ends', () => {
    const { doc, map, element } = setup(new Y.Text('CRM export'));
    const remote = remoteOf(doc);
    element.focus();
    element.setSelectionRange(10, 10);
    element.dispatchEvent(new CompositionEvent('compositionstart'));
    type(element, 'CRM exportに', 11, true);
    (remote.get('sources') as Y.Text).insert(0, 'Main: ');
    type(element, 'CRM export日本', 12, true);

    // The composition is not disturbed, and nothing of it is written yet.
    expect(element.value).toBe('CRM export日本');
    expect((map.get('sources') as Y.Text).toString()).toBe('Main: CRM export');

    element.dispatchEvent(new CompositionEvent('compositionend', { data: '日本' }));
    expect((map.get('sources') as Y.Text).toString()).toBe('Main: CRM export日本');
    expect((remote.get('sources') as Y.Text).toString()).toBe('Main: CRM export日本');
    expect(element.value).toBe('Main: CRM export日本');
    expect(element.selectionStart).toBe(element.value.length);
    // The input event some browsers send after compositionend changes nothing more.
    type(element, element.value, element.value.length);
    expect((map.get('sources') as Y.Text).toString()).toBe('Main: CRM export日本');
  });

  it('follows the field when another client writes it whole, and keeps typing into the new text', () => {
    const { doc, map, element } = setup(new Y.Text('CRM export'));
    const remote = remoteOf(doc);
    element.focus();
    element.setSelectionRange(3, 3);
    remote.set('sources', 'CRM export and billing');
    expect(element.value).toBe('CRM export and billing');
    expect(element.selectionStart).toBe(3);
    remote.set('sources', new Y.Text('Billing only'));
    expect(element.value).toBe('Billing only');
    type(element, 'Billing only!', 13);
    expect((remote.get('sources') as Y.Text).toString()).toBe('Billing only!');
    remote.delete('sources');
    expect(element.value).toBe('');
    expect(map.has('sources')).toBe(false);
  });
});
