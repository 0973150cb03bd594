import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { checkAnchor, COMMENT_LIMITS, decodeAnchorPosition, encodeAnchorPosition } from './comments.js';

/** A rich-text section as Tiptap writes it: paragraphs of text in the section's fragment. */
function scopeDoc(...texts: string[]) {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment('scope');
  fragment.insert(
    0,
    texts.map((text) => {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText(text)]);
      return paragraph;
    }),
  );
  const textOf = (index: number) => (fragment.get(index) as Y.XmlElement).get(0) as Y.XmlText;
  return { doc, fragment, textOf };
}

/** The anchor of `phrase` in a text, as the editor makes it: from its start to its end. */
function anchorOn(text: Y.XmlText, phrase: string) {
  const start = text.toString().indexOf(phrase);
  if (start < 0) throw new Error(`no "${phrase}"`);
  return {
    from: encodeAnchorPosition(Y.createRelativePositionFromTypeIndex(text, start)),
    to: encodeAnchorPosition(Y.createRelativePositionFromTypeIndex(text, start + phrase.length, -1)),
  };
}

/** The text an anchor covers now, in another replica; null when it is gone. */
function anchoredText(doc: Y.Doc, anchor: { from: string; to: string }): string | null {
  const from = Y.createAbsolutePositionFromRelativePosition(decodeAnchorPosition(anchor.from)!, doc);
  const to = Y.createAbsolutePositionFromRelativePosition(decodeAnchorPosition(anchor.to)!, doc);
  if (!from || !to || from.type !== to.type || from.index >= to.index) return null;
  return (from.type as Y.XmlText).toString().slice(from.index, to.index);
}

/** A second replica kept in sync with the first. */
function replicaOf(doc: Y.Doc): Y.Doc {
  const other = new Y.Doc();
  Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
  doc.on('update', (update: Uint8Array) => Y.applyUpdate(other, update));
  return other;
}

describe('anchor positions', () => {
  it('survive base64 and still name the commented words after text is typed before, inside and after them', () => {
    const { doc, textOf } = scopeDoc('We predict which customers leave next month.');
    const replica = replicaOf(doc);
    const anchor = anchorOn(textOf(0), 'which customers');
    expect(anchor.from).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(anchoredText(replica, anchor)).toBe('which customers');

    textOf(0).insert(0, 'In the pilot, ');
    expect(anchoredText(replica, anchor)).toBe('which customers');
    textOf(0).insert(textOf(0).toString().indexOf('customers'), 'paying ');
    expect(anchoredText(replica, anchor)).toBe('which paying customers');
    textOf(0).insert(textOf(0).length, ' And why.');
    expect(anchoredText(replica, anchor)).toBe('which paying customers');
  });

  it('follow the words when a paragraph is added above them', () => {
    const { doc, fragment, textOf } = scopeDoc('Second point.');
    const anchor = anchorOn(textOf(0), 'point');
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('A new first point.')]);
    fragment.insert(0, [paragraph]);
    expect(anchoredText(replicaOf(doc), anchor)).toBe('point');
  });

  it('collapse when the commented words are deleted, and resolve to nothing when their paragraph is', () => {
    const { doc, fragment, textOf } = scopeDoc('Keep this. Drop these words. Keep that.', 'Other paragraph.');
    const replica = replicaOf(doc);
    const words = anchorOn(textOf(0), 'these words');
    const other = anchorOn(textOf(1), 'Other');
    const text = textOf(0);
    text.delete(text.toString().indexOf('these words'), 'these words'.length);
    expect(anchoredText(replica, words)).toBeNull();
    fragment.delete(1, 1);
    expect(anchoredText(replica, other)).toBeNull();
  });

  it('decode nothing from text that is not base64 of a relative position', () => {
    for (const value of ['', 'not base64!', 'abc', '////', btoa('\u00ff\u00ff\u00ff')])
      expect(decodeAnchorPosition(value), value).toBeNull();
  });
});

describe('checkAnchor', () => {
  const { textOf } = scopeDoc('Some scope.');
  const range = anchorOn(textOf(0), 'scope');
  const problem = (input: Parameters<typeof checkAnchor>[0]) => {
    const result = checkAnchor(input);
    return 'problem' in result ? result.problem : null;
  };

  it('accepts a text range, a list item field, a map field and a whole section', () => {
    expect(problem({ section: 'scope', ...range, quote: 'scope' })).toBeNull();
    expect(problem({ section: 'milestones', itemId: 'm1', field: 'dueDate' })).toBeNull();
    expect(problem({ section: 'ownership', field: 'ipOwner' })).toBeNull();
    expect(checkAnchor({ section: 'outcome', itemId: '', field: null })).toEqual({
      anchor: { section: 'outcome', itemId: null, field: null, from: null, to: null, quote: null },
    });
  });

  it('names the part that is wrong', () => {
    expect(problem({ section: 'budget' })?.field).toBe('section');
    expect(problem({ section: 'scope', from: range.from })).toMatchObject({ field: 'to' });
    expect(problem({ section: 'milestones', ...range })).toMatchObject({ field: 'from' });
    expect(problem({ section: 'scope', from: 'bm90IGEgcG9zaXRpb24=', to: range.to })).toMatchObject({ field: 'from' });
    expect(problem({ section: 'scope', from: range.from, to: 'A'.repeat(300) })).toMatchObject({ field: 'to' });
    expect(problem({ section: 'scope', field: 'text' })).toMatchObject({ field: 'field' });
    expect(problem({ section: 'ownership', field: 'budget' })).toMatchObject({ field: 'field' });
    expect(problem({ section: 'ownership', itemId: 'x', field: 'ipOwner' })).toMatchObject({ field: 'itemId' });
    expect(problem({ section: 'milestones', field: 'title' })).toMatchObject({ field: 'itemId' });
    expect(problem({ section: 'milestones', itemId: 'x'.repeat(65) })).toMatchObject({ field: 'itemId' });
    expect(problem({ section: 'scope', quote: 'q'.repeat(COMMENT_LIMITS.quoteMaxLength + 1) })).toMatchObject({
      field: 'quote',
    });
  });
});
