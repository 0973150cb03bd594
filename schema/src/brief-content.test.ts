import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { completeBrief, writeBrief } from '../../test/support/brief.js';
import { BRIEF_SECTIONS, type FieldSpec, TRIAL_MAP_KEY, TRIAL_RUBRIC_KEY } from './brief.js';
import { settledBrief } from './suggestion-marks.js';
import { INSERTION_MARK } from './suggestions.js';
import { contentHashOf, contentJsonOf } from './contract.js';
import {
  MAX_RICH_TEXT_DEPTH,
  convertTextFields,
  emptyBrief,
  newListItem,
  plainTextFields,
  isIsoDate,
  normaliseField,
  plainText,
  readBrief,
  weightedTrialScore,
  type RichTextNode,
} from './brief-content.js';

/** An element with children, as y-prosemirror writes a ProseMirror node. */
function element(
  name: string,
  children: (Y.XmlElement | Y.XmlText)[],
  attrs: Record<string, unknown> = {},
): Y.XmlElement {
  const node = new Y.XmlElement(name);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value as string);
  node.insert(0, children);
  return node;
}
const text = (value: string) => new Y.XmlText(value);

const field = (section: string, key: string): FieldSpec => {
  const spec = BRIEF_SECTIONS.find((candidate) => candidate.key === section)!;
  const fields: readonly FieldSpec[] = spec.kind === 'list' ? spec.itemFields : spec.kind === 'map' ? spec.fields : [];
  return fields.find((candidate) => candidate.key === key)!;
};

describe('readBrief on rich text written with plain Yjs', () => {
  it('reads paragraphs, headings and bullet lists as one text line per block', () => {
    const doc = new Y.Doc();
    doc
      .getXmlFragment('outcome')
      .insert(0, [
        element('heading', [text('Goal')], { level: 2 }),
        element('paragraph', [text('Cut churn by a tenth.')]),
        element('bulletList', [
          element('listItem', [element('paragraph', [text('Score customers nightly')])]),
          element('listItem', [element('paragraph', [text('Flag the riskiest 5%')])]),
        ]),
        element('paragraph', [text('Report monthly.')]),
      ]);

    const { outcome } = readBrief(doc);

    expect(outcome.text).toBe(
      'Goal\nCut churn by a tenth.\nScore customers nightly\nFlag the riskiest 5%\nReport monthly.',
    );
    expect(outcome.content).toEqual([
      { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Goal' }] },
      { type: 'paragraph', content: [{ type: 'text', text: 'Cut churn by a tenth.' }] },
      {
        type: 'bulletList',
        content: [
          {
            type: 'listItem',
            content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Score customers nightly' }] }],
          },
          {
            type: 'listItem',
            content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Flag the riskiest 5%' }] }],
          },
        ],
      },
      { type: 'paragraph', content: [{ type: 'text', text: 'Report monthly.' }] },
    ]);
  });

  it('reads formatting as marks (sorted, with attributes only when they have some) without changing the text', () => {
    const doc = new Y.Doc();
    const line = text('');
    doc.getXmlFragment('scope').insert(0, [element('paragraph', [line])]);
    line.insert(0, 'Use the CRM export only.');
    line.format(4, 7, { link: { href: 'https://crm.example.test', target: '_blank' } });
    line.format(11, 7, { italic: {}, bold: {} });

    const { scope } = readBrief(doc);

    expect(scope.text).toBe('Use the CRM export only.');
    expect(scope.content).toEqual([
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'Use ' },
          {
            type: 'text',
            text: 'the CRM',
            marks: [{ type: 'link', attrs: { href: 'https://crm.example.test', target: '_blank' } }],
          },
          { type: 'text', text: ' export', marks: [{ type: 'bold' }, { type: 'italic' }] },
          { type: 'text', text: ' only.' },
        ],
      },
    ]);
  });

  it('keeps empty paragraphs between blocks, turns hard breaks into newlines and drops trailing empty lines', () => {
    const doc = new Y.Doc();
    doc
      .getXmlFragment('validation')
      .insert(0, [
        element('paragraph', [text('Trial task:')]),
        element('paragraph', []),
        element('paragraph', [text('first line'), element('hardBreak', []), text('second line')]),
        element('paragraph', []),
        element('paragraph', []),
      ]);

    const { validation } = readBrief(doc);

    expect(validation.text).toBe('Trial task:\n\nfirst line\nsecond line');
    expect(validation.content).toHaveLength(5);
    expect(validation.content[1]).toEqual({ type: 'paragraph' });
  });

  it('reads a section nobody wrote, or only wrote empty paragraphs into, as empty text', () => {
    const doc = new Y.Doc();
    doc.getXmlFragment('outOfScope').insert(0, [element('paragraph', []), element('paragraph', [])]);
    const brief = readBrief(doc);
    expect(brief.outOfScope.text).toBe('');
    expect(brief.outcome).toEqual({ text: '', content: [] });
  });
});

