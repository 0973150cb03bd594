import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { startApp } from '../../server/src/app.js';
import { loadConfig } from '../../server/src/config.js';
import { createLogger } from '../../server/src/logger.js';
import { TEST_SIGNING_KEY } from '../support/constants.js';
import { createTestDatabase } from '../support/db.js';
import { createApi } from '../support/graphql.js';
import { waitFor } from '../support/wait.js';
import { makeUser, type TestUser } from '../support/factories.js';
import { addressesOf, linkIn, useMailedApp } from '../support/mail.js';

/** The clock the app measures link lifetimes on. */
let offsetMs = 0;

const { t, mailbox } = useMailedApp(
  { MAIL_FROM: 'Brieflock <mail@brieflock.test>', PUBLIC_URL: 'https://brieflock.test' },
  { now: () => new Date(Date.now() + offsetMs) },
);

const VERIFY = 'mutation($token: String!) { verifyEmail(token: $token) { id emailVerified } }';
const RESET =
  'mutation($input: ResetPasswordInput!) { resetPassword(input: $input) { token user { id emailVerified } } }';

async function emailVerified(user: TestUser): Promise<boolean> {
  const result = await t.api.gql<{ me: { emailVerified: boolean } }>(
    '{ me { emailVerified } }',
    {},
    { token: user.token },
  );
  return result.data!.me.emailVerified;
}

const tokenOf = (url: URL) => url.searchParams.get('token')!;

describe('verifying an address', () => {
  it('sign-up e-mails a link in the person’s name that proves the address once', async () => {
    const user = await makeUser(t.api, { name: 'Ada Lovelace' });
    expect(await emailVerified(user)).toBe(false);
    const mail = await mailbox.next(
      (m) => m.subject === 'Confirm your e-mail address for Brieflock' && m.text!.includes(user.email),
    );
    expect(mail.to).toMatchObject({ value: [{ address: user.email, name: 'Ada Lovelace' }] });
    expect(mail.from?.value[0]?.address).toBe('mail@brieflock.test');
    expect(mail.text).toContain('Hello Ada Lovelace,');
    expect(mail.html).toContain('Confirm my address');
    expect(mail.messageId).toMatch(/@brieflock\.test>$/);
    const link = linkIn(mail, '/verify-email?token=');
    expect(link.origin).toBe('https://brieflock.test');
    // The token is stored hashed only.
    const stored = await t.db.query(`select count(*)::int as n from "account_tokens" where "token_hash" = $1`, [
      tokenOf(link),
    ]);
    expect(stored.rows[0].n).toBe(0);

    const verified = await t.api.gql(VERIFY, { token: tokenOf(link) });
    expect(verified.data?.verifyEmail).toEqual({ id: user.id, emailVerified: true });
    expect(await emailVerified(user)).toBe(true);

    const again = await t.api.gql(VERIFY, { token: tokenOf(link) });
    expect(again.code).toBe('BAD_USER_INPUT');
    expect(again.errors?.[0]?.extensions).toMatchObject({ field: 'token', reason: 'used' });
  });

  it('refuses a wrong, a mistyped and an expired link, and a link of another purpose', async () => {
    const wrong = await t.api.gql(VERIFY, { token: `blv_${'A'.repeat(43)}` });
    expect(wrong.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'unknown' });

    const user = await makeUser(t.api);
    const mail = await mailbox.next((m) => m.text!.includes(user.email) && (m.subject ?? '').startsWith('Confirm'));
    const token = tokenOf(linkIn(mail, '/verify-email?token='));
    const cut = await t.api.gql(VERIFY, { token: token.slice(0, -1) });
    expect(cut.errors?.[0]?.extensions).toMatchObject({ reason: 'unknown' });

    await t.api.gql('mutation($email: String!) { requestPasswordReset(email: $email) }', { email: user.email });
    const reset = await mailbox.next(
      (m) => m.text!.includes('/reset-password?token=') && addressesOf(m).includes(user.email),
    );
    const crossed = await t.api.gql(VERIFY, { token: tokenOf(linkIn(reset, '/reset-password?token=')) });
    expect(crossed.errors?.[0]?.extensions).toMatchObject({ reason: 'unknown' });

    offsetMs = 3 * 24 * 3_600_000 + 1000;
    try {
      const expired = await t.api.gql(VERIFY, { token });
      expect(expired.errors?.[0]?.extensions).toMatchObject({ reason: 'expired' });
    } finally {
      offsetMs = 0;
    }
    expect(await emailVerified(user)).toBe(false);
  });

  it('a resent link replaces the earlier one', async () => {
    const user = await makeUser(t.api);
    const first = await mailbox.next((m) => m.text!.includes(user.email) && (m.subject ?? '').startsWith('Confirm'));
    const resent = await t.api.gql('mutation { resendVerificationEmail }', {}, { token: user.token });
    expect(resent.data?.resendVerificationEmail).toBe(true);
    const second = await mailbox.next(
      (m) => m !== first && m.text!.includes(user.email) && (m.subject ?? '').startsWith('Confirm'),
    );
    const old = await t.api.gql(VERIFY, { token: tokenOf(linkIn(first, '/verify-email?token=')) });
    expect(old.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    const fresh = await t.api.gql(VERIFY, { token: tokenOf(linkIn(second, '/verify-email?token=')) });
    expect(fresh.data?.verifyEmail).toMatchObject({ emailVerified: true });
    const needless = await t.api.gql('mutation { resendVerificationEmail }', {}, { token: user.token });
    expect(needless.code).toBe('CONFLICT');
  });
});

