import type { EntityManager } from '@mikro-orm/postgresql';
import { parseInput } from '../../validation.js';
import { SignUpSchema, type SignUpInput } from './account.inputs.js';
import { hashPassword } from './credentials.js';
import { startSession, type RequestMeta } from './sessions.js';
import { User } from './user.entity.js';
import type { JobQueue } from '../../jobs/queue.js';
import type { Reach } from '../mail/reach.js';
import { sendVerificationEmail } from './email-verification.js';

/**
 * Creates an account and signs it in. The answer is the same whether or not the address
 * is registered already: every sign-up hashes its password and makes a new account whose
 * address is not proven, so it claims nothing of anyone else's (no proposal, no in-app
 * invitation) until it proves the address: by the verification link sign-up e-mails, or by accepting
 * an invitation link sent there.
 */
export async function signUp(
  em: EntityManager,
  deps: { jobs: JobQueue; reach: Reach },
  input: SignUpInput,
  meta: RequestMeta,
  ttlMs: number,
) {
  const { email, password, name } = parseInput(SignUpSchema, input);
  const passwordHash = await hashPassword(password);
  return em.transactional(async (tx) => {
    const user = tx.create(User, { email, name, passwordHash });
    await tx.persist(user).flush();
    const { token } = await startSession(tx, user, meta, ttlMs);
    // The address is proven by following the link this sends; until then it is only claimed.
    await sendVerificationEmail(tx, deps, user);
    return { token, user };
  });
}