describe('plainText', () => {
  it('joins text blocks with newlines and ignores leaf nodes that are not text', () => {
    const nodes: RichTextNode[] = [
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'a' },
          { type: 'text', text: 'b', marks: [{ type: 'bold' }] },
        ],
      },
      { type: 'horizontalRule' },
      { type: 'heading', attrs: { level: 1 } },
      { type: 'paragraph', content: [{ type: 'text', text: 'c' }] },
    ];
    expect(plainText(nodes)).toBe('ab\n\nc');
  });
});

describe('readBrief on lists written with plain Yjs', () => {
  it('reads items written as Y.Map, with Y.Text values and the item id kept', () => {
    const doc = new Y.Doc();
    const metric = new Y.Map<unknown>();
    doc.getArray('successMetrics').push([metric]);
    metric.set('id', 'metric-1');
    metric.set('name', new Y.Text('Monthly churn'));
    metric.set('target', '3.5%');

    expect(readBrief(doc).successMetrics).toEqual([
      { id: 'metric-1', name: 'Monthly churn', baseline: '', target: '3.5%', measurement: '' },
    ]);
  });

  it('reads items written as plain objects, in order', () => {
    const doc = new Y.Doc();
    doc.getArray('deliverables').push([
      { id: 'd-1', title: 'Churn model', acceptance: 'AUC 0.8' },
      { title: 'Runbook', description: 'How to retrain' },
    ]);

    expect(readBrief(doc).deliverables).toEqual([
      { id: 'd-1', title: 'Churn model', description: '', acceptance: 'AUC 0.8' },
      { id: null, title: 'Runbook', description: 'How to retrain', acceptance: '' },
    ]);
  });

  it('skips items that are not maps or objects, and does not read fields an object only inherits', () => {
    const doc = new Y.Doc();
    const kept = new Y.Map<unknown>();
    kept.set('title', 'Kept');
    doc
      .getArray('deliverables')
      .push([
        'a string',
        42,
        null,
        true,
        [1, 2],
        new Y.Text('text'),
        new Y.Array(),
        new Y.XmlElement('p'),
        kept,
        { title: 'Also kept' },
      ]);
    const inherited = Object.create({ title: 'inherited' }) as Record<string, unknown>;

    expect(readBrief(doc).deliverables.map((item) => item.title)).toEqual(['Kept', 'Also kept']);

    const doc2 = new Y.Doc();
    doc2.getArray('deliverables').push([inherited]);
    expect(readBrief(doc2).deliverables).toEqual([{ id: null, title: '', description: '', acceptance: '' }]);
  });

  it('keeps an id of up to 100 characters and reads a longer one as null', () => {
    const doc = new Y.Doc();
    doc.getArray('team').push([
      { id: 'x'.repeat(100), member: 'Ana' },
      { id: 'y'.repeat(101), member: 'Ben' },
      { id: 7, member: 'Cy' },
    ]);
    expect(readBrief(doc).team.map((item) => item.id)).toEqual(['x'.repeat(100), null, '7']);
  });

  it('reads missing fields as empty strings for text and null for dates, integers and enums', () => {
    const doc = new Y.Doc();
    doc.getArray('milestones').push([new Y.Map()]);
    doc.getMap('ownership').set('license', 'MIT');

    const brief = readBrief(doc);

    expect(brief.milestones).toEqual([
      { id: null, title: '', dueDate: null, acceptanceCriteria: '', revisionRounds: null, payment: '' },
    ]);
    expect(brief.ownership).toEqual({
      ipOwner: null,
      modelOwner: null,
      confidentiality: '',
      dataUse: '',
      license: 'MIT',
    });
    expect(brief.dataReadiness).toEqual({ sources: '', quality: null, access: null, owner: '', notes: '' });
    expect(brief.communication).toEqual({ cadence: '', channel: '', responseTime: '', escalation: '' });
  });
});