describe('resetting a forgotten password', () => {
  const REQUEST = 'mutation($email: String!) { requestPasswordReset(email: $email) }';
  const SIGN_IN = 'mutation($input: SignInInput!) { signIn(input: $input) { token } }';

  it('e-mails a one-hour link; using it sets the password, signs out everywhere else and proves the address', async () => {
    const user = await makeUser(t.api);
    const otherDevice = await t.api.gql<{ signIn: { token: string } }>(SIGN_IN, {
      input: { email: user.email, password: user.password },
    });
    const other = otherDevice.data!.signIn.token;

    const asked = await t.api.gql(REQUEST, { email: user.email.toUpperCase() });
    expect(asked.data?.requestPasswordReset).toBe(true);
    const mail = await mailbox.next(
      (m) =>
        m.subject === 'Reset your Brieflock password' &&
        m.text!.includes('/reset-password?token=') &&
        addressesOf(m).includes(user.email),
    );
    expect(mail.text).toContain('one hour');
    const token = tokenOf(linkIn(mail, '/reset-password?token='));

    const short = await t.api.gql(RESET, { input: { token, password: 'short' } });
    expect(short.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'password' });

    const done = await t.api.gql<{ resetPassword: { token: string; user: { id: string; emailVerified: boolean } } }>(
      RESET,
      {
        input: { token, password: 'a brand new passphrase' },
      },
    );
    expect(done.data?.resetPassword.user).toEqual({ id: user.id, emailVerified: true });
    const me = await t.api.gql('{ me { id } }', {}, { token: done.data!.resetPassword.token });
    expect(me.data?.me).toEqual({ id: user.id });
    for (const revoked of [user.token, other]) {
      const refused = await t.api.gql('{ me { id } }', {}, { token: revoked });
      expect(refused.data?.me).toBeNull();
    }
    const oldPassword = await t.api.gql(SIGN_IN, { input: { email: user.email, password: user.password } });
    expect(oldPassword.code).toBe('UNAUTHENTICATED');
    const newPassword = await t.api.gql(SIGN_IN, { input: { email: user.email, password: 'a brand new passphrase' } });
    expect(newPassword.data?.signIn.token).toBeTruthy();

    const reused = await t.api.gql(RESET, { input: { token, password: 'yet another passphrase' } });
    expect(reused.errors?.[0]?.extensions).toMatchObject({ reason: 'used' });
  });

  it('refuses a link older than an hour, and says nothing about addresses without an account', async () => {
    const user = await makeUser(t.api);
    const nobody = `nobody-${Date.now()}@example.test`;
    expect((await t.api.gql(REQUEST, { email: nobody })).data?.requestPasswordReset).toBe(true);
    await t.api.gql(REQUEST, { email: user.email });
    const mail = await mailbox.next(
      (m) => m.text!.includes('/reset-password?token=') && addressesOf(m).includes(user.email),
    );
    const queued = await t.db.query(`select count(*)::int as n from "emails" where "to_address" = $1`, [nobody]);
    expect(queued.rows[0].n).toBe(0);

    offsetMs = 3_600_000 + 1000;
    try {
      const late = await t.api.gql(RESET, {
        input: { token: tokenOf(linkIn(mail, '/reset-password?token=')), password: 'too late for this one' },
      });
      expect(late.errors?.[0]?.extensions).toMatchObject({ reason: 'expired' });
    } finally {
      offsetMs = 0;
    }
    const wrong = await t.api.gql(RESET, { input: { token: 'blr_nope', password: 'whatever it may be' } });
    expect(wrong.errors?.[0]?.extensions).toMatchObject({ reason: 'unknown' });
  });

  it('sends at most three links an hour to one account', async () => {
    const user = await makeUser(t.api);
    for (let i = 0; i < 5; i += 1)
      expect((await t.api.gql(REQUEST, { email: user.email })).data?.requestPasswordReset).toBe(true);
    const rows = await t.db.query(
      `select count(*)::int as n from "emails" where "to_address" = $1 and "kind" = 'password-reset'`,
      [user.email],
    );
    expect(rows.rows[0].n).toBe(3);
  });
});

