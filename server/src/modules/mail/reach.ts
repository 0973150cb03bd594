/**
 * What the features that reach people need to know: where links point, how long
 * non-urgent notifications gather, when signers are reminded and due dates announced, and
 * the clock all of it is measured on (a test moves it).
 */
export interface Reach {
  /** PUBLIC_URL: every link in an e-mail starts with it. */
  publicUrl: string;
  digestMs: number;
  signReminderDays: number[];
  /** MILESTONE_DUE_SOON_DAYS: how many days ahead the parties hear of a due date (0: only on the day). */
  milestoneDueSoonDays: number;
  now(): Date;
}

/** An absolute link to a page of the web client. */
export const absoluteLink = (reach: Pick<Reach, 'publicUrl'>, path: string): string =>
  new URL(path, reach.publicUrl.endsWith('/') ? reach.publicUrl : `${reach.publicUrl}/`).toString();
