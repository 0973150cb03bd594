import { BRIEF_SECTIONS, TRIAL_MAP_KEY, TRIAL_RUBRIC_KEY } from '@brieflock/schema';
import type { DocumentChange } from '../../collab/hooks.js';

/** The section each top-level shared type belongs to: its own, or `validation` for the trial's. */
const SECTION_OF: ReadonlyMap<string, string> = new Map([
  ...BRIEF_SECTIONS.map((section): [string, string] => [section.key, section.key]),
  [TRIAL_MAP_KEY, 'validation'],
  [TRIAL_RUBRIC_KEY, 'validation'],
]);

/**
 * All the walk reads of a shared type: its parent link. Structural, because Yjs types
 * its shared types with `any` events, which no narrower event type accepts.
 */
interface Linked {
  _item: { parent: unknown } | null;
}

/** The brief sections a Yjs transaction touched: each changed type's top-level ancestor, by name. */
export function changedSections({ doc, transaction }: Pick<DocumentChange, 'doc' | 'transaction'>): string[] {
  const roots = new Set<unknown>();
  for (const changed of transaction.changed.keys()) {
    let type: Linked = changed;
    while (type._item?.parent) type = type._item.parent as Linked;
    roots.add(type);
  }
  const sections = new Set<string>();
  for (const [name, type] of doc.share) {
    const section = SECTION_OF.get(name);
    if (section && roots.has(type)) sections.add(section);
  }
  return [...sections];
}
