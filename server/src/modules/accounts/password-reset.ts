import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import type { JobQueue } from '../../jobs/queue.js';
import { emailField } from '../../validation.js';
import { parseInput } from '../../validation.js';
import { queueEmail } from '../mail/outbox.js';
import { absoluteLink, type Reach } from '../mail/reach.js';
import { SignUpSchema } from './account.inputs.js';
import { consumeAccountToken, issueAccountToken, voidAccountTokens } from './account-tokens.js';
import { AccountToken } from './account-token.entity.js';
import { proveAddress } from './addresses.js';
import { hashPassword } from './credentials.js';
import { revokeAllSessions, startSession, type RequestMeta } from './sessions.js';
import { User } from './user.entity.js';

/** At most this many reset e-mails per account and hour: the address cannot be flooded. */
const RESETS_PER_HOUR = 3;

const RequestSchema = z.object({ email: emailField });
const ResetSchema = z.object({ token: z.string().max(200), password: SignUpSchema.shape.password });

/**
 * Sends a password-reset link to `email`, if an account has it. Says nothing about whether
 * one has: the caller always answers the same. The account holding the address proven
 * gets the link; where none does, each account that claims the address gets its own
 * (the link proves the address once used).
 */
export async function requestPasswordReset(
  em: EntityManager,
  deps: { jobs: JobQueue; reach: Reach },
  input: { email: string },
): Promise<void> {
  const { email } = parseInput(RequestSchema, input);
  await em.transactional(async (tx) => {
    const candidates = await tx.find(
      User,
      { email },
      { orderBy: { emailVerifiedAt: 'asc nulls last', createdAt: 'desc' } },
    );
    const proven = candidates.find((user) => user.emailVerifiedAt);
    const recipients = proven ? [proven] : candidates.slice(0, 3);
    const now = deps.reach.now();
    const since = new Date(now.getTime() - 3_600_000);
    for (const user of recipients) {
      const recent = await tx.count(AccountToken, {
        user: user.id,
        purpose: 'password-reset',
        createdAt: { $gt: since },
      });
      if (recent >= RESETS_PER_HOUR) continue;
      await voidAccountTokens(tx, user.id, 'password-reset', now);
      const token = await issueAccountToken(tx, { userId: user.id, purpose: 'password-reset', email: user.email, now });
      await queueEmail(tx, deps.jobs, {
        kind: 'password-reset',
        to: { userId: user.id, address: user.email, name: user.name },
        subject: 'Reset your Brieflock password',
        name: user.name,
        paragraphs: [
          'Someone asked to reset the password of the Brieflock account for this address. If it was you, choose a new password with the link below. Every other device signed in to the account will be signed out.',
        ],
        action: {
          label: 'Choose a new password',
          url: absoluteLink(deps.reach, `/reset-password?token=${encodeURIComponent(token)}`),
        },
        notes: [
          'The link works once, for one hour. If you did not ask for it, ignore this e-mail: your password stays as it is.',
        ],
      });
    }
  });
}

/**
 * Sets a new password with a reset link, revokes every session of the account and starts
 * a new one. Using the link proves the address it was sent to.
 */
export async function resetPassword(
  em: EntityManager,
  reach: Reach,
  input: { token: string; password: string },
  meta: RequestMeta,
  ttlMs: number,
): Promise<{ token: string; user: User; revokedSessionIds: string[] }> {
  const { token, password } = parseInput(ResetSchema, input);
  const passwordHash = await hashPassword(password);
  return em.transactional(async (tx) => {
    const used = await consumeAccountToken(tx, token, 'password-reset', reach.now());
    const user = await tx.findOneOrFail(User, used.user.id, { populate: ['passwordHash'] });
    user.passwordHash = passwordHash;
    await tx.flush();
    if (used.email === user.email) await proveAddress(tx, user.id);
    await voidAccountTokens(tx, user.id, 'password-reset', reach.now());
    const revokedSessionIds = await revokeAllSessions(tx, user.id);
    const session = await startSession(tx, user, meta, ttlMs);
    await tx.refresh(user);
    return { token: session.token, user, revokedSessionIds };
  });
}
