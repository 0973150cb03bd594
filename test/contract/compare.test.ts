import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { diffBriefs, richText, SECTION_KEYS, type ListItem, type TypedBriefContent } from '@brieflock/schema';
import { useTestApp } from '../support/app.js';
import { completeBrief, paragraphs } from '../support/brief.js';
import { editLiveBrief, freezeOk, readyCast, writeLiveBrief, type VersionView } from '../support/contract.js';
import { makeProposal, type TestUser } from '../support/factories.js';

const COMPARE = `query($from: ID!, $to: ID!) { compareVersions(fromId: $from, toId: $to) {
  from { number } to { number } changed
  sections { key kind changed text { op value } formattingChanged
    items { change itemId fromIndex toIndex moved fields { field before after } }
    fields { field before after } } } }`;

interface SectionView {
  key: string;
  kind: string;
  changed: boolean;
  text: { op: string; value: string }[];
  formattingChanged: boolean;
  items: {
    change: string;
    itemId: string | null;
    fromIndex: number | null;
    toIndex: number | null;
    moved: boolean;
    fields: { field: string; before: unknown; after: unknown }[];
  }[];
  fields: { field: string; before: unknown; after: unknown }[];
}
interface DiffView {
  from: { number: number };
  to: { number: number };
  changed: boolean;
  sections: SectionView[];
}

const t = useTestApp();

const compare = (user: TestUser, from: string, to: string) =>
  t.api.gql<{ compareVersions: DiffView }>(COMPARE, { from, to }, { token: user.token });

/** The complete brief with a third milestone and a second deliverable, so items can move. */
function baseBrief(): TypedBriefContent {
  const brief = completeBrief();
  brief.milestones.push({
    id: 'milestone-3',
    title: 'Monitoring',
    dueDate: '2099-05-01',
    acceptanceCriteria: 'Drift alerts reach the team',
    revisionRounds: 1,
    payment: '10%',
  });
  brief.deliverables.push({
    id: 'deliverable-2',
    title: 'Runbook',
    description: 'How to retrain',
    acceptance: 'Reviewed by ops',
  });
  return brief;
}

/**
 * Removes the item at `from` and inserts a copy (with `changes`) at `to`: how a list row
 * moves in Yjs. Its `Y.Text` fields are cloned (a shared type lives in one place only).
 */
function moveItem(list: Y.Array<Y.Map<unknown>>, from: number, to: number, changes: Record<string, unknown> = {}) {
  const copy = new Y.Map<unknown>();
  for (const [key, value] of list.get(from).entries())
    copy.set(key, value instanceof Y.AbstractType ? value.clone() : value);
  for (const [key, value] of Object.entries(changes)) copy.set(key, value);
  list.delete(from, 1);
  list.insert(to, [copy]);
}

