import type { EntityManager } from '@mikro-orm/postgresql';
import type { JobQueue } from '../../jobs/queue.js';
import { conflict, rateLimited } from '../../errors.js';
import { queueEmail } from '../mail/outbox.js';
import { absoluteLink, type Reach } from '../mail/reach.js';
import { consumeAccountToken, issueAccountToken, tokenRefused, voidAccountTokens } from './account-tokens.js';
import { AccountToken } from './account-token.entity.js';
import { proveAddress } from './addresses.js';
import { User } from './user.entity.js';

/** At most this many verification e-mails per account and hour. */
const VERIFICATION_EMAILS_PER_HOUR = 5;

/**
 * Queues an e-mail with a link that proves `user` holds its address, in the caller's
 * transaction. Earlier links stop working: only the newest one counts.
 */
export async function sendVerificationEmail(
  tx: EntityManager,
  deps: { jobs: JobQueue; reach: Reach },
  user: Pick<User, 'id' | 'email' | 'name'>,
): Promise<void> {
  const now = deps.reach.now();
  await voidAccountTokens(tx, user.id, 'verify-email', now);
  const token = await issueAccountToken(tx, { userId: user.id, purpose: 'verify-email', email: user.email, now });
  await queueEmail(tx, deps.jobs, {
    kind: 'verify-email',
    to: { userId: user.id, address: user.email, name: user.name },
    subject: 'Confirm your e-mail address for Brieflock',
    name: user.name,
    paragraphs: [
      `Confirm that ${user.email} is your address. Until you do, you can draft and comment, but not sign a contract.`,
    ],
    action: {
      label: 'Confirm my address',
      url: absoluteLink(deps.reach, `/verify-email?token=${encodeURIComponent(token)}`),
    },
    notes: ['The link works for 3 days. If you did not create a Brieflock account, ignore this e-mail.'],
  });
}

/** Sends the signed-in person a new verification link, unless the address is proven already. */
export async function resendVerificationEmail(
  em: EntityManager,
  deps: { jobs: JobQueue; reach: Reach },
  userId: string,
): Promise<void> {
  await em.transactional(async (tx) => {
    const user = await tx.findOneOrFail(User, userId);
    if (user.emailVerifiedAt) throw conflict('Your e-mail address is confirmed already.');
    const since = new Date(deps.reach.now().getTime() - 3_600_000);
    const recent = await tx.count(AccountToken, { user: userId, purpose: 'verify-email', createdAt: { $gt: since } });
    if (recent >= VERIFICATION_EMAILS_PER_HOUR)
      throw rateLimited('Too many confirmation e-mails in the last hour. Use the newest one, or try again later.');
    await sendVerificationEmail(tx, deps, user);
  });
}

/**
 * Proves an address with a verification link. The link proves the address it was sent
 * to: when the account has changed its address since, or another account has proven the
 * address first, it is refused.
 */
export async function verifyEmail(em: EntityManager, reach: Reach, token: string): Promise<User> {
  return em.transactional(async (tx) => {
    const used = await consumeAccountToken(tx, token, 'verify-email', reach.now());
    const user = await tx.findOneOrFail(User, used.user.id);
    if (used.email !== user.email) throw tokenRefused('unknown');
    if (!user.emailVerifiedAt) {
      await proveAddress(tx, user.id);
      await tx.refresh(user);
      if (!user.emailVerifiedAt)
        throw conflict('Another account has confirmed this address already. Sign in to that account instead.');
    }
    return user;
  });
}
