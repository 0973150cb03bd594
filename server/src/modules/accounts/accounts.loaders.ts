import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { placeholders } from '../read-model.js';
import type { UserRow } from './accounts.rows.js';

/** A user as GraphQL shows it. */
export interface UserView {
  id: string;
  email: string;
  name: string;
  pending: boolean;
}

export interface AccountsLoaders {
  userById: DataLoader<string, UserView | undefined>;
  /** Whether each user has proven its address. */
  emailVerified: DataLoader<string, boolean>;
  /**
   * A user by id: at once when this request has read them already (through `userById` or
   * joined into a list), so a field that shows a user settles no promise; else batched.
   */
  user(id: string): UserView | Promise<UserView>;
}

/** A row of another table's list with a user's columns joined in under a prefix. */
export type JoinedUserRow = Record<string, unknown>;

/**
 * Users that other domains' lists read in the same statement (a join), remembered so
 * resolving those users costs no further query.
 */
export interface JoinedUsers {
  /** The columns of a joined user from `table`, named under `prefix`, as `remember` reads them. */
  columns(table: string, prefix: string): string;
  remember(row: JoinedUserRow, id: string, prefix: string): void;
}

const JOINED_COLUMNS = ['email', 'name', 'pending'] as const satisfies readonly (keyof UserRow)[];

/** The accounts' batch loaders for one request, and the cache other lists fill through joins. */
export function createAccountsLoaders(em: EntityManager): AccountsLoaders & { joined: JoinedUsers } {
  /** Every user read in this request, by id. */
  const known = new Map<string, UserView>();
  const userById = new DataLoader<string, UserView | undefined>(async (ids) => {
    const rows = await em.execute<Pick<UserRow, 'id' | 'email' | 'name' | 'pending'>[]>(
      `select "id", "email", "name", "pending" from "users" where "id" in (${placeholders(ids)})`,
      [...ids],
    );
    for (const row of rows)
      if (!known.has(row.id)) known.set(row.id, { id: row.id, email: row.email, name: row.name, pending: row.pending });
    return ids.map((id) => known.get(id));
  });
  const joined: JoinedUsers = {
    columns: (table, prefix) =>
      JOINED_COLUMNS.map((column) => `${table}."${column}" as "${prefix}_${column}"`).join(', '),
    remember(row, id, prefix) {
      if (known.has(id)) return;
      const user: UserView = {
        id,
        email: row[`${prefix}_email`] as string,
        name: row[`${prefix}_name`] as string,
        pending: row[`${prefix}_pending`] as boolean,
      };
      known.set(id, user);
      userById.prime(id, user);
    },
  };
  const emailVerified = new DataLoader<string, boolean>(async (ids) => {
    const rows = await em.execute<{ id: string }[]>(
      `select "id" from "users" where "id" in (${placeholders(ids)}) and "email_verified_at" is not null`,
      [...ids],
    );
    const verified = new Set(rows.map((row) => row.id));
    return ids.map((id) => verified.has(id));
  });
  return {
    userById,
    emailVerified,
    user: (id) =>
      known.get(id) ??
      userById.load(id).then((user) => {
        if (!user) throw new Error(`user ${id} does not exist`);
        return user;
      }),
    joined,
  };
}
