import type { EntityManager } from '@mikro-orm/postgresql';
import { parseInput } from '../../validation.js';
import { UpdateProfileSchema, type UpdateProfileInput } from './account.inputs.js';
import { User } from './user.entity.js';

/** Sets the viewer's display name (trimmed, as at sign-up); returns the updated user. */
export async function updateProfile(em: EntityManager, userId: string, input: UpdateProfileInput): Promise<User> {
  const { name } = parseInput(UpdateProfileSchema, input);
  const user = await em.findOneOrFail(User, { id: userId });
  user.name = name;
  await em.flush();
  return user;
}
