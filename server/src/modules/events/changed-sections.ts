import { BRIEF_SECTIONS } from '@brieflock/schema';
import type { DocumentChange } from '../../collab/hooks.js';

const SECTION_KEYS: ReadonlySet<string> = new Set(BRIEF_SECTIONS.map((section) => section.key));

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
  const sections: string[] = [];
  for (const [name, type] of doc.share) if (roots.has(type) && SECTION_KEYS.has(name)) sections.push(name);
  return sections;
}
