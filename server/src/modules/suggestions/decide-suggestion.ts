import type { EntityManager } from '@mikro-orm/postgresql';
import {
  findListItem,
  listTextSuggestions,
  settleTextSuggestions,
  suggestibleField,
  type TextSuggestion,
  writeFieldValue,
} from '@brieflock/schema';
import { conflict, DomainError, forbidden } from '../../errors.js';
import { isId } from '../../validation.js';
import type { Viewer } from '../accounts/sessions.js';
import { readBriefDoc } from '../briefs/brief-snapshot.js';
import type { LiveBriefs } from '../briefs/live-briefs.js';
import { assertParticipant } from '../proposals/proposal.policy.js';
import { openTextSuggestions, storedSuggestion, viewOfText } from './list-suggestions.js';
import { assertCanSuggest, assertNotOwnSuggestion, suggestionNotFound } from './suggestions.policy.js';
import type { SuggestionView } from './suggestions.types.js';
import { enqueueWebhookDeliveries } from '../webhooks/enqueue-deliveries.js';
import { namesOf, type Notice, type NotifyDeps, notify, proposalLink, quoted } from '../notifications/notify.js';

export type Decision = 'ACCEPTED' | 'REJECTED' | 'WITHDRAWN';

/** A decided suggestion and the notification its author was sent, to publish after commit. */
export type DecidedSuggestion = SuggestionView & { notices?: Notice[] };

/** Tells the author that someone else accepted or rejected their suggestion, in the decision's transaction. */
async function tellAuthor(
  tx: EntityManager,
  deps: NotifyDeps,
  viewer: Viewer,
  view: SuggestionView,
): Promise<Notice[]> {
  if (view.authorId === null || (view.status !== 'ACCEPTED' && view.status !== 'REJECTED')) return [];
  const names = await namesOf(tx, viewer.user.id, view.proposalId);
  return notify(tx, deps, {
    kind: 'SUGGESTION_DECIDED',
    proposalId: view.proposalId,
    actorId: viewer.user.id,
    recipientIds: [view.authorId],
    text: `${names.actor} ${view.status === 'ACCEPTED' ? 'accepted' : 'rejected'} your suggestion on ${quoted(names.title)}`,
    link: proposalLink(view.proposalId),
  });
}

/**
 * What a decision sets off, in its transaction: the webhook deliveries of its
 * SUGGESTION_DECIDED (the caller publishes the event once it committed) and the author's
 * notification.
 */
async function announceDecision(
  tx: EntityManager,
  deps: NotifyDeps,
  viewer: Viewer,
  view: SuggestionView,
): Promise<Notice[]> {
  await enqueueWebhookDeliveries(tx, deps.jobs, {
    kind: 'SUGGESTION_DECIDED',
    proposalId: view.proposalId,
    actorId: viewer.user.id,
    suggestionId: view.id,
  });
  return tellAuthor(tx, deps, viewer, view);
}

const PAST: Record<Decision, string> = { ACCEPTED: 'accepted', REJECTED: 'rejected', WITHDRAWN: 'withdrawn' };

/** Checks who may take `decision` on a suggestion by `authorId`. */
function assertMayDecide(decision: Decision, authorId: string | null, userId: string): void {
  if (decision === 'ACCEPTED') assertNotOwnSuggestion(authorId, userId);
  if (decision === 'WITHDRAWN' && authorId !== userId)
    throw forbidden('Only the author of a suggestion can withdraw it.');
}

/**
 * Writes an accepted structured suggestion into the live brief, or throws CONFLICT when
 * the list item it changes is gone.
 */
async function applyField(live: LiveBriefs, suggestion: SuggestionView): Promise<void> {
  const target = suggestibleField(suggestion.section, suggestion.field ?? '');
  if ('problem' in target) throw conflict(`This suggestion no longer fits the brief: ${target.message}`);
  const { section, field } = target;
  await live.edit(suggestion.proposalId, (doc) => {
    const map =
      section.kind === 'map'
        ? doc.getMap<unknown>(section.key)
        : findListItem(doc, section.key, suggestion.itemId ?? '');
    if (!map)
      throw conflict(
        `The ${section.title.toLowerCase()} item this suggestion changes was deleted, so it cannot be accepted; reject or withdraw it.`,
        { suggestionId: suggestion.id },
      );
    writeFieldValue(map, field, suggestion.proposedValue);
  });
}

