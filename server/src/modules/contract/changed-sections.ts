import type * as Y from 'yjs';
import { BRIEF_SECTIONS } from '@brieflock/schema';
import type { DocumentChange } from '../../collab/hooks.js';

const SECTION_KEYS: ReadonlySet<string> = new Set(BRIEF_SECTIONS.map((section) => section.key));

// Yjs types its shared types with `any` events.
type SharedType = Y.AbstractType<any>;

/** The brief sections a Yjs transaction touched: each changed type's top-level ancestor, by name. */
export function changedSections({ doc, transaction }: Pick<DocumentChange, 'doc' | 'transaction'>): string[] {
  const roots = new Set<SharedType>();
  for (const changed of transaction.changed.keys()) {
    let type = changed as SharedType;
    while (type._item?.parent) type = type._item.parent as SharedType;
    roots.add(type);
  }
  const sections: string[] = [];
  for (const [name, type] of doc.share) if (roots.has(type) && SECTION_KEYS.has(name)) sections.push(name);
  return sections;
}
