import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Records that `userId` proved it holds its own address (it accepted an invitation link
 * sent to that address). Does nothing when another account already holds the address
 * proven: the first proof wins, and the unique index keeps it so.
 */
export async function proveAddress(em: EntityManager, userId: string): Promise<void> {
  await em.execute(
    `update "users" u set "email_verified_at" = now()
      where u."id" = ? and u."email_verified_at" is null
        and not exists (select 1 from "users" o where o."email" = u."email" and o."email_verified_at" is not null)`,
    [userId],
    'run',
  );
}
