import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { type ListItem, type MilestoneState, TRIAL_MILESTONE_ITEM_ID } from '@brieflock/schema';
import { appendAudit } from '../contract/audit.js';
import type { ServerKeys } from '../trust/server-keys.js';
import { type MilestoneTerms, trialTermsOf, unscoredTrialOf } from './trial-milestone.js';
import { versionContent } from '../contract/contract-in-force.js';
import { utcDay } from './due-dates.js';

interface TrackedRow {
  id: string;
  item_id: string;
  state: MilestoneState;
  created_on: string;
}

const text = (value: ListItem[string] | undefined): string => (value == null ? '' : String(value));

/** A milestone item's terms as signed. */
const milestoneTermsOf = (item: ListItem): MilestoneTerms => ({
  title: text(item.title),
  dueDate: typeof item.dueDate === 'string' && item.dueDate !== '' ? item.dueDate : null,
  acceptanceCriteria: text(item.acceptanceCriteria),
  payment: text(item.payment),
  revisionRounds: typeof item.revisionRounds === 'number' ? Math.max(0, item.revisionRounds) : 0,
});

/**
 * Carries the milestones of a version that was just executed into `tracked_milestones`,
 * by milestone item id, in the signing transaction (the caller holds the proposal row
 * lock): a new item starts PLANNED with the signed terms; a tracked one takes the new
 * version's terms and keeps its state (an accepted milestone stays accepted); one the
 * version no longer has, unless accepted, is closed as REMOVED. Items without an id are
 * not tracked. A trial in the validation that is not scored yet runs first, as milestone
 * 0 (item id `trial`); once a version records its score, or drops it, it is no longer
 * signed and closes like any other. Each change appends an audit row. A due date the new
 * version moves is owed its due-soon and due notices again (see milestone-due.ts).
 */
export async function trackExecutedVersion(
  tx: EntityManager,
  keys: ServerKeys,
  proposalId: string,
  versionId: string,
  at: Date,
): Promise<void> {
  const content = await versionContent(tx, versionId);
  if (!content) return;
  const tracked = await tx.execute<TrackedRow[]>(
    `select "id", "item_id", "state", ("created_at" at time zone 'UTC')::date::text as "created_on" from "tracked_milestones" where "proposal_id" = ?`,
    [proposalId],
  );
  const byItem = new Map(tracked.map((row) => [row.item_id, row]));
  const signed: { itemId: string; isTrial: boolean; terms: MilestoneTerms }[] = [];
  const trial = unscoredTrialOf(content);
  if (trial) {
    const startedOn = byItem.get(TRIAL_MILESTONE_ITEM_ID)?.created_on ?? utcDay(at);
    signed.push({ itemId: TRIAL_MILESTONE_ITEM_ID, isTrial: true, terms: trialTermsOf(trial, startedOn) });
  }
  // The trial's item id is reserved: a milestone item cannot take over its record.
  for (const item of content.milestones ?? [])
    if (item.id !== null && item.id !== TRIAL_MILESTONE_ITEM_ID)
      signed.push({ itemId: item.id, isTrial: false, terms: milestoneTermsOf(item) });
  const signedIds = new Set(signed.map((item) => item.itemId));

  for (const [position, { itemId, isTrial, terms }] of signed.entries()) {
    const { title, dueDate, acceptanceCriteria, payment, revisionRounds } = terms;
    const values = [versionId, position, title, dueDate, acceptanceCriteria, payment, revisionRounds, isTrial];
    const existing = byItem.get(itemId);
    let milestoneId: string;
    if (existing) {
      milestoneId = existing.id;
      // A milestone the previous version removed comes back PLANNED when signed again. A
      // moved due date is announced afresh: both notices are owed again (the right-hand
      // sides read the row as it was, so "due_date" there is the old date).
      await tx.execute(
        `update "tracked_milestones" set "version_id" = ?, "position" = ?, "title" = ?, "due_date" = ?, "acceptance_criteria" = ?, "payment" = ?, "revision_rounds" = ?, "is_trial" = ?,
                "state" = case when "state" = 'REMOVED' then 'PLANNED'::milestone_state else "state" end,
                "removed_at" = null,
                "due_soon_notified_at" = case when "due_date" is distinct from ?::date then null else "due_soon_notified_at" end,
                "due_notified_at" = case when "due_date" is distinct from ?::date then null else "due_notified_at" end
          where "id" = ?`,
        [...values, dueDate, dueDate, milestoneId],
      );
    } else {
      milestoneId = randomUUID();
      await tx.execute(
        `insert into "tracked_milestones" ("id", "proposal_id", "item_id", "version_id", "position", "title", "due_date", "acceptance_criteria", "payment", "revision_rounds", "is_trial", "state", "created_at")
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'PLANNED', ?)`,
        [milestoneId, proposalId, itemId, ...values, at],
      );
    }
    await appendAudit(tx, keys, {
      proposalId,
      kind: 'MILESTONE_TRACKED',
      actorId: null,
      versionId,
      data: { milestoneId, itemId, revisionRounds, dueDate, ...(isTrial ? { isTrial, payment } : {}) },
      at,
    });
  }

  for (const row of tracked) {
    if (signedIds.has(row.item_id) || row.state === 'ACCEPTED' || row.state === 'REMOVED') continue;
    await tx.execute(`update "tracked_milestones" set "state" = 'REMOVED', "removed_at" = ? where "id" = ?`, [
      at,
      row.id,
    ]);
    await appendAudit(tx, keys, {
      proposalId,
      kind: 'MILESTONE_REMOVED',
      actorId: null,
      versionId,
      data: { milestoneId: row.id, itemId: row.item_id },
      at,
    });
  }
}
