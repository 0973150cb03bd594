/*
 * What every domain's read models and batch loaders share. List fields read plain rows
 * into small read models instead of entities: hydrating hundreds of entities and
 * registering them in the identity map cost several times the query itself. Each read
 * model has the fields GraphQL shows and references as `{ id }`, the same shape as an
 * entity's `Ref`, so a resolver accepts a read model and an entity alike (mutations and
 * single lookups still return entities).
 */

/** A reference to a row by id, shaped like an entity's `Ref`. */
export interface IdRef {
  id: string;
}

/** A timestamp column as a raw read hands it back: a Date from `pg`, text through MikroORM. */
export type Timestamp = Date | string;

/** Groups rows by a key, in the order of `keys`. */
export function groupBy<K, R>(keys: readonly K[], rows: R[], keyOf: (row: R) => K): R[][] {
  const byKey = new Map<K, R[]>(keys.map((key) => [key, []]));
  for (const row of rows) byKey.get(keyOf(row))?.push(row);
  return keys.map((key) => byKey.get(key) ?? []);
}

/** `?, ?, …`: one placeholder per value, for an `in (…)` list. */
export const placeholders = (values: readonly unknown[]): string => values.map(() => '?').join(', ');

/** GraphQL serialises dates; the driver may hand timestamps back as text. */
export const dateOf = (value: Timestamp): Date => (value instanceof Date ? value : new Date(value));
