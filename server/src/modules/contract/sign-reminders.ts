import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { conflict, forbidden } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { ProposalEvents } from '../events/proposal-events.js';
import { notify, quoted, versionLink, type Notice, type NotifyDeps } from '../notifications/notify.js';
import { versionProposalFor } from './contract.policy.js';

/** A client reminds one signer by hand at most this often. */
export const MANUAL_REMINDER_INTERVAL_MS = 3_600_000;

const DAY_MS = 86_400_000;

/**
 * When a pending signer's next scheduled reminder goes out: the first day of
 * SIGN_REMINDER_DAYS after the last one sent, counted from the freeze; null when all
 * have gone out.
 */
export function nextReminderAt(frozenAt: Date, days: number[], lastOrdinal: number | null): Date | null {
  const next = lastOrdinal === null ? 0 : lastOrdinal + 1;
  const day = days[next];
  return day === undefined ? null : new Date(new Date(frozenAt).getTime() + day * DAY_MS);
}

interface PendingSigner {
  version_id: string;
  proposal_id: string;
  number: number;
  frozen_at: Date;
  title: string;
  user_id: string;
  last_ordinal: number | null;
}

/** Pending signers (whose turn it is) of versions awaiting signatures, with the last scheduled reminder each was sent. */
const PENDING_SIGNERS = `
  select v."id" as "version_id", v."proposal_id", v."number", v."frozen_at", p."title", vs."user_id",
         (select max(r."ordinal") from "sign_reminders" r
           where r."version_id" = v."id" and r."user_id" = vs."user_id") as "last_ordinal"
    from "contract_versions" v
    join "proposals" p on p."id" = v."proposal_id"
    join "version_signers" vs on vs."version_id" = v."id"
   where v."status" = 'AWAITING_SIGNATURES'
     and not exists (select 1 from "signatures" s where s."version_id" = v."id" and s."signer_id" = vs."user_id")
     -- With a signing order, only the group whose turn it is.
     and (vs."signing_group" is null or vs."signing_group" = (
       select min(g."signing_group") from "version_signers" g
        where g."version_id" = v."id"
          and not exists (select 1 from "signatures" s where s."version_id" = g."version_id" and s."signer_id" = g."user_id")))`;

/**
 * The pending signers whose next scheduled reminder is due by `$2` (SIGN_REMINDER_DAYS
 * as `$1`, ascending): those sent every reminder, or not due yet, stay in the database.
 */
const DUE_SIGNERS = `
  select * from (${PENDING_SIGNERS}) pending
   where pending."frozen_at" + make_interval(days => (?::int[])[coalesce(pending."last_ordinal", -1) + 2]) <= ?`;

const reminderText = (signer: Pick<PendingSigner, 'number' | 'title'>) =>
  `Reminder: version ${signer.number} of ${quoted(signer.title)} waits for your signature`;

/**
 * Sends every scheduled reminder that is due on the reach's clock: for each pending
 * signer, the latest day of SIGN_REMINDER_DAYS that has passed and was not sent yet (a
 * signer is never sent several at once after an outage). A reminder is a row unique per
 * signer and day, written with its notification and e-mail in one transaction, so
 * instances sweeping at the same time never send one twice. A signature or a newer
 * version stops them: only pending signers of versions awaiting signatures are read.
 */
