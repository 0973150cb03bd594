import type { EntityManager } from '@mikro-orm/postgresql';
import { NOTIFICATION_KINDS, type NotificationKind } from '@brieflock/schema';
import { findAccountToken, tokenRefused } from '../accounts/account-tokens.js';
import { User } from '../accounts/user.entity.js';
import type { Reach } from '../mail/reach.js';
import { lockPreferences, preferencesOf, updatePreferences, type KindChannel } from './preferences.js';

/** What an unsubscribe link stops: the e-mails of one notification kind, or the digest. */
export type UnsubscribeScope = NotificationKind | 'digest';

/** The e-mails each scope stops, as the end of "You will no longer get …". */
const STOPS: Record<UnsubscribeScope, string> = {
  INVITED: 'e-mails about invitations to proposals',
  MENTIONED: 'e-mails about mentions',
  REPLIED: 'e-mails about replies to your comments',
  SUGGESTION_DECIDED: 'e-mails about decisions on your suggestions',
  SIGNATURE_REQUESTED: 'e-mails asking for your signature',
  VERSION_EXECUTED: 'e-mails about contract versions signed by everyone',
  SIGNER_DECLINED: 'e-mails about signers declining a version',
  MILESTONE_SUBMITTED: 'e-mails about submitted milestones',
  MILESTONE_DECIDED: 'e-mails about milestones accepted or sent back',
  MILESTONE_DUE: 'e-mails about milestones falling due',
  ENGAGEMENT_CLOSED: 'e-mails about engagements being closed',
  REVIEW_WRITTEN: 'e-mails about reviews of your work',
  REVIEW_ANSWERED: 'e-mails about answers to your reviews',
  WEBHOOK_DISABLED: 'e-mails about your webhooks being turned off',
  digest: 'the e-mail digest',
};

const isScope = (value: string | null): value is UnsubscribeScope =>
  value === 'digest' || NOTIFICATION_KINDS.includes(value as NotificationKind);

/** What an unsubscribe link would stop, for the page that asks before acting. */
export interface UnsubscribeLinkView {
  scope: UnsubscribeScope;
  description: string;
  /** The recipient's address with most of its local part hidden: whose e-mail stops, not who it is. */
  maskedEmail: string;
  /** Whether following the link would change nothing: those e-mails are stopped already. */
  alreadyStopped: boolean;
}

/** What following an unsubscribe link did. */
export interface UnsubscribeOutcome {
  scope: UnsubscribeScope;
  description: string;
  /** The kinds that were moved to APP_ONLY just now (none when they were there already). */
  stopped: NotificationKind[];
}

/** `ada@example.test` → `a••@example.test`: enough to recognise one's own address. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '•••';
  const local = email.slice(0, at);
  return `${local.charAt(0)}${'•'.repeat(Math.min(Math.max(local.length - 1, 2), 8))}${email.slice(at)}`;
}

/**
 * An unsubscribe link is not spent by use: following it again (a person clicking twice, a
 * mail client's one-click POST after the page's button) just finds the e-mails stopped. So
 * it is looked up, never consumed: `usedAt` stays null, and `used` keeps meaning voided
 * (`voidAccountTokens` can still withdraw such links). Refused as any link is: unknown,
 * expired, or of another purpose (a verification or reset token is `unknown` here).
 */
async function findUnsubscribeToken(em: EntityManager, reach: Reach, token: string) {
  const found = await findAccountToken(em, token, 'unsubscribe', reach.now());
  if (!isScope(found.scope)) throw tokenRefused('unknown');
  return { userId: found.user.id, scope: found.scope };
}

/** The channel changes that stop `scope` for someone whose channels are `channels`. */
function stopping(scope: UnsubscribeScope, channels: KindChannel[]): KindChannel[] {
  const stops =
    scope === 'digest'
      ? channels.filter((entry) => entry.channel === 'DIGEST')
      : channels.filter((entry) => entry.kind === scope && entry.channel !== 'APP_ONLY');
  return stops.map(({ kind }) => ({ kind, channel: 'APP_ONLY' }));
}

/** Says what an unsubscribe link stops and for whom, without changing anything. */
export async function describeUnsubscribeLink(
  em: EntityManager,
  reach: Reach,
  token: string,
): Promise<UnsubscribeLinkView> {
  const { userId, scope } = await findUnsubscribeToken(em, reach, token);
  const user = await em.findOneOrFail(User, userId);
  const changes = stopping(scope, await preferencesOf(em, userId));
  return { scope, description: STOPS[scope], maskedEmail: maskEmail(user.email), alreadyStopped: changes.length === 0 };
}

/**
 * Follows an unsubscribe link: the token's owner, and nobody else, stops getting e-mail of
 * its scope. A kind goes to APP_ONLY; `digest` moves every kind now in the digest to
 * APP_ONLY and leaves the kinds e-mailed at once as they are. Idempotent.
 */
export async function unsubscribe(em: EntityManager, reach: Reach, token: string): Promise<UnsubscribeOutcome> {
  return em.transactional(async (tx) => {
    const { userId, scope } = await findUnsubscribeToken(tx, reach, token);
    await lockPreferences(tx, userId);
    const changes = stopping(scope, await preferencesOf(tx, userId));
    await updatePreferences(tx, userId, changes);
    return { scope, description: STOPS[scope], stopped: changes.map((change) => change.kind) };
  });
}
