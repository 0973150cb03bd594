import { BRIEF_SECTIONS, type ListSection } from '@brieflock/schema';
import type { CommentThreadFieldsFragment } from '../gql/graphql';
import { sectionDomId } from '../editor/labels';

export type Thread = CommentThreadFieldsFragment;
type AnchorView = Thread['anchor'];

/** DOM id of a structured field's wrapper, so a thread can lead to it. */
export const fieldAnchorId = (section: string, itemId: string | null, field: string) =>
  `comment-anchor-${section}-${itemId ?? ''}-${field}`.replace(/[^A-Za-z0-9_-]/g, '_');

const sectionOf = (key: string) => BRIEF_SECTIONS.find((section) => section.key === key);

/** "Scope", "Milestones · Due date", "Ownership · IP owner": where a thread is, in words. */
export function anchorPlace(anchor: Pick<AnchorView, 'section' | 'field'>): string {
  const section = sectionOf(anchor.section);
  if (!section) return anchor.section;
  if (!anchor.field || section.kind === 'richText') return section.title;
  const fields = section.kind === 'list' ? (section as ListSection).itemFields : section.fields;
  const label = fields.find((field) => field.key === anchor.field)?.label ?? anchor.field;
  return `${section.title} · ${label}`;
}

const prefersReducedMotion = () => window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;

/** Brings what a thread is about into view: its highlighted text, its field, else its section. */
export function revealAnchor(thread: Thread): void {
  const { section, itemId, field } = thread.anchor;
  const target =
    document.querySelector<HTMLElement>(`.comment-highlight[data-thread-id="${thread.id}"]`) ??
    (field ? document.getElementById(fieldAnchorId(section, itemId, field)) : null) ??
    document.getElementById(sectionDomId(section));
  target?.scrollIntoView({ behavior: prefersReducedMotion() ? 'auto' : 'smooth', block: 'center' });
}
