import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { AppOptions } from '../../server/src/app.js';
import { startTestApp, type TestApp } from './app.js';
import { afterAll, beforeAll } from 'vitest';
import type { TestUser } from './factories.js';
import { waitFor } from './wait.js';

export interface Mailbox {
  /** SMTP_URL for the app. */
  url: string;
  /** Every message accepted so far, parsed. */
  messages: ParsedMail[];
  /** Waits for the first accepted message `match` accepts. */
  next(match: (mail: ParsedMail) => boolean, what?: string): Promise<ParsedMail>;
  /** Messages to one address. */
  to(address: string): ParsedMail[];
  /**
   * Holds the DATA of the next `count` messages until released: their senders wait with
   * them in flight. `held` resolves when all `count` are being held.
   */
  hold(count?: number): { held: Promise<void>; release(): void };
  close(): Promise<void>;
}

/**
 * One app for the whole test file that sends its e-mail over SMTP to a real mailbox of its
 * own. Both objects are filled in when the app has started (use them inside tests and hooks).
 */
export function useMailedApp(
  env: Record<string, string> = {},
  options: Omit<AppOptions, 'onQuery'> = {},
): { t: TestApp; mailbox: Mailbox } {
  const t = {} as TestApp;
  const mailbox = {} as Mailbox;
  beforeAll(async () => {
    Object.assign(mailbox, await startMailbox());
    Object.assign(t, await startTestApp({ SMTP_URL: mailbox.url, ...env }, options));
  });
  afterAll(async () => {
    await t.close?.();
    await mailbox.close?.();
  });
  return { t, mailbox };
}

/** A real SMTP server on loopback that keeps what it receives (no TLS, no authentication). */
export async function startMailbox(): Promise<Mailbox> {
  const messages: ParsedMail[] = [];
  let gate: { remaining: number; onHeld: () => void; released: Promise<void> } | null = null;
  // A held message whose sender hung up before the reply was never accepted: a real
  // server takes responsibility for a message only with its 250.
  const closed = new Set<string>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onClose(session) {
      closed.add(session.id);
    },
    onData(stream, session, callback) {
      const current = gate;
      if (gate && --gate.remaining === 0) gate = null;
      const parsed = simpleParser(stream);
      (async () => {
        const mail = await parsed;
        if (current) {
          current.onHeld();
          await current.released;
          if (closed.has(session.id)) return;
        }
        messages.push(mail);
      })().then(
        () => callback(),
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    next: (match, what = 'an e-mail') => waitFor(() => messages.find(match), { what, timeoutMs: 20_000 }),
    to: (address) => messages.filter((mail) => addressesOf(mail).includes(address.toLowerCase())),
    hold(count = 1) {
      let release!: () => void;
      let allHeld!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      const held = new Promise<void>((resolve) => (allHeld = resolve));
      let waiting = count;
      gate = { remaining: count, onHeld: () => --waiting === 0 && allHeld(), released };
      return { held, release };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The recipients' addresses of a parsed message, lower case. */
export function addressesOf(mail: ParsedMail): string[] {
  const to = Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : [];
  return to.flatMap((group) => group.value.map((entry) => (entry.address ?? '').toLowerCase()));
}

/** The first link in a message's plain text that starts with `prefix` (after PUBLIC_URL). */
export function linkIn(mail: ParsedMail, path: string): URL {
  const match = (mail.text ?? '').match(new RegExp(`https?://\\S*${path.replace(/[/?]/g, '\\$&')}\\S*`));
  if (!match) throw new Error(`no ${path} link in: ${mail.text}`);
  return new URL(match[0]);
}

/**
 * Proves `user`'s address the way a person does: follows the link of the newest
 * verification e-mail sign-up queued (read from the outbox, where it stays without SMTP).
 * Does nothing when the address is proven already.
 */
export async function verifyAddress(
  t: Pick<TestApp, 'db' | 'api'>,
  user: Pick<TestUser, 'id' | 'token'>,
): Promise<void> {
  const { rows } = await t.db.query(
    `select u."email_verified_at", e."text_body" from "users" u
       left join lateral (select "text_body" from "emails" where "user_id" = u."id" and "kind" = 'verify-email'
                           order by "created_at" desc limit 1) e on true
      where u."id" = $1`,
    [user.id],
  );
  const row = rows[0];
  if (!row || row.email_verified_at) return;
  const token = /verify-email\?token=([\w%-]+)/.exec(String(row.text_body ?? ''))?.[1];
  if (!token) throw new Error(`no verification link kept for ${user.id} (was it sent over SMTP?)`);
  const result = await t.api.gql('mutation($token: String!) { verifyEmail(token: $token) { id } }', {
    token: decodeURIComponent(token),
  });
  if (result.errors) throw new Error(`verifyEmail failed: ${JSON.stringify(result.errors)}`);
}

/**
 * Proves `user`'s address by the link of the verification e-mail that reached `mailbox`
 * over SMTP, as the person would.
 */
export async function verifyByMail(
  t: Pick<TestApp, 'api'>,
  mailbox: Mailbox,
  user: Pick<TestUser, 'email'>,
): Promise<void> {
  const mail = await mailbox.next(
    (m) => addressesOf(m).includes(user.email.toLowerCase()) && (m.text ?? '').includes('/verify-email?token='),
    `the verification e-mail to ${user.email}`,
  );
  const token = linkIn(mail, '/verify-email?token=').searchParams.get('token');
  const result = await t.api.gql('mutation($token: String!) { verifyEmail(token: $token) { id } }', { token });
  if (result.errors) throw new Error(`verifyEmail failed: ${JSON.stringify(result.errors)}`);
}

/**
 * Waits until the job queue has nothing due in hand (every queued e-mail handed over or
 * kept), so what a test measures next is not mixed with background work.
 */
export async function settleJobs(t: { db: { query(sql: string): Promise<{ rows: Record<string, unknown>[] }> } }) {
  await waitFor(
    async () => {
      const { rows } = await t.db.query(
        `select count(*)::int as "n" from "pgboss"."job" where "state" in ('created', 'retry', 'active') and "start_after" <= now()`,
      );
      return rows[0]!.n === 0;
    },
    { what: 'the job queue to settle', timeoutMs: 20_000 },
  );
}