describe('the outbox', () => {
  it('keeps no body of a message SMTP has accepted', async () => {
    const user = await makeUser(t.api);
    const mail = await mailbox.next((m) => m.text!.includes(user.email) && (m.subject ?? '').startsWith('Confirm'));
    expect(mail).toBeTruthy();
    // Once SMTP accepted it (the mailbox has it; the sender records that a moment after its
    // 250), nothing of the message that could carry a link stays stored.
    const row = await waitFor(
      async () => {
        const { rows } = await t.db.query(
          `select "status", "text_body", "html_body", "link" from "emails" where "user_id" = $1`,
          [user.id],
        );
        return rows[0]?.status === 'queued' ? undefined : rows[0];
      },
      { what: 'the sender to record the message as handed over' },
    );
    expect(row).toEqual({ status: 'sent', text_body: null, html_body: null, link: null });
  });
});

describe('without SMTP_URL', () => {
  it('keeps each message in the outbox and logs one line naming its recipient, subject and link', async () => {
    const db = await createTestDatabase();
    const lines: Record<string, unknown>[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    const config = loadConfig({
      NODE_ENV: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: db.url,
      SIGNING_KEY: TEST_SIGNING_KEY,
      LOG_FORMAT: 'json',
      PUBLIC_URL: 'https://brieflock.test',
    });
    const app = await startApp(config, createLogger('info', destination));
    try {
      expect(lines.some((line) => String(line.msg).includes('SMTP_URL is not set'))).toBe(true);
      const user = await makeUser(createApi(app.url));
      const line = await waitFor(() => lines.find((entry) => entry.to === user.email), { what: 'the outbox log line' });
      expect(line.subject).toBe('Confirm your e-mail address for Brieflock');
      expect(String(line.link)).toMatch(/^https:\/\/brieflock\.test\/verify-email\?token=blv_/);
      expect(String(line.msg)).toContain(user.email);
      const rows = await db.query(`select "status", "text_body" from "emails" where "user_id" = $1`, [user.id]);
      expect(rows.rows).toHaveLength(1);
      expect(rows.rows[0].status).toBe('kept');
      expect(rows.rows[0].text_body).toContain(String(line.link));
    } finally {
      await app.close();
      await db.drop();
    }
  });
});