describe('field normalisation', () => {
  const rounds = field('milestones', 'revisionRounds');

  it.each([
    [2, 2],
    [0, 0],
    [-1, -1],
    ['3', 3],
    [' 4 ', 4],
    [new Y.Text('5'), 5],
  ] as [unknown, number][])('reads the integer field written as %o as %o', (written, read) => {
    const doc = new Y.Doc();
    const item = new Y.Map<unknown>();
    doc.getArray('milestones').push([item]);
    item.set('revisionRounds', written);
    expect(readBrief(doc).milestones[0]!.revisionRounds).toBe(read);
  });

  it.each([
    [2.5],
    ['2.5'],
    ['two'],
    [''],
    ['1e3'],
    [Number.MAX_SAFE_INTEGER + 1],
    [Infinity],
    [true],
    [{ n: 1 }],
    [null],
  ])('reads the integer field written as %o as null', (written) => {
    expect(normaliseField(rounds, written)).toBeNull();
  });

  it('reads known enum values and nothing else', () => {
    const doc = new Y.Doc();
    const data = doc.getMap<unknown>('dataReadiness');
    data.set('quality', 'GOOD');
    data.set('access', 'granted');
    const ownership = doc.getMap<unknown>('ownership');
    ownership.set('ipOwner', new Y.Text('SHARED'));
    ownership.set('modelOwner', 'EVERYONE');

    const brief = readBrief(doc);

    expect(brief.dataReadiness.quality).toBe('GOOD');
    expect(brief.dataReadiness.access).toBeNull();
    expect(brief.ownership.ipOwner).toBe('SHARED');
    expect(brief.ownership.modelOwner).toBeNull();
    expect(normaliseField(field('dataReadiness', 'quality'), 1)).toBeNull();
    expect(normaliseField(field('dataReadiness', 'quality'), 'toString')).toBeNull();
  });

  it('reads text fields from strings, Y.Text and numbers, and anything else as an empty string', () => {
    const name = field('successMetrics', 'name');
    expect(normaliseField(name, 'Churn')).toBe('Churn');
    expect(normaliseField(name, 42)).toBe('42');
    expect(normaliseField(name, { evil: true })).toBe('');
    expect(normaliseField(name, ['a'])).toBe('');
    expect(normaliseField(name, undefined)).toBe('');
  });

  it('keeps a date as written (trimmed) and reads a blank one as null', () => {
    const due = field('milestones', 'dueDate');
    expect(normaliseField(due, ' 2030-01-15 ')).toBe('2030-01-15');
    expect(normaliseField(due, 'next week')).toBe('next week');
    expect(normaliseField(due, '  ')).toBeNull();
    expect(normaliseField(due, undefined)).toBeNull();
  });
});

describe('isIsoDate', () => {
  it.each(['2030-01-15', '2028-02-29', '1999-12-31'])('accepts the calendar date %s', (value) => {
    expect(isIsoDate(value)).toBe(true);
  });
  it.each([
    '2030-02-30',
    '2027-02-29',
    '2030-13-01',
    '2030-1-5',
    '2030-01-15T00:00:00Z',
    ' 2030-01-15',
    '',
    20300115,
    null,
  ])('refuses %o', (value) => {
    expect(isIsoDate(value)).toBe(false);
  });
});

