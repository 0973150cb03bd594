/**
 * What "today" is for a milestone's due date: the UTC calendar day of the reach's clock.
 * The sweep that announces due dates and the `overdue` flag read it the same way, so a
 * milestone is announced as due on the day the engagement page starts calling it due.
 */

const DAY_MS = 86_400_000;

/** The UTC calendar day of `at`, YYYY-MM-DD. */
export const utcDay = (at: Date): string => at.toISOString().slice(0, 10);

/** The calendar day `days` after `day` (YYYY-MM-DD, negative goes back). */
export const addDays = (day: string, days: number): string =>
  utcDay(new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS));

/** Whole days from `from` to `to` (both YYYY-MM-DD): 0 on the same day, negative once `to` is past. */
export const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
