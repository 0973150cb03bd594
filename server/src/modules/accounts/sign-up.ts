import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/postgresql';
import { conflict } from '../../errors.js';
import { parseInput } from '../../validation.js';
import { SignUpSchema, type SignUpInput } from './account.inputs.js';
import { hashPassword } from './credentials.js';
import { startSession, type RequestMeta } from './sessions.js';
import { User } from './user.entity.js';

const emailTaken = () => conflict('email: an account with this e-mail already exists', { field: 'email' });

interface NewAccount {
  email: string;
  name: string;
  passwordHash: string;
}

/**
 * Creates an account and signs it in. An e-mail that was invited before it had an
 * account is claimed: its pending user becomes this account, keeping its proposals.
 */
export async function signUp(em: EntityManager, input: SignUpInput, meta: RequestMeta, ttlMs: number) {
  const { email, password, name } = parseInput(SignUpSchema, input);
  const account: NewAccount = { email, name, passwordHash: await hashPassword(password) };
  try {
    return await em.transactional((tx) => createOrClaim(tx, account, meta, ttlMs));
  } catch (error) {
    if (!(error instanceof UniqueConstraintViolationException)) throw error;
    // An invitation for this e-mail was created while we inserted: claim it instead.
    return em.transactional((tx) => createOrClaim(tx, account, meta, ttlMs));
  }
}

async function createOrClaim(tx: EntityManager, account: NewAccount, meta: RequestMeta, ttlMs: number) {
  const existing = await tx.findOne(User, { email: account.email });
  let user: User;
  if (existing) {
    if (!existing.pending) throw emailTaken();
    // Only one sign-up may claim an invitation, however many race.
    const claimed = await tx.nativeUpdate(
      User,
      { id: existing.id, pending: true },
      { pending: false, name: account.name, passwordHash: account.passwordHash },
    );
    if (claimed !== 1) throw emailTaken();
    await tx.refresh(existing);
    user = existing;
  } else {
    user = tx.create(User, account);
    await tx.persist(user).flush();
  }
  const { token } = await startSession(tx, user, meta, ttlMs);
  return { token, user };
}
