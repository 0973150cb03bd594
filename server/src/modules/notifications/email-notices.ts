import type { EntityManager } from '@mikro-orm/postgresql';
import type { NotificationKind } from '@brieflock/schema';
import type { JobQueue } from '../../jobs/queue.js';
import { issueAccountToken } from '../accounts/account-tokens.js';
import { queueEmail } from '../mail/outbox.js';
import { absoluteLink, type Reach } from '../mail/reach.js';
import { emailChannelFor, emailChannels } from './preferences.js';

/** The queue of digest e-mails: at most one waiting per person (the key), so notices gather. */
export const DIGEST_QUEUE = 'digest';

export interface NotifyDeps {
  jobs: JobQueue;
  reach: Reach;
}

interface Recipient {
  id: string;
  email: string;
  name: string;
}

/** A link that turns off e-mail of `scope` (a kind, or `digest`) for one person, without signing in. */
async function unsubscribeLink(tx: EntityManager, deps: NotifyDeps, userId: string, scope: string): Promise<string> {
  const token = await issueAccountToken(tx, { userId, purpose: 'unsubscribe', scope, now: deps.reach.now() });
  return absoluteLink(deps.reach, `/unsubscribe?token=${encodeURIComponent(token)}`);
}

/**
 * E-mails what notifications were just written, in the same transaction, as each
 * recipient prefers: at once (what waits on them), gathered into a digest, or not at all.
 * Only proven addresses receive e-mail: an address merely claimed at sign-up may belong
 * to someone else. The e-mail says what the in-app notification says and links to it.
 */
export async function emailNotices(
  tx: EntityManager,
  deps: NotifyDeps,
  notices: { id: string; userId: string }[],
  notice: { kind: NotificationKind; text: string; link: string },
): Promise<void> {
  if (notices.length === 0) return;
  const recipients = await tx.execute<Recipient[]>(
    `select "id", "email", "name" from "users" where "id" = any(?::uuid[]) and "email_verified_at" is not null`,
    [`{${notices.map((row) => row.userId).join(',')}}`],
  );
  if (recipients.length === 0) return;
  const channels = await emailChannels(
    tx,
    recipients.map((user) => user.id),
    notice.kind,
  );
  const byUser = new Map(notices.map((row) => [row.userId, row.id]));
  const now = deps.reach.now();
  for (const user of recipients) {
    const channel = channels.get(user.id) ?? 'none';
    const notificationId = byUser.get(user.id)!;
    if (channel === 'immediate') {
      await queueEmail(tx, deps.jobs, {
        kind: 'notification',
        ref: notificationId,
        to: { userId: user.id, address: user.email, name: user.name },
        subject: notice.text,
        name: user.name,
        paragraphs: [`${notice.text}.`],
        action: { label: 'Open in Brieflock', url: absoluteLink(deps.reach, notice.link) },
        notes: [
          `You get this e-mail because it waits on you. Choose what comes by e-mail on your profile: ${absoluteLink(deps.reach, '/profile')}`,
        ],
        unsubscribeUrl: await unsubscribeLink(tx, deps, user.id, notice.kind),
      });
      await tx.execute(`update "notifications" set "emailed_at" = ? where "id" = ?`, [now, notificationId]);
    } else if (channel === 'digest') {
      await deps.jobs.send(
        tx,
        DIGEST_QUEUE,
        { userId: user.id },
        { singletonKey: user.id, startAfter: new Date(Date.now() + deps.reach.digestMs) },
      );
    }
  }
}

/** At most this many notifications are listed in one digest; the rest are counted. */
const DIGEST_LISTED = 20;

/**
 * Sends one person the digest of their notifications that are neither read nor e-mailed
 * yet, that they take by digest, and that concern proposals they still take part in.
 * Nothing to say: nothing is sent.
 */
export async function sendDigest(em: EntityManager, deps: NotifyDeps, userId: string): Promise<void> {
  await em.transactional(async (tx) => {
    const [user] = await tx.execute<Recipient[]>(
      `select "id", "email", "name" from "users" where "id" = ? and "email_verified_at" is not null`,
      [userId],
    );
    if (!user) return;
    const pending = await tx.execute<{ id: string; kind: NotificationKind; text: string; link: string }[]>(
      // What happened on a proposal the reader has left since is not theirs to read any
      // more (an invitation is read before joining, so it stays).
      `select n."id", n."kind", n."text", n."link" from "notifications" n
        where n."user_id" = ? and n."emailed_at" is null and n."read_at" is null
          and (n."proposal_id" is null or n."kind" = 'INVITED'
               or exists (select 1 from "participants" p where p."proposal_id" = n."proposal_id" and p."user_id" = n."user_id"))
        order by n."created_at" asc, n."id" asc
        for update of n skip locked`,
      [userId],
    );
    const kinds = [...new Set(pending.map((row) => row.kind))];
    const wanted = new Set<string>();
    for (const kind of kinds) if ((await emailChannelFor(tx, userId, kind)) === 'digest') wanted.add(kind);
    const included = pending.filter((row) => wanted.has(row.kind));
    if (included.length === 0) return;
    const listed = included.slice(0, DIGEST_LISTED);
    const more = included.length - listed.length;
    await queueEmail(tx, deps.jobs, {
      kind: 'digest',
      to: { userId: user.id, address: user.email, name: user.name },
      subject:
        included.length === 1 ? `Brieflock: ${included[0]!.text}` : `Brieflock: ${included.length} updates for you`,
      name: user.name,
      paragraphs: [
        'Here is what happened in your proposals since the last e-mail:',
        ...listed.map((row) => `• ${row.text}: ${absoluteLink(deps.reach, row.link)}`),
        ...(more > 0 ? [`…and ${more} more in the app.`] : []),
      ],
      action: { label: 'Open Brieflock', url: absoluteLink(deps.reach, '/') },
      unsubscribeUrl: await unsubscribeLink(tx, deps, user.id, 'digest'),
    });
    await tx.execute(`update "notifications" set "emailed_at" = ? where "id" = any(?::uuid[])`, [
      deps.reach.now(),
      `{${included.map((row) => row.id).join(',')}}`,
    ]);
  });
}
