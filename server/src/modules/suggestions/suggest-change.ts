import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type * as Y from 'yjs';
import {
  describeFieldChange,
  findListItem,
  parseSuggestedValue,
  quote,
  readFieldValue,
  suggestibleField,
  type FieldSpec,
  type FieldValue,
} from '@brieflock/schema';
import { badInput } from '../../errors.js';
import { parseInput } from '../../validation.js';
import type { Viewer } from '../accounts/sessions.js';
import { readBriefDoc } from '../briefs/brief-snapshot.js';
import type { LiveBriefs } from '../briefs/live-briefs.js';
import { SuggestChangeSchema, type SuggestChange } from './suggestions.inputs.js';
import { assertCanSuggest } from './suggestions.policy.js';
import type { SuggestionView } from './suggestions.types.js';

/** How a list item is named in a summary: its first text field ("“Baseline model”"), else its position. */
function itemLabel(item: Y.Map<unknown>, fields: readonly FieldSpec[], position: number): string {
  for (const field of fields) {
    if (field.type !== 'string') continue;
    const value = readFieldValue(item, field);
    if (typeof value === 'string' && value.trim() !== '') return quote(value, 40);
  }
  return `#${position + 1}`;
}

/**
 * Records a suggested value for one field of a map section or list item (CLIENT or
 * FREELANCER), with the value the field holds now. The value is checked against the
 * field's type; the brief itself changes only when someone else accepts it.
 */
export async function suggestChange(
  em: EntityManager,
  live: LiveBriefs,
  viewer: Viewer,
  input: SuggestChange,
): Promise<SuggestionView> {
  const {
    proposalId,
    section: sectionKey,
    itemId,
    field: fieldKey,
    value: raw,
  } = parseInput(SuggestChangeSchema, input);
  await assertCanSuggest(em, proposalId, viewer.user.id);
  const target = suggestibleField(sectionKey, fieldKey);
  if ('problem' in target) throw badInput(target.problem, target.message);
  const { section, field } = target;
  if (section.kind === 'list' && !itemId)
    throw badInput('itemId', `Name the ${section.title.toLowerCase()} item to change.`);
  if (section.kind === 'map' && itemId) throw badInput('itemId', `${section.title} has no items; leave itemId out.`);
  const parsed = parseSuggestedValue(field, raw ?? null);
  if ('error' in parsed) throw badInput('value', parsed.error);
  const proposed = parsed.value;

  const current = await readBriefDoc(
    em,
    live,
    proposalId,
    (doc): { value: FieldValue; label: string | null } | null => {
      if (section.kind === 'map') return { value: readFieldValue(doc.getMap(section.key), field), label: null };
      const item = findListItem(doc, section.key, itemId!);
      if (!item) return null;
      const position = doc.getArray(section.key).toArray().indexOf(item);
      return {
        value: readFieldValue(item, field),
        label: itemLabel(item, section.kind === 'list' ? section.itemFields : [], position),
      };
    },
  );
  if (!current) throw badInput('itemId', `No item of ${section.title} has this id (it may have been deleted).`);
  const same = (current.value ?? '') === (proposed ?? '');
  if (same) throw badInput('value', `${field.label} already holds this value.`);

  const view: SuggestionView = {
    id: randomUUID(),
    proposalId,
    kind: 'FIELD',
    section: section.key,
    itemId: section.kind === 'list' ? itemId! : null,
    field: field.key,
    authorId: viewer.user.id,
    status: 'OPEN',
    summary: describeFieldChange(section, field, current.label, current.value, proposed),
    createdAt: new Date(),
    currentValue: current.value,
    proposedValue: proposed,
    decidedById: null,
    decidedAt: null,
  };
  await em.execute(
    `insert into "suggestions" ("id", "proposal_id", "kind", "section", "item_id", "field", "author_id", "current_value", "proposed_value", "summary", "status", "created_at")
     values (?, ?, 'FIELD', ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, 'OPEN', ?)`,
    [
      view.id,
      proposalId,
      view.section,
      view.itemId,
      view.field,
      viewer.user.id,
      JSON.stringify(view.currentValue),
      JSON.stringify(view.proposedValue),
      view.summary,
      view.createdAt,
    ],
  );
  return view;
}
