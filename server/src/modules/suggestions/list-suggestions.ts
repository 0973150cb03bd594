import type { EntityManager } from '@mikro-orm/postgresql';
import type * as Y from 'yjs';
import {
  describeTextSuggestion,
  listTextSuggestions,
  type FieldValue,
  type SuggestionStatus,
  type TextSuggestion,
} from '@brieflock/schema';
import { isId } from '../../validation.js';
import { readBriefDoc } from '../briefs/brief-snapshot.js';
import type { LiveBriefs } from '../briefs/live-briefs.js';
import type { SuggestionKind } from './suggestion.entity.js';
import type { SuggestionView } from './suggestions.types.js';

interface SuggestionRow {
  id: string;
  proposal_id: string;
  kind: SuggestionKind;
  section: string;
  item_id: string | null;
  field: string | null;
  author_id: string | null;
  status: SuggestionStatus;
  summary: string;
  created_at: Date;
  current_value: FieldValue;
  proposed_value: FieldValue;
  decided_by_id: string | null;
  decided_at: Date | null;
}

const COLUMNS =
  '"id", "proposal_id", "kind", "section", "item_id", "field", "author_id", "status", "summary", "created_at", "current_value", "proposed_value", "decided_by_id", "decided_at"';

export const viewOfRow = (row: SuggestionRow): SuggestionView => ({
  id: row.id,
  proposalId: row.proposal_id,
  kind: row.kind,
  section: row.section,
  itemId: row.item_id,
  field: row.field,
  authorId: row.author_id,
  status: row.status,
  summary: row.summary,
  createdAt: new Date(row.created_at),
  currentValue: row.current_value,
  proposedValue: row.proposed_value,
  decidedById: row.decided_by_id,
  decidedAt: row.decided_at ? new Date(row.decided_at) : null,
});

/** An open rich-text suggestion as the API shows it. */
export const viewOfText = (proposalId: string, suggestion: TextSuggestion): SuggestionView => ({
  id: suggestion.id,
  proposalId,
  kind: 'TEXT',
  section: suggestion.section,
  itemId: null,
  field: null,
  authorId: suggestion.authorId,
  status: 'OPEN',
  summary: describeTextSuggestion(suggestion),
  createdAt: suggestion.createdAt ?? new Date(0),
  currentValue: null,
  proposedValue: null,
  decidedById: null,
  decidedAt: null,
});

/**
 * Rich-text suggestions that count: a UUID id (the editor's) and an author id. Marks a
 * client wrote otherwise are no one's suggestion; a freeze leaves them out of the text.
 */
const counts = (suggestion: TextSuggestion): boolean =>
  isId(suggestion.id) && suggestion.authorId !== null && isId(suggestion.authorId);

/** The stored row of a suggestion of `proposalId`, locked for a decision when `lock`. */
export async function storedSuggestion(
  em: EntityManager,
  proposalId: string | null,
  id: string,
  lock = false,
): Promise<SuggestionView | null> {
  if (!isId(id)) return null;
  const [row] = await em.execute<SuggestionRow[]>(
    `select ${COLUMNS} from "suggestions" where "id" = ?${proposalId ? ' and "proposal_id" = ?' : ''}${lock ? ' for update' : ''}`,
    proposalId ? [id, proposalId] : [id],
  );
  return row ? viewOfRow(row) : null;
}

/** A suggestion of `proposalId` by id: the stored row, or else an open rich-text one of the live brief. */
export async function findSuggestion(
  em: EntityManager,
  live: LiveBriefs,
  proposalId: string,
  id: string,
): Promise<SuggestionView | null> {
  const stored = await storedSuggestion(em, proposalId, id);
  if (stored || !isId(id)) return stored;
  const text = (await openTextSuggestions(em, live, proposalId)).find((suggestion) => suggestion.id === id);
  return text ? viewOfText(proposalId, text) : null;
}

/** The open rich-text suggestions of the live brief. */
export function openTextSuggestions(
  em: EntityManager,
  live: LiveBriefs,
  proposalId: string,
): Promise<TextSuggestion[]> {
  return readBriefDoc(em, live, proposalId, openTextSuggestionsIn);
}

/**
 * A proposal's suggestions, newest first: the stored ones (every structured suggestion,
 * and rich-text ones once decided) and the rich-text ones open in the live brief.
 */
export async function listSuggestions(
  em: EntityManager,
  live: LiveBriefs,
  proposalId: string,
  status: SuggestionStatus | null,
): Promise<SuggestionView[]> {
  const rows = await em.execute<SuggestionRow[]>(
    `select ${COLUMNS} from "suggestions" where "proposal_id" = ?${status ? ' and "status" = ?' : ''}`,
    status ? [proposalId, status] : [proposalId],
  );
  const views = rows.map(viewOfRow);
  if (status === null || status === 'OPEN') {
    const decided = new Set(status === null ? views.map((view) => view.id) : await decidedIds(em, proposalId));
    for (const text of await openTextSuggestions(em, live, proposalId))
      if (!decided.has(text.id)) views.push(viewOfText(proposalId, text));
  }
  return views.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || a.id.localeCompare(b.id));
}

async function decidedIds(em: EntityManager, proposalId: string): Promise<string[]> {
  const rows = await em.execute<{ id: string }[]>(
    `select "id" from "suggestions" where "proposal_id" = ? and "kind" = 'TEXT'`,
    [proposalId],
  );
  return rows.map((row) => row.id);
}

/** How many suggestions are OPEN, structured and rich-text (what `suggestions-settled` checks). */
export async function countOpenSuggestions(em: EntityManager, live: LiveBriefs, proposalId: string): Promise<number> {
  return countOpenSuggestionsWith(em, proposalId, await openTextSuggestions(em, live, proposalId));
}

/** The rich-text suggestions open in `doc` (the live brief, or one read from storage), as `openTextSuggestions`. */
export const openTextSuggestionsIn = (doc: Y.Doc): TextSuggestion[] => listTextSuggestions(doc).filter(counts);

/**
 * `countOpenSuggestions` given the rich-text suggestions open in the brief (read from
 * the same document as the rest of a freeze): the stored OPEN ones, and the rich-text
 * ones not decided yet, counted as `listSuggestions(…, 'OPEN')` lists them, in one statement.
 */
export async function countOpenSuggestionsWith(
  em: EntityManager,
  proposalId: string,
  openText: readonly TextSuggestion[],
): Promise<number> {
  const [row] = await em.execute<{ open: string; decided: string[] }[]>(
    `select count(*) filter (where "status" = 'OPEN') as "open",
            coalesce(array_agg("id"::text) filter (where "kind" = 'TEXT'), '{}') as "decided"
       from "suggestions" where "proposal_id" = ?`,
    [proposalId],
  );
  const decided = new Set(row?.decided ?? []);
  return Number(row?.open ?? 0) + openText.filter((text) => !decided.has(text.id)).length;
}