describe('an empty or fully written brief', () => {
  it('reads an empty document as emptyBrief(): empty text, empty lists, empty strings and nulls', () => {
    const brief = readBrief(new Y.Doc());
    expect(brief).toEqual(emptyBrief());
    expect(brief.outcome).toEqual({ text: '', content: [] });
    expect(brief.successMetrics).toEqual([]);
    expect(brief.milestones).toEqual([]);
    expect(brief.dataReadiness).toEqual({ sources: '', quality: null, access: null, owner: '', notes: '' });
    expect(Object.keys(brief)).toEqual(BRIEF_SECTIONS.map((section) => section.key));
  });

  it('reads back every section of a brief written with plain Yjs', () => {
    const doc = new Y.Doc();
    writeBrief(doc, completeBrief());
    expect(readBrief(doc)).toEqual(completeBrief());
  });

  it('reads sections another client wrote with the wrong shared types as empty, without failing', () => {
    const wrong = new Y.Doc();
    wrong.getText('outcome').insert(0, 'plain text where rich text belongs');
    wrong.getMap('successMetrics').set('name', 'a map where a list belongs');
    wrong.getArray('ownership').push(['CLIENT']);
    const received = new Y.Doc();
    Y.applyUpdate(received, Y.encodeStateAsUpdate(wrong));

    const brief = readBrief(received);

    expect(brief.outcome).toEqual({ text: '', content: [] });
    expect(brief.successMetrics).toEqual([]);
    expect(brief.ownership).toEqual(emptyBrief().ownership);
  });

  it('reads the same brief from a second document that received the first one as an update', () => {
    const doc = new Y.Doc();
    writeBrief(doc, completeBrief());
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    expect(readBrief(copy)).toEqual(readBrief(doc));
  });

  it('reads a hostile 3,000-level nesting without overflowing the stack, leaving out what lies below the depth limit', () => {
    const doc = new Y.Doc();
    const outcome = doc.getXmlFragment('outcome');
    outcome.insert(0, [element('paragraph', [new Y.XmlText('Visible outcome text.')])]);
    // Nested one integrated level at a time, as a stream of remote updates would build it.
    let parent: Y.XmlFragment | Y.XmlElement = outcome;
    for (let i = 0; i < 3_000; i++) {
      const child: Y.XmlElement = new Y.XmlElement('blockquote');
      parent.insert(parent.length, [child]);
      parent = child;
    }
    parent.insert(0, [element('paragraph', [new Y.XmlText('deepest')])]);

    const brief = readBrief(doc);

    expect(brief.outcome.text).toBe('Visible outcome text.');
    let depth = 0;
    let cursor: RichTextNode | undefined = brief.outcome.content[1];
    while (cursor && 'content' in cursor && cursor.content) {
      depth++;
      cursor = cursor.content[0];
    }
    expect(depth).toBe(MAX_RICH_TEXT_DEPTH - 1);
  });

  it('reads copies of one list item (concurrent moves) as the one item, the first copy', () => {
    const doc = new Y.Doc();
    const milestones = doc.getArray<Y.Map<unknown>>('milestones');
    const row = (id: string, title: string) =>
      new Y.Map<unknown>([
        ['id', id],
        ['title', title],
      ]);
    milestones.push([row('a', 'First copy'), row('b', 'Other'), row('a', 'Second copy')]);

    expect(readBrief(doc).milestones.map((m) => [m.id, m.title])).toEqual([
      ['a', 'First copy'],
      ['b', 'Other'],
    ]);
  });
});

/** Writes `brief` like `writeBrief`, but every free-text field as a `Y.Text`. */
function writeBriefAsText(doc: Y.Doc): void {
  writeBrief(doc, completeBrief());
  doc.transact(() => {
    for (const { map, key, text } of plainTextFields(doc)) if (text !== '') map.set(key, new Y.Text(text));
  });
}

