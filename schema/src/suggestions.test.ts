import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { readBrief } from './brief-content.js';
import {
  describeTextSuggestion,
  listTextSuggestions,
  settledBrief,
  settleTextSuggestions,
} from './suggestion-marks.js';
import { parseSuggestedValue, uuidV7, uuidV7Time, writeFieldValue } from './suggestions.js';
import { BRIEF_SECTIONS, type FieldSpec } from './brief.js';

const field = (section: string, key: string): FieldSpec => {
  const spec = BRIEF_SECTIONS.find((s) => s.key === section)!;
  return ('fields' in spec ? spec.fields : 'itemFields' in spec ? spec.itemFields : []).find((f) => f.key === key)!;
};

/** A scope paragraph "Train a model nightly" with "churn " suggested in and " nightly" suggested out. */
function markedDoc(author = 'a1b2c3d4-0000-4000-8000-000000000001') {
  const doc = new Y.Doc();
  const paragraph = new Y.XmlElement('paragraph');
  doc.getXmlFragment('scope').insert(0, [paragraph]);
  const text = new Y.XmlText();
  paragraph.insert(0, [text]);
  const ins = uuidV7(Date.UTC(2026, 11, 2));
  const del = uuidV7(Date.UTC(2026, 11, 2, 1));
  text.insert(0, 'Train a ');
  text.insert(8, 'churn ', { insertion: { id: ins, author } });
  // Without attributes, inserted text would take on the mark before it.
  text.insert(14, 'model', { insertion: null });
  text.insert(19, ' nightly', { deletion: { id: del, author } });
  return { doc, ins, del };
}

describe('structured values', () => {
  it('are read as the field type', () => {
    expect(parseSuggestedValue(field('ownership', 'ipOwner'), 'SHARED')).toEqual({ value: 'SHARED' });
    expect(parseSuggestedValue(field('ownership', 'ipOwner'), 'shared')).toHaveProperty('error');
    expect(parseSuggestedValue(field('milestones', 'dueDate'), '2099-01-31')).toEqual({ value: '2099-01-31' });
    expect(parseSuggestedValue(field('milestones', 'dueDate'), '2099-31-01')).toHaveProperty('error');
    expect(parseSuggestedValue(field('milestones', 'revisionRounds'), '0')).toEqual({ value: 0 });
    expect(parseSuggestedValue(field('milestones', 'revisionRounds'), '-2')).toHaveProperty('error');
    expect(parseSuggestedValue(field('milestones', 'revisionRounds'), null)).toEqual({ value: null });
  });

  it('write free text into the field’s Y.Text, replacing only what differs', () => {
    const doc = new Y.Doc();
    const map = doc.getMap<unknown>('communication');
    const spec = field('communication', 'cadence');
    writeFieldValue(map, spec, 'Weekly demo');
    const text = map.get('cadence') as Y.Text;
    expect(text).toBeInstanceOf(Y.Text);
    writeFieldValue(map, spec, 'Weekly call');
    expect(map.get('cadence')).toBe(text);
    expect(text.toString()).toBe('Weekly call');
  });
});

describe('rich-text suggestion marks', () => {
  it('are listed one per id with author, time and what they change', () => {
    const { doc, ins, del } = markedDoc();
    const listed = listTextSuggestions(doc);
    expect(listed.map((s) => [s.id, s.section, s.inserted, s.deleted])).toEqual([
      [ins, 'scope', 'churn ', ''],
      [del, 'scope', '', ' nightly'],
    ]);
    expect(listed[0]!.createdAt?.toISOString()).toBe('2026-12-02T00:00:00.000Z');
    expect(listed[0]!.authorId).toBe('a1b2c3d4-0000-4000-8000-000000000001');
    expect(listed.map(describeTextSuggestion)).toEqual(['Insert “churn”', 'Delete “nightly”']);
    expect(describeTextSuggestion({ inserted: 'daily', deleted: 'nightly' })).toBe('Replace “nightly” with “daily”');
    expect(uuidV7Time(ins)).toBe(Date.UTC(2026, 11, 2));
  });

  it('accepting keeps insertions and removes deletions; rejecting does the inverse', () => {
    const accepted = markedDoc();
    settleTextSuggestions(accepted.doc, () => true, true);
    expect(readBrief(accepted.doc).scope.text).toBe('Train a churn model');
    expect(listTextSuggestions(accepted.doc)).toEqual([]);
    const rejected = markedDoc();
    settleTextSuggestions(rejected.doc, () => true, false);
    expect(readBrief(rejected.doc).scope.text).toBe('Train a model nightly');
    expect(JSON.stringify(readBrief(rejected.doc).scope.content)).not.toMatch(/insertion|deletion/);
    const one = markedDoc();
    settleTextSuggestions(one.doc, (run) => run.id === one.del, true);
    expect(listTextSuggestions(one.doc).map((s) => s.id)).toEqual([one.ins]);
  });

  it('never reach the settled brief: open insertions are left out, open deletions kept as plain text', () => {
    const { doc } = markedDoc();
    const settled = settledBrief(readBrief(doc));
    expect(settled.scope.text).toBe('Train a model nightly');
    expect(settled.scope.content).toEqual([
      { type: 'paragraph', content: [{ type: 'text', text: 'Train a model nightly' }] },
    ]);
    const plain = readBrief(new Y.Doc());
    expect(settledBrief(plain)).toBe(plain);
  });
});
