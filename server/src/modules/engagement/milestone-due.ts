import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '../../logger.js';
import type { ProposalEvents } from '../events/proposal-events.js';
import { engagementLink, notify, quoted, type Notice, type NotifyDeps } from '../notifications/notify.js';
import { addDays, daysBetween, utcDay } from './due-dates.js';

/**
 * The two notices a milestone's due date brings: `soon` MILESTONE_DUE_SOON_DAYS ahead,
 * `due` on the day itself (or at the first sweep after it, once overdue).
 */
export type DueStage = 'soon' | 'due';

/** The states in which a milestone still has a due date to meet (those of tracked_milestones_due_index). */
const OPEN_STATES = `('PLANNED', 'IN_PROGRESS', 'SUBMITTED', 'CHANGES_REQUESTED')`;

/** The column that records a stage was announced: set once, by the one sweep that claims it. */
const NOTIFIED_AT: Record<DueStage, string> = { soon: 'due_soon_notified_at', due: 'due_notified_at' };

/** At most this many milestones per stage in one sweep; the next sweep takes the rest. */
const SWEEP_BATCH = 500;

/**
 * Which milestones (as `m`) a stage is owed on `today`. A milestone already due is owed
 * only the due notice, never both at once; one announced as due is owed nothing more.
 */
function owed(stage: DueStage, today: string, soonDays: number): { sql: string; params: string[] } {
  const open = `m."state" in ${OPEN_STATES} and m."due_date" is not null and m."due_notified_at" is null`;
  if (stage === 'due') return { sql: `${open} and m."due_date" <= ?::date`, params: [today] };
  return {
    sql: `${open} and m."due_soon_notified_at" is null and m."due_date" > ?::date and m."due_date" <= ?::date`,
    params: [today, addDays(today, soonDays)],
  };
}

/** The sentence every party reads, as of `today`: how far off the due date is, or that it passed. */
export function dueText(milestone: string, proposal: string, dueDate: string, today: string): string {
  const subject = `Milestone ${quoted(milestone)} of ${quoted(proposal)}`;
  const days = daysBetween(today, dueDate);
  if (days > 1) return `${subject} is due in ${days} days, on ${dueDate}`;
  if (days === 1) return `${subject} is due tomorrow, on ${dueDate}`;
  if (days === 0) return `${subject} is due today`;
  return `${subject} is overdue: it was due on ${dueDate}`;
}

/**
 * Announces due dates on the reach's clock (today is its UTC day): every open milestone of
 * an engagement not closed is announced to its clients and freelancers once when its due
 * date is MILESTONE_DUE_SOON_DAYS away or nearer, and once when it has come. Each notice
 * is claimed by setting its `*_notified_at` column only where it is still null, in the
 * transaction that writes the notifications and queues the e-mails, under the proposal's
 * row lock that milestone steps and closing take: sweeps of several instances at once
 * send each notice once, and a milestone accepted or an engagement closed meanwhile is
 * not announced. Returns how many milestones were announced.
 */
export async function sweepMilestoneDue(
  orm: MikroORM,
  deps: NotifyDeps & { events: ProposalEvents; log: Logger },
): Promise<number> {
  const today = utcDay(deps.reach.now());
  const soonDays = deps.reach.milestoneDueSoonDays;
  const em = orm.em.fork();
  let sent = 0;
  // The due stage first: a milestone that has come due since is past its soon window anyway.
  const stages: DueStage[] = soonDays > 0 ? ['due', 'soon'] : ['due'];
  for (const stage of stages) {
    const where = owed(stage, today, soonDays);
    const candidates = await em.execute<{ id: string; proposal_id: string }[]>(
      `select m."id", m."proposal_id" from "tracked_milestones" m
         join "proposals" p on p."id" = m."proposal_id"
        where ${where.sql} and p."closed_at" is null
        order by m."due_date", m."id"
        limit ${SWEEP_BATCH}`,
      where.params,
    );
    for (const candidate of candidates) {
      const notices = await em.fork().transactional((tx) => announce(tx, deps, stage, candidate, today, soonDays));
      if (notices.length > 0) sent += 1;
      deps.events.notified(notices);
    }
  }
  if (sent > 0) deps.log.info({ sent }, 'milestone due dates announced');
  return sent;
}

/** Claims one stage of one milestone and notifies its parties; nothing when another sweep (or a change) came first. */
async function announce(
  tx: EntityManager,
  deps: NotifyDeps,
  stage: DueStage,
  candidate: { id: string; proposal_id: string },
  today: string,
  soonDays: number,
): Promise<Notice[]> {
  const [proposal] = await tx.execute<{ title: string }[]>(
    `select "title" from "proposals" where "id" = ? and "closed_at" is null for share`,
    [candidate.proposal_id],
  );
  if (!proposal) return [];
  const where = owed(stage, today, soonDays);
  // A second sweep waits here on the row the first one claimed, then finds the column set.
  const [claimed] = await tx.execute<{ title: string; due_date: string }[]>(
    `update "tracked_milestones" m set "${NOTIFIED_AT[stage]}" = ?
      where m."id" = ? and ${where.sql}
      returning m."title", to_char(m."due_date", 'YYYY-MM-DD') as "due_date"`,
    [deps.reach.now(), candidate.id, ...where.params],
  );
  if (!claimed) return [];
  const parties = await tx.execute<{ user_id: string }[]>(
    `select "user_id" from "participants"
      where "proposal_id" = ? and "role" in ('CLIENT', 'FREELANCER') and "user_id" is not null`,
    [candidate.proposal_id],
  );
  return notify(tx, deps, {
    kind: 'MILESTONE_DUE',
    proposalId: candidate.proposal_id,
    actorId: null,
    recipientIds: parties.map((row) => row.user_id),
    text: dueText(claimed.title, proposal.title, claimed.due_date, today),
    link: engagementLink(candidate.proposal_id),
  });
}
