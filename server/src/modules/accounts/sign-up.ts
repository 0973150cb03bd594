import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/postgresql';
import { conflict } from '../../errors.js';
import { parseInput } from '../../validation.js';
import { SignUpSchema, type SignUpInput } from './account.inputs.js';
import { hashPassword } from './credentials.js';
import { startSession, type RequestMeta } from './sessions.js';
import { User } from './user.entity.js';

const emailTaken = () => conflict('email: an account with this e-mail already exists', { field: 'email' });

/**
 * Creates an account and signs it in. An e-mail that was invited before it had an
 * account is claimed: its pending user becomes this account, keeping its proposals.
 */
export async function signUp(em: EntityManager, input: SignUpInput, meta: RequestMeta, ttlMs: number) {
  const { email, password, name } = parseInput(SignUpSchema, input);
  const passwordHash = await hashPassword(password);
  return em.transactional(async (tx) => {
    const existing = await tx.findOne(User, { email });
    let user: User;
    if (existing) {
      if (!existing.pending) throw emailTaken();
      // Only one sign-up may claim an invitation, however many race.
      const claimed = await tx.nativeUpdate(User, { id: existing.id, pending: true }, { pending: false, name, passwordHash });
      if (claimed !== 1) throw emailTaken();
      await tx.refresh(existing);
      user = existing;
    } else {
      user = tx.create(User, { email, name, passwordHash });
      try {
        await tx.persist(user).flush();
      } catch (error) {
        if (error instanceof UniqueConstraintViolationException) throw emailTaken();
        throw error;
      }
    }
    const { token } = await startSession(tx, user, meta, ttlMs);
    return { token, user };
  });
}