describe('free-text fields as Y.Text or plain strings', () => {
  it('reads the same brief whether text fields are strings or Y.Text, and mixed', () => {
    const strings = new Y.Doc();
    writeBrief(strings, completeBrief());
    const texts = new Y.Doc();
    writeBriefAsText(texts);
    const mixed = new Y.Doc();
    writeBrief(mixed, completeBrief());
    mixed.getMap('dataReadiness').set('sources', new Y.Text('CRM export and billing database'));
    (mixed.getArray('team').get(1) as Y.Map<unknown>).set('member', new Y.Text('Ben'));

    expect(texts.getMap('dataReadiness').get('sources')).toBeInstanceOf(Y.Text);
    expect(strings.getMap('dataReadiness').get('sources')).toBe('CRM export and billing database');
    expect(readBrief(texts)).toEqual(completeBrief());
    expect(readBrief(strings)).toEqual(completeBrief());
    expect(readBrief(mixed)).toEqual(completeBrief());
  });

  it('reads a Y.Text edited in place character by character', () => {
    const doc = new Y.Doc();
    const sources = new Y.Text('CRM export');
    doc.getMap('dataReadiness').set('sources', sources);
    sources.insert(0, 'Main: ');
    sources.insert(sources.length, ' plus CSAT');
    expect(readBrief(doc).dataReadiness.sources).toBe('Main: CRM export plus CSAT');
  });

  it('lists the written text fields of Y.Map items and maps that are not Y.Text, and no enum, date or integer', () => {
    const doc = new Y.Doc();
    writeBrief(doc, completeBrief());
    const listed = plainTextFields(doc).map(({ key, text }) => `${key}=${text}`);
    expect(listed).toContain('sources=CRM export and billing database');
    expect(listed.some((entry) => entry.startsWith('notes='))).toBe(false);
    expect(listed).toContain('payment=30%');
    for (const key of ['quality', 'access', 'ipOwner', 'modelOwner', 'dueDate', 'revisionRounds', 'id'])
      expect(listed.some((entry) => entry.startsWith(`${key}=`))).toBe(false);
  });

  it('converts every text field to Y.Text once, leaving the brief and its content hash as they were', () => {
    const doc = new Y.Doc();
    writeBrief(doc, completeBrief());
    doc.getArray('deliverables').push([{ title: 'A plain object row' }]);
    doc.getMap('communication').set('channel', 42);
    doc.getMap('communication').set('escalation', { not: 'text' });
    const before = readBrief(doc);

    const written = convertTextFields(doc);

    expect(written).toBeGreaterThan(0);
    expect(readBrief(doc)).toEqual(before);
    expect(contentHashOf(contentJsonOf(readBrief(doc)))).toBe(contentHashOf(contentJsonOf(before)));
    expect(plainTextFields(doc)).toEqual([]);
    const data = doc.getMap('dataReadiness');
    expect(data.get('sources')).toBeInstanceOf(Y.Text);
    expect(data.has('notes')).toBe(false);
    expect(data.get('quality')).toBe('FAIR');
    expect((doc.getMap('communication').get('channel') as Y.Text).toString()).toBe('42');
    expect((doc.getMap('communication').get('escalation') as Y.Text).toString()).toBe('');
    const milestone = doc.getArray('milestones').get(0) as Y.Map<unknown>;
    expect(milestone.get('dueDate')).toBe('2099-03-01');
    expect(milestone.get('revisionRounds')).toBe(1);
    expect(milestone.get('payment')).toBeInstanceOf(Y.Text);
    expect(doc.getArray('deliverables').get(1)).toEqual({ title: 'A plain object row' });

    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    expect(convertTextFields(doc)).toBe(0);
    expect(updates).toEqual([]);
  });

  it('merges concurrent typing in a converted field, and still reads a string written over it', () => {
    const a = new Y.Doc();
    a.getMap('dataReadiness').set('sources', 'CRM export');
    convertTextFields(a);
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const inA = a.getMap('dataReadiness').get('sources') as Y.Text;
    const inB = b.getMap('dataReadiness').get('sources') as Y.Text;
    inA.insert(inA.length, ' plus CSAT');
    inB.insert(0, 'Main: ');
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(readBrief(a).dataReadiness.sources).toBe('Main: CRM export plus CSAT');
    expect(readBrief(b)).toEqual(readBrief(a));

    b.getMap('dataReadiness').set('sources', 'Written whole');
    expect(readBrief(b).dataReadiness.sources).toBe('Written whole');
  });

  it('makes new list items with an empty Y.Text for each text field', () => {
    const milestones = BRIEF_SECTIONS.find((section) => section.key === 'milestones')!;
    const doc = new Y.Doc();
    doc.getArray('milestones').push([newListItem(milestones, 'm-1')]);
    const item = doc.getArray('milestones').get(0) as Y.Map<unknown>;
    expect(item.get('id')).toBe('m-1');
    expect(item.get('title')).toBeInstanceOf(Y.Text);
    expect(item.get('payment')).toBeInstanceOf(Y.Text);
    expect(item.has('dueDate')).toBe(false);
    expect(item.has('revisionRounds')).toBe(false);
    expect(plainTextFields(doc).filter((entry) => entry.map === item)).toEqual([]);
    expect(readBrief(doc).milestones).toEqual([
      { id: 'm-1', title: '', dueDate: null, acceptanceCriteria: '', revisionRounds: null, payment: '' },
    ]);
  });
});

