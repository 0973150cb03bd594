import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueAccountToken } from '../../server/src/modules/accounts/account-tokens.js';
import { hashToken } from '../../server/src/modules/accounts/credentials.js';
import { updatePreferences } from '../../server/src/modules/notifications/preferences.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { reply, startThreadOk } from '../support/comments.js';
import { makeCast, makeUser, type TestUser } from '../support/factories.js';
import { addressesOf, linkIn, settleJobs, startMailbox, type Mailbox } from '../support/mail.js';
import { channelsOf as channelsOfUser } from '../support/preferences.js';
import { waitFor } from '../support/wait.js';

let mailbox: Mailbox;
let t: TestApp;
/** How far the app's clock runs ahead of the system's (link lifetimes are measured on it). */
let offsetMs = 0;
const DIGEST_MS = 1000;
/** A stand-in for the built web client: what a GET of /unsubscribe should get. */
let clientDist: string;
const PAGE = '<!doctype html><title>Brieflock</title>';

beforeAll(async () => {
  clientDist = await mkdtemp(path.join(tmpdir(), 'brieflock-unsubscribe-'));
  await writeFile(path.join(clientDist, 'index.html'), PAGE);
  mailbox = await startMailbox();
  t = await startTestApp(
    { SMTP_URL: mailbox.url, PUBLIC_URL: 'https://brieflock.test', CLIENT_DIST: clientDist },
    { digestMs: DIGEST_MS, now: () => new Date(Date.now() + offsetMs) },
  );
});
afterAll(async () => {
  await t?.close();
  await mailbox?.close();
  await rm(clientDist, { recursive: true, force: true });
});

type Cast = Awaited<ReturnType<typeof makeCast>>;

const channelsOf = (user: TestUser) => channelsOfUser(t.api, user);

const MENTION_SUBJECT = 'Cora Client mentioned you on \u201cChurn prediction pilot\u201d';
const UNSUBSCRIBE = 'mutation($token: String!) { unsubscribe(token: $token) { scope description stopped } }';
const DESCRIBE =
  'query($token: String!) { unsubscribeLink(token: $token) { scope description maskedEmail alreadyStopped } }';

/** The URL of a message's List-Unsubscribe header (`<https://…> (comment)`). */
function listUnsubscribeOf(mail: ParsedMail): URL {
  const line = mail.headerLines.find((header) => header.key === 'list-unsubscribe')?.line ?? '';
  const url = /<(https?:[^>]+)>/.exec(line)?.[1];
  if (!url) throw new Error(`no List-Unsubscribe URL in: ${line}`);
  return new URL(url);
}

/** The same path and query on the test app's own HTTP server (PUBLIC_URL is not resolvable). */
const onServer = (url: URL) => `${t.app.url}${url.pathname}${url.search}`;

/** What a mail client sends for RFC 8058 one-click unsubscribe. */
const oneClick = (url: URL) =>
  fetch(onServer(url), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'List-Unsubscribe=One-Click',
  });

/** Cora mentions Finn, who proved his address by his invitation's link: he is e-mailed at once. */
async function mentionFinn(cast: Cast, body: string): Promise<void> {
  await startThreadOk(t, cast.client, cast.proposal.id, `@Finn ${body}`, undefined, [cast.freelancer.id]);
}

const mentionMails = (cast: Cast) => mailbox.to(cast.freelancer.email).filter((m) => m.subject === MENTION_SUBJECT);

/** The unsubscribe link of the mention e-mail Finn gets for a new mention. */
async function mentionLink(cast: Cast): Promise<URL> {
  const before = mentionMails(cast).length;
  await mentionFinn(cast, 'a question');
  await mailbox.next(() => mentionMails(cast).length > before, 'the mention e-mail');
  return listUnsubscribeOf(mentionMails(cast).at(-1)!);
}

async function notificationEmails(user: TestUser): Promise<number> {
  const { rows } = await t.db.query(
    `select count(*)::int as n from "emails" where "user_id" = $1 and "kind" = 'notification'`,
    [user.id],
  );
  return rows[0].n;
}

