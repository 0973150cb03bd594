import type { EntityManager } from '@mikro-orm/postgresql';
import { NOTIFICATION_KINDS, type NotificationKind } from '@brieflock/schema';
import { badInput } from '../../errors.js';

/** What the e-mail jobs do with a notification of a kind. */
export type EmailChannel = 'immediate' | 'digest' | 'none';

/**
 * Where a notification of one kind reaches its recipient, beyond the in-app inbox, which
 * always holds it: an e-mail at once, a line in the periodic e-mail digest, or nothing more.
 */
export type NotificationChannel = 'EMAIL_NOW' | 'DIGEST' | 'APP_ONLY';
export const NOTIFICATION_CHANNELS: readonly NotificationChannel[] = ['EMAIL_NOW', 'DIGEST', 'APP_ONLY'];

const EMAIL_CHANNEL: Record<NotificationChannel, EmailChannel> = {
  EMAIL_NOW: 'immediate',
  DIGEST: 'digest',
  APP_ONLY: 'none',
};
const CHANNEL_OF: Record<EmailChannel, NotificationChannel> = {
  immediate: 'EMAIL_NOW',
  digest: 'DIGEST',
  none: 'APP_ONLY',
};

/**
 * What comes by e-mail unless a person chose otherwise: what waits on them at once, the
 * rest in the digest. An invitation's own e-mail carries its link, so its in-app notice
 * is not e-mailed again.
 */
export const DEFAULT_CHANNELS: Record<NotificationKind, EmailChannel> = {
  INVITED: 'none',
  MENTIONED: 'immediate',
  SIGNATURE_REQUESTED: 'immediate',
  VERSION_EXECUTED: 'immediate',
  SIGNER_DECLINED: 'immediate',
  REPLIED: 'digest',
  SUGGESTION_DECIDED: 'digest',
  MILESTONE_SUBMITTED: 'immediate',
  MILESTONE_DECIDED: 'immediate',
  MILESTONE_DUE: 'digest',
  ENGAGEMENT_CLOSED: 'immediate',
  REVIEW_WRITTEN: 'immediate',
  REVIEW_ANSWERED: 'immediate',
  // Nothing reaches the endpoint until its owner fixes it and turns it back on.
  WEBHOOK_DISABLED: 'immediate',
};

/** The channel of a kind nobody chose one for. */
export const defaultChannel = (kind: NotificationKind): NotificationChannel => CHANNEL_OF[DEFAULT_CHANNELS[kind]];

/** One kind's channel. */
export interface KindChannel {
  kind: NotificationKind;
  channel: NotificationChannel;
}

/** Every kind's channel for `userId`, in the order of NOTIFICATION_KINDS: chosen or default. */
export async function preferencesOf(em: EntityManager, userId: string): Promise<KindChannel[]> {
  const rows = await em.execute<{ kind: NotificationKind; channel: NotificationChannel }[]>(
    'select kind, channel from notification_preferences where user_id = ?',
    [userId],
  );
  const chosen = new Map(rows.map((row) => [row.kind, row.channel]));
  return NOTIFICATION_KINDS.map((kind) => ({ kind, channel: chosen.get(kind) ?? defaultChannel(kind) }));
}

/**
 * Sets the channels named in `changes` (each kind at most once); kinds not named keep
 * theirs. Returns every kind's channel afterwards. Inside a caller's transaction, the
 * write is part of it.
 */
export async function updatePreferences(
  em: EntityManager,
  userId: string,
  changes: readonly KindChannel[],
): Promise<KindChannel[]> {
  const seen = new Set<NotificationKind>();
  for (const { kind, channel } of changes) {
    if (!NOTIFICATION_KINDS.includes(kind)) throw badInput('channels', `Unknown notification kind ${kind}.`);
    if (!NOTIFICATION_CHANNELS.includes(channel)) throw badInput('channels', `Unknown channel ${channel}.`);
    if (seen.has(kind)) throw badInput('channels', `${kind} is named more than once.`);
    seen.add(kind);
  }
  return em.transactional(async (tx) => {
    await lockPreferences(tx, userId);
    if (changes.length > 0) {
      await tx.execute(
        `insert into notification_preferences (user_id, kind, channel)
         values ${changes.map(() => '(?, ?, ?)').join(', ')}
         on conflict (user_id, kind) do update set channel = excluded.channel`,
        changes.flatMap(({ kind, channel }) => [userId, kind, channel]),
        'run',
      );
    }
    return preferencesOf(tx, userId);
  });
}

/**
 * Holds `userId`'s preferences until the end of `tx`: a change that reads them before
 * writing (an unsubscribe link moving whatever is in the digest) takes it before reading,
 * and every write takes it, so a save made meanwhile on the profile page is never
 * overwritten with what was read before it.
 */
export async function lockPreferences(tx: EntityManager, userId: string): Promise<void> {
  await tx.execute(`select pg_advisory_xact_lock(hashtextextended('notification_preferences:' || ?, 0))`, [userId]);
}

/** How each of `userIds` takes notifications of `kind` by e-mail: one query for all of them. */
export async function emailChannels(
  em: EntityManager,
  userIds: string[],
  kind: NotificationKind,
): Promise<Map<string, EmailChannel>> {
  const channels = new Map(userIds.map((id) => [id, DEFAULT_CHANNELS[kind]]));
  if (userIds.length === 0) return channels;
  const rows = await em.execute<{ user_id: string; channel: NotificationChannel }[]>(
    'select user_id, channel from notification_preferences where user_id = any(?::uuid[]) and kind = ?',
    [`{${userIds.join(',')}}`, kind],
  );
  for (const row of rows) channels.set(row.user_id, EMAIL_CHANNEL[row.channel]);
  return channels;
}

/**
 * How a notification of `kind` for `userId` should go out by e-mail: at once, in the
 * digest, or not at all. E-mail jobs call it just before sending.
 */
export async function emailChannelFor(
  em: EntityManager,
  userId: string,
  kind: NotificationKind,
): Promise<EmailChannel> {
  return (await emailChannels(em, [userId], kind)).get(userId) ?? DEFAULT_CHANNELS[kind];
}
