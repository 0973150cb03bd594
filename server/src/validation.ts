import { z } from 'zod';
import { LIMITS } from '@brieflock/schema';
import { badInput } from './errors.js';

/**
 * Parses input with a zod schema; the first problem becomes a BAD_USER_INPUT
 * error naming the field.
 */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw badInput(issue.path.join('.') || 'input', issue.message);
}

/**
 * PostgreSQL text cannot hold a NUL character: such input is refused as the person's
 * mistake here, instead of failing inside the database as an internal error.
 */
export const hasNoNul = (value: string): boolean => !value.includes('\u0000');
export const NO_NUL_MESSAGE = 'must not contain a NUL character';

/** E-mails are compared trimmed and in lower case. */
export const emailField = z
  .string()
  .trim()
  .toLowerCase()
  .max(LIMITS.emailMaxLength, `must be at most ${LIMITS.emailMaxLength} characters`)
  .pipe(z.email('must be a valid e-mail address'));

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True when `value` is shaped like the ids this server issues. */
export const isId = (value: string): boolean => UUID.test(value);

/**
 * The one spelling of an id. Every id is a UUID, and PostgreSQL matches a uuid column in
 * any letter case: without one spelling, `ABC…` and `abc…` would name the same record yet
 * different live rooms, event topics and in-memory keys. Anything that is not a UUID is
 * returned unchanged, so it still finds nothing.
 */
export const canonicalId = (value: string): string => (UUID.test(value) ? value.toLowerCase() : value);