/** A link e-mailed to `user` by sign-up or a reset request, found in the mailbox. */
async function linkTo(user: TestUser, path: string): Promise<URL> {
  const mail = await mailbox.next(
    (m) => addressesOf(m).includes(user.email) && (m.text ?? '').includes(path),
    `the ${path} e-mail`,
  );
  return linkIn(mail, path);
}

describe('unsubscribing from e-mail', () => {
  it('a mail client’s one-click POST to a mention e-mail’s List-Unsubscribe URL stops mention e-mails only', async () => {
    const cast = await makeCast(t.api);
    const link = await mentionLink(cast);
    expect(link.origin).toBe('https://brieflock.test');
    expect(link.pathname).toBe('/unsubscribe');
    expect(link.searchParams.get('token')).toMatch(/^blu_/);
    const before = await channelsOf(cast.freelancer);
    expect(before.MENTIONED).toBe('EMAIL_NOW');

    // Link scanners fetch every link: a GET (or HEAD) is the web page and changes nothing.
    const opened = await fetch(onServer(link));
    expect(opened.status).toBe(200);
    expect(opened.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await opened.text()).toBe(PAGE);
    expect((await fetch(onServer(link), { method: 'HEAD' })).status).toBe(200);
    expect(await channelsOf(cast.freelancer)).toEqual(before);

    // A POST that is not the one-click body is refused and changes nothing.
    const wrongBody = await fetch(onServer(link), { method: 'POST', body: 'List-Unsubscribe=Yes' });
    expect(wrongBody.status).toBe(400);
    expect(await channelsOf(cast.freelancer)).toEqual(before);

    const response = await oneClick(link);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await response.text()).toBe('Unsubscribed: you will no longer get e-mails about mentions.\n');
    expect(await channelsOf(cast.freelancer)).toEqual({ ...before, MENTIONED: 'APP_ONLY' });

    // Following it again is fine: it stays unsubscribed.
    const again = await oneClick(link);
    expect(again.status).toBe(200);
    expect(await channelsOf(cast.freelancer)).toEqual({ ...before, MENTIONED: 'APP_ONLY' });

    // The next mention reaches the inbox in the app, not the mailbox.
    await mentionFinn(cast, 'another question');
    await settleJobs(t);
    expect(mentionMails(cast)).toHaveLength(1);
    expect(await notificationEmails(cast.freelancer)).toBe(1);
    const { rows } = await t.db.query(
      `select count(*)::int as n from "notifications" where "user_id" = $1 and "kind" = 'MENTIONED'`,
      [cast.freelancer.id],
    );
    expect(rows[0].n).toBe(2);
  });

  it('the digest’s link, posted as multipart/form-data, moves every digest kind to the app and no other', async () => {
    const cast = await makeCast(t.api);
    const verify = await linkTo(cast.client, '/verify-email?token=');
    const verified = await t.api.gql('mutation($token: String!) { verifyEmail(token: $token) { id } }', {
      token: verify.searchParams.get('token'),
    });
    expect(verified.errors).toBeUndefined();
    // Cora also takes signature requests in the digest, and replies stay there by default.
    const chosen = await t.api.gql(
      'mutation($input: NotificationPreferencesInput!) { updateNotificationPreferences(input: $input) { channels { kind } } }',
      { input: { channels: [{ kind: 'SIGNATURE_REQUESTED', channel: 'DIGEST' }] } },
      { token: cast.client.token },
    );
    expect(chosen.errors).toBeUndefined();
    const thread = await startThreadOk(t, cast.client, cast.proposal.id, 'Is the baseline agreed?');
    expect((await reply(t, cast.freelancer, thread.id, 'Yes.')).errors).toBeUndefined();
    const digest = await mailbox.next(
      (m) => addressesOf(m).includes(cast.client.email) && (m.subject ?? '').startsWith('Brieflock: '),
      'the digest',
    );
    const link = listUnsubscribeOf(digest);
    expect(digest.text).toContain(link.href);
    const token = link.searchParams.get('token')!;
    const before = await channelsOf(cast.client);
    const digestKinds = Object.keys(before).filter((kind) => before[kind] === 'DIGEST');
    expect(digestKinds.sort()).toEqual(['MILESTONE_DUE', 'REPLIED', 'SIGNATURE_REQUESTED', 'SUGGESTION_DECIDED']);

    // The page asks first: describing the link changes nothing.
    const described = await t.api.gql(DESCRIBE, { token });
    expect(described.data?.unsubscribeLink).toEqual({
      scope: 'digest',
      description: 'the e-mail digest',
      maskedEmail: expect.stringMatching(/^u•+@example\.test$/),
      alreadyStopped: false,
    });
    expect(await channelsOf(cast.client)).toEqual(before);

    const form = new FormData();
    form.set('List-Unsubscribe', 'One-Click');
    const response = await fetch(onServer(link), { method: 'POST', body: form });
    expect(await response.text()).toBe('Unsubscribed: you will no longer get the e-mail digest.\n');
    expect(response.status).toBe(200);
    const after = await channelsOf(cast.client);
    for (const kind of Object.keys(before))
      expect([kind, after[kind]]).toEqual([kind, digestKinds.includes(kind) ? 'APP_ONLY' : before[kind]]);
    expect(after.MENTIONED).toBe('EMAIL_NOW');
    expect((await t.api.gql(DESCRIBE, { token })).data?.unsubscribeLink.alreadyStopped).toBe(true);
  });

  it('a digest link followed while a profile save is in flight does not undo that save', async () => {
    const user = await makeUser(t.api);
    const em = t.app.orm.em.fork();
    const token = await em.transactional((tx) =>
      issueAccountToken(tx, { userId: user.id, purpose: 'unsubscribe', scope: 'digest', now: new Date() }),
    );
    // A save of the profile page takes REPLIED out of the digest, and has not committed yet.
    let followed: Promise<unknown> | undefined;
    await em.fork().transactional(async (tx) => {
      await updatePreferences(tx, user.id, [{ kind: 'REPLIED', channel: 'EMAIL_NOW' }]);
      followed = t.api.gql(UNSUBSCRIBE, { token });
      // The link waits for the save, rather than reading the channels from before it.
      await waitFor(
        async () =>
          (
            await t.db.query(
              `select count(*)::int as n from pg_locks where locktype = 'advisory' and not granted and database = (select oid from pg_database where datname = current_database())`,
            )
          ).rows[0].n > 0,
        { what: 'the unsubscribe to wait for the save' },
      );
    });
    expect(((await followed) as { errors?: unknown }).errors).toBeUndefined();
    const after = await channelsOf(user);
    expect(after.REPLIED).toBe('EMAIL_NOW');
    expect(after.SUGGESTION_DECIDED).toBe('APP_ONLY');
  });

  it('the mutation works signed out or as anyone, and changes only the link’s owner’s preferences', async () => {
    const cast = await makeCast(t.api);
    const token = (await mentionLink(cast)).searchParams.get('token')!;
    const coraBefore = await channelsOf(cast.client);
    const finnBefore = await channelsOf(cast.freelancer);

    // Cora, signed in, follows Finn's link: it is Finn's preference that changes.
    const result = await t.api.gql(UNSUBSCRIBE, { token }, { token: cast.client.token });
    expect(result.errors).toBeUndefined();
    expect(result.data?.unsubscribe).toEqual({
      scope: 'MENTIONED',
      description: 'e-mails about mentions',
      stopped: ['MENTIONED'],
    });
    expect(await channelsOf(cast.client)).toEqual(coraBefore);
    expect(await channelsOf(cast.freelancer)).toEqual({ ...finnBefore, MENTIONED: 'APP_ONLY' });

    // Signed out, again: nothing more to stop.
    const again = await t.api.gql(UNSUBSCRIBE, { token });
    expect(again.data?.unsubscribe.stopped).toEqual([]);
    expect(await channelsOf(cast.freelancer)).toEqual({ ...finnBefore, MENTIONED: 'APP_ONLY' });
  });

  it('a verification or reset token, or one stored for another purpose, is refused and stays usable', async () => {
    const user = await makeUser(t.api);
    const before = await channelsOf(user);
    const verifyToken = (await linkTo(user, '/verify-email?token=')).searchParams.get('token')!;
    const asked = await t.api.gql('mutation($email: String!) { requestPasswordReset(email: $email) }', {
      email: user.email,
    });
    expect(asked.errors).toBeUndefined();
    const resetToken = (await linkTo(user, '/reset-password?token=')).searchParams.get('token')!;
    // A token with the unsubscribe prefix whose row serves another purpose.
    const forged = `blu_${'x'.repeat(43)}`;
    await t.db.query(
      `insert into "account_tokens" ("id", "user_id", "purpose", "token_hash", "scope", "created_at", "expires_at")
       values (gen_random_uuid(), $1, 'verify-email', $2, 'MENTIONED', now(), now() + interval '1 day')`,
      [user.id, hashToken(forged)],
    );

    for (const token of [verifyToken, resetToken, forged]) {
      for (const query of [UNSUBSCRIBE, DESCRIBE]) {
        const result = await t.api.gql(query, { token });
        expect(result.code).toBe('BAD_USER_INPUT');
        expect(result.errors?.[0]?.extensions).toMatchObject({ field: 'token', reason: 'unknown' });
      }
      const posted = await oneClick(new URL(`https://brieflock.test/unsubscribe?token=${encodeURIComponent(token)}`));
      expect(posted.status).toBe(400);
      expect(await posted.text()).toMatch(/^This link is not valid/);
    }
    expect(await channelsOf(user)).toEqual(before);
    // Not spent either: the verification link still proves the address.
    const verified = await t.api.gql('mutation($token: String!) { verifyEmail(token: $token) { emailVerified } }', {
      token: verifyToken,
    });
    expect(verified.data?.verifyEmail).toEqual({ emailVerified: true });
  });

  it('a garbage token is unknown and a year-old link has expired, over GraphQL and one-click alike', async () => {
    const cast = await makeCast(t.api);
    const link = await mentionLink(cast);
    const before = await channelsOf(cast.freelancer);

    for (const token of ['', 'blu_', 'blu_not-a-token', 'garbage', `blu_${'a'.repeat(300)}`]) {
      const result = await t.api.gql(UNSUBSCRIBE, { token });
      expect([token, result.errors?.[0]?.extensions]).toEqual([
        token,
        expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'token', reason: 'unknown' }),
      ]);
    }
    const noToken = await oneClick(new URL('https://brieflock.test/unsubscribe'));
    expect(noToken.status).toBe(400);

    offsetMs = 366 * 24 * 3_600_000;
    try {
      const result = await t.api.gql(DESCRIBE, { token: link.searchParams.get('token') });
      expect(result.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'token',
        reason: 'expired',
      });
      const posted = await oneClick(link);
      expect(posted.status).toBe(400);
      expect(await posted.text()).toBe('This link has expired. Ask for a new one.\n');
    } finally {
      offsetMs = 0;
    }
    expect(await channelsOf(cast.freelancer)).toEqual(before);
    // A day short of a year, the same link works.
    offsetMs = 364 * 24 * 3_600_000;
    try {
      expect((await oneClick(link)).status).toBe(200);
    } finally {
      offsetMs = 0;
    }
    expect((await channelsOf(cast.freelancer)).MENTIONED).toBe('APP_ONLY');
  });

  it('a one-click body larger than the limit is refused unread', async () => {
    const cast = await makeCast(t.api);
    const link = await mentionLink(cast);
    const before = await channelsOf(cast.freelancer);
    const response = await fetch(onServer(link), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `List-Unsubscribe=One-Click&padding=${'x'.repeat(10_000)}`,
    });
    expect(response.status).toBe(413);
    expect(await channelsOf(cast.freelancer)).toEqual(before);
  });
});
