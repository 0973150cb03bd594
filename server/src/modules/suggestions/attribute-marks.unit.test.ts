import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type Attribution, attributeTextSuggestions, watchRemovedMarks } from './attribute-marks.js';

const A = '01935c3e-0000-7000-8000-0000000000aa';
const B = '01935c3e-0000-7000-8000-0000000000bb';
const C = '01935c3e-0000-7000-8000-0000000000cc';
const ID1 = '01935c3e-1111-7000-8000-000000000001';
const ID2 = '01935c3e-1111-7000-8000-000000000002';
const FRESH = '01935c3e-9999-7000-8000-000000000009';

/** A brief whose scope holds paragraphs; updates "from" a sender are attributed as the server does. */
function brief(...paragraphs: string[]) {
  const doc = new Y.Doc();
  watchRemovedMarks(doc);
  const scope = doc.getXmlFragment('scope');
  doc.transact(() => {
    for (const words of paragraphs) {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText(words)]);
      scope.push([paragraph]);
    }
  });
  let last: Attribution | null = null;
  doc.on('update', (_update: Uint8Array, origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) => {
    if (typeof origin === 'string') last = attributeTextSuggestions(doc, transaction, origin, () => FRESH);
  });
  const text = (index: number) => (scope.get(index) as Y.XmlElement).get(0) as Y.XmlText;
  return {
    doc,
    scope,
    text,
    /** Applies `change` as an update from `sender`'s socket; returns what attribution did once its correction ran. */
    async from(sender: string, change: () => void): Promise<Attribution> {
      last = null;
      doc.transact(change, sender);
      if (!last) throw new Error('the update was not attributed');
      // The correction is queued as a microtask; a macrotask runs after it.
      await new Promise((resolve) => setImmediate(resolve));
      return last;
    },
    /** Every marked run of paragraph `index` as [text, mark, id, author]. */
    runs(index: number) {
      return (
        text(index).toDelta() as { insert: string; attributes?: Record<string, { id: string; author: string }> }[]
      )
        .filter((op) => op.attributes)
        .map((op) => {
          const [mark, attrs] = Object.entries(op.attributes!)[0]!;
          return [op.insert, mark, attrs.id, attrs.author];
        });
    },
  };
}

describe('attributing suggestion marks to the socket that wrote them', () => {
  it('keeps a suggestion its author marked as theirs, and reports it once', async () => {
    const b = brief('Weekly report.');
    const first = await b.from(B, () => b.text(0).insert(6, ' sales', { insertion: { id: ID1, author: B } }));
    expect(first).toEqual({ added: [ID1], corrected: 0 });
    const more = await b.from(B, () => b.text(0).insert(12, ' and CSAT', { insertion: { id: ID1, author: B } }));
    expect(more).toEqual({ added: [], corrected: 0 });
    expect(b.runs(0)).toEqual([[' sales and CSAT', 'insertion', ID1, B]]);
  });

  it('writes the sender in as author of a suggestion that names someone else', async () => {
    const b = brief('Weekly report.');
    const result = await b.from(B, () => b.text(0).insert(6, ' sales', { insertion: { id: ID1, author: A } }));
    expect(result).toEqual({ added: [ID1], corrected: 1 });
    expect(b.runs(0)).toEqual([[' sales', 'insertion', ID1, B]]);
  });

  it('writes the sender in when they mark existing text as deleted in another name', async () => {
    const b = brief('Weekly report by Friday.');
    const result = await b.from(B, () => b.text(0).format(14, 10, { deletion: { id: ID1, author: A } }));
    expect(result.corrected).toBe(1);
    expect(b.runs(0)).toEqual([['by Friday.', 'deletion', ID1, B]]);
  });

  it('gives text typed inside another author’s suggestion its own id and author', async () => {
    const b = brief('Weekly report.');
    await b.from(A, () => b.text(0).insert(6, ' sales', { insertion: { id: ID1, author: A } }));
    const result = await b.from(B, () => b.text(0).insert(9, 'XX', { insertion: { id: ID1, author: A } }));
    expect(result).toEqual({ added: [FRESH], corrected: 1 });
    expect(b.runs(0)).toEqual([
      [' sa', 'insertion', ID1, A],
      ['XX', 'insertion', FRESH, B],
      ['les', 'insertion', ID1, A],
    ]);
  });

  it('gives a new id to the sender’s marks that reuse an id another author holds', async () => {
    const b = brief('Weekly report.', 'Monthly review.');
    await b.from(A, () => b.text(0).insert(6, ' sales', { insertion: { id: ID1, author: A } }));
    const result = await b.from(B, () => b.text(1).insert(0, 'Short ', { insertion: { id: ID1, author: B } }));
    expect(result).toEqual({ added: [FRESH], corrected: 1 });
    expect(b.runs(1)).toEqual([['Short ', 'insertion', FRESH, B]]);
    expect(b.runs(0)).toEqual([[' sales', 'insertion', ID1, A]]);
  });

  it('keeps the author of suggested text another editor moved into a new paragraph', async () => {
    const b = brief('Weekly report.');
    await b.from(A, () => b.text(0).insert(13, ' Sales figures too', { insertion: { id: ID1, author: A } }));
    // Splitting the paragraph before "Sales": y-prosemirror deletes the tail and writes it anew.
    const result = await b.from(B, () => {
      b.text(0).delete(14, 17);
      const paragraph = new Y.XmlElement('paragraph');
      const tail = new Y.XmlText();
      paragraph.insert(0, [tail]);
      b.scope.insert(1, [paragraph]);
      tail.insert(0, 'Sales figures too', { insertion: { id: ID1, author: A } });
    });
    expect(result).toEqual({ added: [], corrected: 0 });
    expect(b.runs(1)).toEqual([['Sales figures too', 'insertion', ID1, A]]);
  });

  it('does not let a move carry more in the author’s name than it removed', async () => {
    const b = brief('Weekly report.');
    await b.from(A, () => b.text(0).insert(13, ' Sales', { insertion: { id: ID1, author: A } }));
    const result = await b.from(B, () => {
      b.text(0).delete(13, 6);
      const paragraph = new Y.XmlElement('paragraph');
      const tail = new Y.XmlText();
      paragraph.insert(0, [tail]);
      b.scope.insert(1, [paragraph]);
      tail.insert(0, 'Sales and churn', { insertion: { id: ID1, author: A } });
    });
    expect(result.corrected).toBe(1);
    expect(b.runs(1)).toEqual([['Sales and churn', 'insertion', ID1, B]]);
  });

  it('leaves unmarked typing and the marks of other sections alone', async () => {
    const b = brief('Weekly report.');
    await b.from(A, () => b.text(0).insert(6, ' sales', { insertion: { id: ID2, author: A } }));
    expect(await b.from(C, () => b.text(0).insert(0, 'A ', {}))).toEqual({ added: [], corrected: 0 });
    expect(await b.from(C, () => b.doc.getMap('ownership').set('ipOwner', 'SHARED'))).toEqual({
      added: [],
      corrected: 0,
    });
    expect(b.runs(0)).toEqual([[' sales', 'insertion', ID2, A]]);
  });
});