/** Decides a stored (structured) suggestion inside a transaction that locked its row. */
async function decideStored(
  tx: EntityManager,
  live: LiveBriefs,
  deps: NotifyDeps,
  viewer: Viewer,
  suggestion: SuggestionView,
  decision: Decision,
): Promise<SuggestionView> {
  if (suggestion.status !== 'OPEN')
    throw conflict(`This suggestion was already ${PAST[suggestion.status as Decision]}.`);
  assertMayDecide(decision, suggestion.authorId, viewer.user.id);
  if (decision === 'ACCEPTED') await applyField(live, suggestion);
  return markDecided(tx, deps, viewer, suggestion, decision);
}

async function markDecided(
  tx: EntityManager,
  deps: NotifyDeps,
  viewer: Viewer,
  suggestion: SuggestionView,
  decision: Decision,
): Promise<DecidedSuggestion> {
  const decidedAt = new Date();
  await tx.execute(`update "suggestions" set "status" = ?, "decided_by_id" = ?, "decided_at" = ? where "id" = ?`, [
    decision,
    viewer.user.id,
    decidedAt,
    suggestion.id,
  ]);
  const view = { ...suggestion, status: decision, decidedById: viewer.user.id, decidedAt };
  return { ...view, notices: await announceDecision(tx, deps, viewer, view) };
}

/** Records decided rich-text suggestions (their marks are already settled in the live brief). */
async function recordText(
  tx: EntityManager,
  deps: NotifyDeps,
  viewer: Viewer,
  proposalId: string,
  settled: TextSuggestion[],
  decision: Decision,
): Promise<SuggestionView[]> {
  const decidedAt = new Date();
  const views: DecidedSuggestion[] = settled.map((text) => ({
    ...viewOfText(proposalId, text),
    status: decision,
    decidedById: viewer.user.id,
    decidedAt,
  }));
  for (const view of views)
    await tx.execute(
      `insert into "suggestions" ("id", "proposal_id", "kind", "section", "author_id", "summary", "status", "created_at", "decided_by_id", "decided_at")
       values (?, ?, 'TEXT', ?, (select "id" from "users" where "id" = ?), ?, ?, ?, ?, ?) on conflict ("id") do nothing`,
      [
        view.id,
        proposalId,
        view.section,
        view.authorId,
        view.summary,
        decision,
        view.createdAt,
        viewer.user.id,
        decidedAt,
      ],
    );
  for (const view of views) view.notices = await announceDecision(tx, deps, viewer, view);
  return views;
}

/**
 * Settles the rich-text suggestions `which` picks in the live brief, checking each
 * against `decision` first (nothing changes when one may not be decided by the viewer).
 */
function settleText(
  live: LiveBriefs,
  proposalId: string,
  which: (suggestion: TextSuggestion) => boolean,
  decision: Decision,
  viewer: Viewer,
): Promise<TextSuggestion[]> {
  return live.edit(proposalId, (doc) => {
    const picked = listTextSuggestions(doc).filter(
      (suggestion) => isId(suggestion.id) && suggestion.authorId !== null && which(suggestion),
    );
    for (const suggestion of picked) assertMayDecide(decision, suggestion.authorId, viewer.user.id);
    const ids = new Set(picked.map((suggestion) => suggestion.id));
    if (ids.size > 0) settleTextSuggestions(doc, (run) => ids.has(run.id), decision === 'ACCEPTED');
    return picked;
  });
}

/** The proposal whose live brief holds the rich-text suggestion `id`, among the viewer's. */
async function proposalOfText(em: EntityManager, live: LiveBriefs, viewer: Viewer, id: string): Promise<string | null> {
  const rows = await em.execute<{ proposal_id: string }[]>(
    `select "proposal_id" from "participants" where "user_id" = ?`,
    [viewer.user.id],
  );
  // Open documents first: a suggestion someone is deciding is usually in one.
  const ids = rows
    .map((row) => row.proposal_id)
    .sort((a, b) => Number(!live.loadedDocument(a)) - Number(!live.loadedDocument(b)));
  for (const proposalId of ids) {
    const found = await readBriefDoc(em, live, proposalId, (doc) =>
      listTextSuggestions(doc).some((suggestion) => suggestion.id === id),
    );
    if (found) return proposalId;
  }
  return null;
}