describe('the structured trial of the validation section', () => {
  const trialDoc = () => {
    const doc = new Y.Doc();
    const trial = doc.getMap<unknown>(TRIAL_MAP_KEY);
    trial.set('task', new Y.Text('Label 200 support tickets'));
    trial.set('paidAmount', 'EUR 600');
    trial.set('timeBoxDays', 5);
    const rubric = doc.getArray<Y.Map<unknown>>(TRIAL_RUBRIC_KEY);
    const first = new Y.Map<unknown>([['id', 'r-1']]);
    first.set('criterion', new Y.Text('Accuracy'));
    first.set('weight', 70);
    const second = new Y.Map<unknown>([['id', 'r-2']]);
    second.set('criterion', 'Report');
    second.set('weight', '30');
    rubric.push([first, second]);
    return doc;
  };

  it('reads as no trial until one is written, so briefs frozen before keep their hash', () => {
    const doc = new Y.Doc();
    const before = contentHashOf(contentJsonOf(readBrief(doc)));
    // Opening the form creates the shared types but writes nothing.
    doc.getMap(TRIAL_MAP_KEY);
    doc.getArray(TRIAL_RUBRIC_KEY);
    expect(readBrief(doc).validation).not.toHaveProperty('trial');
    expect(contentHashOf(contentJsonOf(readBrief(doc)))).toBe(before);
  });

  it('reads the task, pay, time box and rubric beside the text', () => {
    expect(readBrief(trialDoc()).validation.trial).toEqual({
      task: 'Label 200 support tickets',
      paidAmount: 'EUR 600',
      timeBoxDays: 5,
      rubric: [
        { id: 'r-1', criterion: 'Accuracy', weight: 70 },
        { id: 'r-2', criterion: 'Report', weight: 30 },
      ],
      score: null,
      scoreNote: '',
    });
  });

  it('reads a recorded score from 0 to 100 and nothing else', () => {
    const doc = trialDoc();
    const trial = doc.getMap<unknown>(TRIAL_MAP_KEY);
    trial.set('score', 83.26);
    expect(readBrief(doc).validation.trial?.score).toBe(83.3);
    trial.set('score', 140);
    expect(readBrief(doc).validation.trial?.score).toBeNull();
    trial.set('score', '90');
    expect(readBrief(doc).validation.trial?.score).toBeNull();
  });

  it('keeps the trial when suggestions are settled out of the validation text', () => {
    const brief = readBrief(trialDoc());
    brief.validation = {
      ...brief.validation,
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [{ type: INSERTION_MARK }] }] }],
    };
    expect(settledBrief(brief).validation.trial).toEqual(brief.validation.trial);
  });

  it('turns plain strings in its text fields into Y.Text', () => {
    const doc = trialDoc();
    convertTextFields(doc);
    expect(doc.getMap(TRIAL_MAP_KEY).get('paidAmount')).toBeInstanceOf(Y.Text);
    expect((doc.getArray(TRIAL_RUBRIC_KEY).get(1) as Y.Map<unknown>).get('criterion')).toBeInstanceOf(Y.Text);
    expect(readBrief(doc).validation.trial?.rubric[1]?.criterion).toBe('Report');
  });

  it('weights each criterion score by its weight', () => {
    const rubric = readBrief(trialDoc()).validation.trial!.rubric;
    expect(
      weightedTrialScore(
        rubric,
        new Map([
          ['r-1', 90],
          ['r-2', 50],
        ]),
      ),
    ).toBe(78);
    expect(weightedTrialScore(rubric, new Map([['r-1', 90]]))).toBeNull();
    expect(weightedTrialScore([], new Map())).toBeNull();
  });
});