export async function sweepSignReminders(
  orm: MikroORM,
  deps: NotifyDeps & { events: ProposalEvents; log: Logger },
): Promise<number> {
  const days = deps.reach.signReminderDays;
  const now = deps.reach.now();
  const em = orm.em.fork();
  // An array literal: the driver would spread a JS array into a list of parameters.
  const pending = await em.execute<PendingSigner[]>(DUE_SIGNERS, [`{${days.join(',')}}`, now]);
  let sent = 0;
  for (const signer of pending) {
    let due: number | null = null;
    // Raw rows may carry timestamps as text.
    const frozenAt = new Date(signer.frozen_at).getTime();
    for (let i = (signer.last_ordinal ?? -1) + 1; i < days.length; i += 1)
      if (frozenAt + days[i]! * DAY_MS <= now.getTime()) due = i;
    if (due === null) continue;
    const ordinal = due;
    const notices = await em.fork().transactional(async (tx) => {
      // Still pending, still awaiting: the version row is locked as a signature locks it.
      const [still] = await tx.execute<{ id: string }[]>(
        `select v."id" from "contract_versions" v
          where v."id" = ? and v."status" = 'AWAITING_SIGNATURES'
            and not exists (select 1 from "signatures" s where s."version_id" = v."id" and s."signer_id" = ?)
          for update`,
        [signer.version_id, signer.user_id],
      );
      if (!still) return [];
      const inserted = await tx.execute<{ id: string }[]>(
        `insert into "sign_reminders" ("id", "version_id", "user_id", "ordinal", "sent_at")
         values (gen_random_uuid(), ?, ?, ?, ?) on conflict do nothing returning "id"`,
        [signer.version_id, signer.user_id, ordinal, now],
      );
      if (inserted.length === 0) return [];
      return remind(tx, deps, signer, null);
    });
    if (notices.length > 0) sent += 1;
    deps.events.notified(notices);
  }
  if (sent > 0) deps.log.info({ sent }, 'signature reminders sent');
  return sent;
}

function remind(
  tx: EntityManager,
  deps: NotifyDeps,
  signer: Pick<PendingSigner, 'proposal_id' | 'version_id' | 'number' | 'title' | 'user_id'>,
  actorId: string | null,
): Promise<Notice[]> {
  return notify(tx, deps, {
    kind: 'SIGNATURE_REQUESTED',
    proposalId: signer.proposal_id,
    actorId,
    recipientIds: [signer.user_id],
    text: reminderText(signer),
    link: versionLink(signer.proposal_id, signer.version_id),
  });
}

/**
 * A client reminds the pending signers of a version now (never themselves). Each signer
 * is reminded at most once an hour by hand, whoever asks; returns how many were reminded.
 */
export async function remindSigners(
  em: EntityManager,
  deps: NotifyDeps,
  viewerId: string,
  versionId: string,
): Promise<{ reminded: number; notices: Notice[] }> {
  return em.transactional(async (tx) => {
    const { role } = await versionProposalFor(tx, versionId, viewerId);
    if (role !== 'CLIENT') throw forbidden('Only the clients of a proposal remind its signers.');
    const [version] = await tx.execute<{ status: string }[]>(
      `select "status" from "contract_versions" where "id" = ? for update`,
      [versionId],
    );
    if (version?.status !== 'AWAITING_SIGNATURES')
      throw conflict('This version no longer awaits signatures: there is no one to remind.');
    const now = deps.reach.now();
    const signers = (await tx.execute<PendingSigner[]>(`${PENDING_SIGNERS} and v."id" = ?`, [versionId])).filter(
      (signer) => signer.user_id !== viewerId,
    );
    const notices: Notice[] = [];
    let reminded = 0;
    for (const signer of signers) {
      const [recent] = await tx.execute<{ n: number }[]>(
        `select count(*)::int as "n" from "sign_reminders"
          where "version_id" = ? and "user_id" = ? and "ordinal" is null and "sent_at" > ?`,
        [versionId, signer.user_id, new Date(now.getTime() - MANUAL_REMINDER_INTERVAL_MS)],
      );
      if ((recent?.n ?? 0) > 0) continue;
      await tx.execute(
        `insert into "sign_reminders" ("id", "version_id", "user_id", "ordinal", "sent_by_id", "sent_at")
         values (gen_random_uuid(), ?, ?, null, ?, ?)`,
        [versionId, signer.user_id, viewerId, now],
      );
      notices.push(...(await remind(tx, deps, signer, viewerId)));
      reminded += 1;
    }
    return { reminded, notices };
  });
}
