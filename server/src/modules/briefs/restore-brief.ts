import * as Y from 'yjs';
import { BRIEF_SECTIONS, convertTextFields } from '@brieflock/schema';

/** A value to write into another document: shared types are copied, plain values taken as they are. */
const copyOf = (value: unknown): unknown =>
  value instanceof Y.AbstractType ? (value as Y.Map<unknown>).clone() : value;

/**
 * Makes every section of `doc` hold what it held in `frozen` (a version's stored Yjs
 * state): rich text with its formatting, list items with their ids and field types, map
 * fields. Call it inside one transaction, so connected editors see the whole restore as
 * one change. Types outside the brief's layout are left alone; `frozen` is changed.
 */
export function restoreBrief(doc: Y.Doc, frozen: Y.Doc): void {
  // A version frozen before text fields were Y.Text holds plain strings: the live brief
  // gets the Y.Texts editors bind to (the frozen copy is a scratch document).
  convertTextFields(frozen);
  for (const section of BRIEF_SECTIONS) {
    if (section.kind === 'richText') {
      const target = doc.getXmlFragment(section.key);
      if (target.length > 0) target.delete(0, target.length);
      target.insert(
        0,
        frozen
          .getXmlFragment(section.key)
          .toArray()
          .map((node) => node.clone() as Y.XmlElement | Y.XmlText),
      );
    } else if (section.kind === 'list') {
      const target = doc.getArray<unknown>(section.key);
      if (target.length > 0) target.delete(0, target.length);
      target.insert(0, frozen.getArray<unknown>(section.key).toArray().map(copyOf));
    } else {
      const target = doc.getMap<unknown>(section.key);
      const source = frozen.getMap<unknown>(section.key);
      for (const key of [...target.keys()]) if (!source.has(key)) target.delete(key);
      for (const [key, value] of source.entries()) target.set(key, copyOf(value));
    }
  }
}
