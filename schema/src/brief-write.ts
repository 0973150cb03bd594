import * as Y from 'yjs';
import {
  BRIEF_SECTIONS,
  type SectionKey,
  TRIAL_FIELDS,
  TRIAL_MAP_KEY,
  TRIAL_RUBRIC_FIELDS,
  TRIAL_RUBRIC_KEY,
} from './brief.js';
import type {
  FieldValue,
  ListItem,
  MapValue,
  RichTextNode,
  RichTextValue,
  TypedBriefContent,
} from './brief-content.js';

type ElementNode = { type: string; attrs?: Record<string, unknown>; content?: RichTextNode[] };
type TextNode = Extract<RichTextNode, { text: string }>;

const isText = (node: RichTextNode): node is TextNode => node.type === 'text' && 'text' in node;

/** Rich-text nodes as Yjs XML: elements with their attributes, runs of text as one `Y.XmlText` with marks. */
function xmlOf(nodes: readonly RichTextNode[]): (Y.XmlElement | Y.XmlText)[] {
  const out: (Y.XmlElement | Y.XmlText)[] = [];
  // A text not yet in a document cannot tell its length: the offset is counted here.
  let text: { xml: Y.XmlText; length: number } | null = null;
  for (const node of nodes) {
    if (isText(node)) {
      if (!text) {
        text = { xml: new Y.XmlText(), length: 0 };
        out.push(text.xml);
      }
      const attributes = Object.fromEntries((node.marks ?? []).map((mark) => [mark.type, mark.attrs ?? {}]));
      text.xml.insert(text.length, node.text, attributes);
      text.length += node.text.length;
      continue;
    }
    text = null;
    const element = node as ElementNode;
    const xml = new Y.XmlElement(element.type);
    for (const [key, value] of Object.entries(element.attrs ?? {})) xml.setAttribute(key, value as string);
    if (element.content) xml.insert(0, xmlOf(element.content));
    out.push(xml);
  }
  return out;
}

function fieldValue(type: string, value: FieldValue | undefined): unknown {
  if (type === 'string') return new Y.Text(typeof value === 'string' ? value : '');
  return value ?? undefined;
}

function setFields(
  map: Y.Map<unknown>,
  fields: readonly { key: string; type: string }[],
  values: Record<string, FieldValue>,
): Y.Map<unknown> {
  for (const field of fields) {
    const value = fieldValue(field.type, values[field.key]);
    if (value !== undefined) map.set(field.key, value);
  }
  return map;
}

/**
 * Writes the chosen sections of `brief` into `doc` (an empty document) following the
 * public layout, in one transaction: rich text with its structure and marks, list items
 * as `Y.Map`s with fresh ids from `newId` and a `Y.Text` per free-text field, map fields
 * likewise. The validation section carries its structured trial, without a score (a
 * score belongs to the proposal whose trial was accepted). `readBrief` reads back what
 * was written, apart from the new item ids.
 */
export function writeBriefSections(
  doc: Y.Doc,
  brief: TypedBriefContent,
  sections: readonly SectionKey[],
  newId: () => string,
): void {
  doc.transact(() => {
    for (const section of BRIEF_SECTIONS) {
      if (!sections.includes(section.key)) continue;
      const value = brief[section.key];
      if (section.kind === 'richText') {
        const nodes = xmlOf((value as RichTextValue).content);
        if (nodes.length > 0) doc.getXmlFragment(section.key).insert(0, nodes);
      } else if (section.kind === 'list') {
        const items = (value as ListItem[]).map((item) => {
          const map = new Y.Map<unknown>([['id', newId()]]);
          return setFields(map, section.itemFields, item);
        });
        if (items.length > 0) doc.getArray(section.key).insert(0, items);
      } else {
        setFields(doc.getMap<unknown>(section.key), section.fields, value as MapValue);
      }
    }
    const trial = brief.validation.trial;
    if (sections.includes('validation') && trial) {
      setFields(
        doc.getMap<unknown>(TRIAL_MAP_KEY),
        TRIAL_FIELDS.filter((field) => field.key !== 'scoreNote'),
        { task: trial.task, paidAmount: trial.paidAmount, timeBoxDays: trial.timeBoxDays },
      );
      const rubric = trial.rubric.map((row) =>
        setFields(new Y.Map<unknown>([['id', newId()]]), TRIAL_RUBRIC_FIELDS, {
          criterion: row.criterion,
          weight: row.weight,
        }),
      );
      if (rubric.length > 0) doc.getArray(TRIAL_RUBRIC_KEY).insert(0, rubric);
    }
  });
}