/**
 * Accepts, rejects or withdraws one suggestion. Accepting a structured suggestion writes
 * its value into the live brief; deciding a rich-text one settles its marks there
 * (accepting keeps inserted text and removes deleted text, rejecting the inverse). The
 * author cannot accept their own suggestion; only the author withdraws it.
 * `proposalId` is optional: it saves looking for a rich-text suggestion's brief.
 */
export async function decideSuggestion(
  em: EntityManager,
  live: LiveBriefs,
  deps: NotifyDeps,
  viewer: Viewer,
  id: string,
  decision: Decision,
  proposalId: string | null = null,
): Promise<SuggestionView> {
  if (!isId(id)) throw suggestionNotFound();
  return em.transactional(async (tx) => {
    const stored = await storedSuggestion(tx, proposalId, id, true);
    if (stored) {
      // Non-participants learn nothing of it, not even that it exists.
      await assertParticipant(tx, stored.proposalId, viewer.user.id).catch(() => {
        throw suggestionNotFound();
      });
      await assertCanSuggest(tx, stored.proposalId, viewer.user.id);
      if (stored.kind === 'TEXT') throw conflict(`This suggestion was already ${PAST[stored.status as Decision]}.`);
      return decideStored(tx, live, deps, viewer, stored, decision);
    }
    if (proposalId) {
      await assertParticipant(tx, proposalId, viewer.user.id).catch(() => {
        throw suggestionNotFound();
      });
    }
    const holder = proposalId ?? (await proposalOfText(tx, live, viewer, id));
    if (!holder) throw suggestionNotFound();
    await assertCanSuggest(tx, holder, viewer.user.id);
    const settled = await settleText(live, holder, (suggestion) => suggestion.id === id, decision, viewer);
    if (settled.length === 0) throw suggestionNotFound();
    const [view] = await recordText(tx, deps, viewer, holder, settled, decision);
    return view!;
  });
}

/**
 * Accepts or rejects every open suggestion of one author on a proposal at once: the
 * structured ones that still apply (those whose item was deleted stay open) and every
 * rich-text one. Returns the suggestions decided.
 */
export async function decideSuggestionsBy(
  em: EntityManager,
  live: LiveBriefs,
  deps: NotifyDeps,
  viewer: Viewer,
  proposalId: string,
  authorId: string,
  decision: 'ACCEPTED' | 'REJECTED',
): Promise<SuggestionView[]> {
  await assertCanSuggest(em, proposalId, viewer.user.id);
  if (decision === 'ACCEPTED') assertNotOwnSuggestion(authorId, viewer.user.id);
  if (!isId(authorId)) return [];
  const decided: SuggestionView[] = [];
  const rows = await em.execute<{ id: string }[]>(
    `select "id" from "suggestions" where "proposal_id" = ? and "author_id" = ? and "status" = 'OPEN' order by "created_at", "id"`,
    [proposalId, authorId],
  );
  for (const row of rows) {
    try {
      decided.push(await decideSuggestion(em, live, deps, viewer, row.id, decision, proposalId));
    } catch (error) {
      // Decided meanwhile, or its item is gone: it stays as it is, the others go on.
      if (!(error instanceof DomainError && error.code === 'CONFLICT')) throw error;
    }
  }
  const open = await openTextSuggestions(em, live, proposalId);
  if (open.some((suggestion) => suggestion.authorId === authorId)) {
    decided.push(
      ...(await em.transactional(async (tx) => {
        const settled = await settleText(
          live,
          proposalId,
          (suggestion) => suggestion.authorId === authorId,
          decision,
          viewer,
        );
        return recordText(tx, deps, viewer, proposalId, settled, decision);
      })),
    );
  }
  return decided;
}
