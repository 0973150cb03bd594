import type * as Y from 'yjs';
import { BRIEF_SECTIONS } from '@brieflock/schema';
import type { DocumentChange } from '../../collab/hooks.js';

const SECTION_KEYS: ReadonlySet<string> = new Set(BRIEF_SECTIONS.map((section) => section.key));

/** The brief sections a Yjs transaction touched: each changed type's top-level ancestor, by name. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Yjs types its shared types with `any` events
export function changedSections({ doc, transaction }: Pick<DocumentChange, 'doc' | 'transaction'>): string[] {
  const names = new Map<Y.AbstractType<any>, string>();
  for (const [name, type] of doc.share) names.set(type, name);
  const sections = new Set<string>();
  for (const changed of transaction.changed.keys()) {
    let type = changed as Y.AbstractType<any>;
    while (type._item?.parent) type = type._item.parent as Y.AbstractType<any>;
    const name = names.get(type);
    if (name !== undefined && SECTION_KEYS.has(name)) sections.add(name);
  }
  return [...sections];
}
