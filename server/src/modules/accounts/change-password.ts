import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput } from '../../errors.js';
import { parseInput } from '../../validation.js';
import { ChangePasswordSchema, type ChangePasswordInput } from './account.inputs.js';
import { hashPassword, verifyPassword } from './credentials.js';
import { revokeOtherSessions, type RequestMeta, type Viewer } from './sessions.js';
import { countSignInAttempt, signInSucceeded, throttleKeys, type SignInThrottleOptions } from './throttle.js';
import { User } from './user.entity.js';

/**
 * Replaces the viewer's password after checking the current one, then revokes every
 * other session of the account (a thief holding one loses it); the asking session stays.
 * A wrong current password counts as a failed sign-in under the same throttle, so a
 * borrowed session cannot be used to guess the password faster than the sign-in form.
 * Returns the revoked session ids, for the caller to close their sockets.
 */
export async function changePassword(
  em: EntityManager,
  viewer: Viewer,
  input: ChangePasswordInput,
  meta: RequestMeta,
  throttle: SignInThrottleOptions,
): Promise<string[]> {
  const { currentPassword, newPassword } = parseInput(ChangePasswordSchema, input);
  const keys = throttleKeys(viewer.user.email, meta.ip);
  await countSignInAttempt(em, keys, throttle);
  const user = await em.findOneOrFail(User, { id: viewer.user.id }, { populate: ['passwordHash'] });
  if (!(await verifyPassword(user.passwordHash, currentPassword))) {
    throw badInput('currentPassword', 'The current password is incorrect.');
  }
  await signInSucceeded(em, keys);
  const passwordHash = await hashPassword(newPassword);
  return em.transactional(async (tx) => {
    await tx.nativeUpdate(User, { id: user.id }, { passwordHash });
    return revokeOtherSessions(tx, user.id, viewer.session.id);
  });
}