describe('comparing two versions of a proposal', () => {
  let cast: Awaited<ReturnType<typeof readyCast>>;
  let v1: VersionView;
  let v2: VersionView;
  let diff: DiffView;
  const section = (key: string) => diff.sections.find((s) => s.key === key)!;

  beforeAll(async () => {
    cast = await readyCast(t, baseBrief());
    v1 = await freezeOk(t, cast.client, cast.proposal.id);
    await editLiveBrief(t, cast.freelancer, cast.proposal.id, (doc) => {
      const firstLine = doc.getXmlFragment('outcome').get(0) as Y.XmlElement;
      const text = firstLine.get(0) as Y.XmlText;
      text.delete(4, 'monthly'.length);
      text.insert(4, 'quarterly');
      moveItem(doc.getArray('milestones'), 2, 0, { payment: '15%' });
      moveItem(doc.getArray('deliverables'), 1, 0);
      const team = doc.getArray<Y.Map<unknown>>('team');
      team.get(0).set('member', 'Ana B.');
      team.delete(1, 1);
      const added = new Y.Map<unknown>();
      for (const [key, value] of Object.entries({
        id: 'team-4',
        role: 'Analyst',
        responsibility: 'Reports',
        member: 'Dee',
      }))
        added.set(key, value);
      team.push([added]);
      doc.getMap('ownership').set('ipOwner', 'SHARED');
    });
    v2 = await freezeOk(t, cast.client, cast.proposal.id);
    const result = await compare(cast.viewer, v1.id, v2.id);
    if (!result.data?.compareVersions) throw new Error(JSON.stringify(result.errors));
    diff = result.data.compareVersions;
  });

  it('names both versions, one section entry per section, and says it changed', () => {
    expect([diff.from.number, diff.to.number, diff.changed]).toEqual([1, 2, true]);
    expect(diff.sections.map((s) => s.key)).toEqual(SECTION_KEYS);
  });

  it('shows a rich-text edit as a word diff', () => {
    const outcome = section('outcome');
    expect(outcome).toMatchObject({ kind: 'richText', changed: true, formattingChanged: false, items: [], fields: [] });
    expect(outcome.text.filter((op) => op.op !== 'EQUAL')).toEqual([
      { op: 'REMOVED', value: 'monthly' },
      { op: 'ADDED', value: 'quarterly' },
    ]);
    const side = (skip: string) =>
      outcome.text
        .filter((op) => op.op !== skip)
        .map((op) => op.value)
        .join('');
    expect(side('ADDED')).toBe(v1.contentJson.outcome.text);
    expect(side('REMOVED')).toBe(v2.contentJson.outcome.text);
  });

  it('matches list items by id: a moved and edited milestone is one CHANGED entry that moved, not a removal and an addition', () => {
    expect(section('milestones').items).toEqual([
      {
        change: 'CHANGED',
        itemId: 'milestone-3',
        fromIndex: 2,
        toIndex: 0,
        moved: true,
        fields: [{ field: 'payment', before: '10%', after: '15%' }],
      },
    ]);
  });

  it('shows a moved item that did not change as MOVED', () => {
    expect(section('deliverables').items).toEqual([
      { change: 'MOVED', itemId: 'deliverable-2', fromIndex: 1, toIndex: 0, moved: true, fields: [] },
    ]);
  });

  it('shows items edited, removed and added', () => {
    expect(section('team').items).toEqual([
      {
        change: 'CHANGED',
        itemId: 'team-1',
        fromIndex: 0,
        toIndex: 0,
        moved: false,
        fields: [{ field: 'member', before: 'Ana', after: 'Ana B.' }],
      },
      { change: 'REMOVED', itemId: 'team-2', fromIndex: 1, toIndex: null, moved: false, fields: [] },
      { change: 'ADDED', itemId: 'team-4', fromIndex: null, toIndex: 2, moved: false, fields: [] },
    ]);
  });

  it('shows a map field change with its value before and after', () => {
    expect(section('ownership')).toMatchObject({
      kind: 'map',
      changed: true,
      fields: [{ field: 'ipOwner', before: 'CLIENT', after: 'SHARED' }],
    });
  });

  it('marks the sections nobody touched as unchanged', () => {
    const untouched = ['successMetrics', 'scope', 'outOfScope', 'dataReadiness', 'validation', 'communication'];
    for (const key of untouched) {
      expect(section(key), key).toMatchObject({
        changed: false,
        text: [],
        formattingChanged: false,
        items: [],
        fields: [],
      });
    }
    expect(
      diff.sections
        .filter((s) => s.changed)
        .map((s) => s.key)
        .sort(),
    ).toEqual(['deliverables', 'milestones', 'outcome', 'ownership', 'team']);
  });

  it('compares a version with itself as unchanged', async () => {
    const same = await compare(cast.client, v2.id, v2.id);
    expect(same.data?.compareVersions.changed).toBe(false);
    expect(same.data?.compareVersions.sections.every((s) => !s.changed)).toBe(true);
  });

  it('refuses versions of two different proposals with BAD_USER_INPUT', async () => {
    const other = await makeProposal(t.api, cast.client, 'Another pilot');
    await writeLiveBrief(t, cast.client, other.id, completeBrief());
    const otherVersion = await freezeOk(t, cast.client, other.id);

    const result = await compare(cast.client, v1.id, otherVersion.id);

    expect(result.code).toBe('BAD_USER_INPUT');
    expect(result.data).toBeNull();
  });

  it.each([
    ['a non-participant', () => [cast.outsider, v1.id, v2.id] as const],
    ['a participant naming a version that does not exist', () => [cast.client, v1.id, randomUUID()] as const],
    ['a participant naming a malformed version id', () => [cast.client, 'nope', v2.id] as const],
  ])('%s gets NOT_FOUND', async (_who, args) => {
    const [user, from, to] = args();
    const result = await compare(user, from, to);
    expect(result.code).toBe('NOT_FOUND');
    expect(result.data).toBeNull();
  });
});

describe('diffBriefs', () => {
  const metric = (name: string, target: string): ListItem => ({
    id: null,
    name,
    baseline: '1',
    target,
    measurement: 'Dashboard',
  });
  const withMetrics = (...metrics: ListItem[]): TypedBriefContent => ({ ...completeBrief(), successMetrics: metrics });
  const metricsDiff = (before: TypedBriefContent, after: TypedBriefContent) =>
    diffBriefs(before, after).sections.find((s) => s.key === 'successMetrics')!;

  it('matches items without an id by their content', () => {
    const [a, b, c] = [metric('Churn', '3%'), metric('Revenue', '+5%'), metric('NPS', '40')];
    const items = metricsDiff(withMetrics(a, b), withMetrics(b, a, c)).items;
    expect(items.map(({ change, fromIndex, toIndex, moved }) => ({ change, fromIndex, toIndex, moved }))).toEqual([
      { change: 'MOVED', fromIndex: 1, toIndex: 0, moved: true },
      { change: 'ADDED', fromIndex: null, toIndex: 2, moved: false },
    ]);
    expect(items[1]!.after).toEqual(c);
  });

  it('shows an edited item without an id as removed and added, since only its content identifies it', () => {
    const items = metricsDiff(withMetrics(metric('Churn', '3%')), withMetrics(metric('Churn', '2%'))).items;
    expect(items.map((item) => [item.change, item.before?.target ?? null, item.after?.target ?? null])).toEqual([
      ['REMOVED', '3%', null],
      ['ADDED', null, '2%'],
    ]);
  });

  it('flags a formatting-only rich-text change without a word diff', () => {
    const plain = completeBrief();
    const bold = {
      ...completeBrief(),
      outcome: richText([
        { type: 'paragraph', content: [{ type: 'text', text: plain.outcome.text, marks: [{ type: 'bold' }] }] },
      ]),
    };
    const outcome = diffBriefs(plain, bold).sections.find((s) => s.key === 'outcome')!;
    expect(outcome).toMatchObject({ changed: true, formattingChanged: true, text: [] });

    const reworded = { ...completeBrief(), outcome: paragraphs('Something else entirely.') };
    expect(diffBriefs(plain, reworded).sections.find((s) => s.key === 'outcome')).toMatchObject({
      changed: true,
      formattingChanged: false,
    });
  });

  it('finds nothing between equal briefs', () => {
    const diff = diffBriefs(completeBrief(), completeBrief());
    expect(diff.changed).toBe(false);
    expect(diff.sections.filter((s) => s.changed)).toEqual([]);
  });
});
