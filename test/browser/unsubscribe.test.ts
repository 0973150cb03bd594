import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/app.js';
import { expectNoAxeViolations } from '../support/axe.js';
import { BROWSER_TEST_TIMEOUT_MS, chromiumPath, keepScreenshot, launchBrowser } from '../support/browser.js';
import { startThreadOk } from '../support/comments.js';
import { makeCast, type TestUser } from '../support/factories.js';
import { addressesOf, linkIn, startMailbox, type Mailbox } from '../support/mail.js';
import { channelsOf } from '../support/preferences.js';

describe.skipIf(!chromiumPath)(
  'unsubscribing by an e-mailed link in Chromium',
  { timeout: BROWSER_TEST_TIMEOUT_MS },
  () => {
    let mailbox: Mailbox;
    let t: TestApp;
    let browser: Browser;
    let origin: string;

    beforeAll(async () => {
      mailbox = await startMailbox();
      t = await startTestApp({ SMTP_URL: mailbox.url, PUBLIC_URL: 'https://brieflock.test' });
      browser = await launchBrowser();
      origin = t.app.url.replace(/\/$/, '');
    });
    afterAll(async () => {
      await browser?.close();
      await t?.close();
      await mailbox?.close();
    });

    const mentionChannel = async (user: TestUser) => (await channelsOf(t.api, user)).MENTIONED;

    it('the link in a mention e-mail, opened signed out, unsubscribes on the button and leads to the preferences', async () => {
      const cast = await makeCast(t.api);
      await startThreadOk(t, cast.client, cast.proposal.id, '@Finn can you check?', undefined, [cast.freelancer.id]);
      const mail = await mailbox.next(
        (m) => addressesOf(m).includes(cast.freelancer.email) && (m.text ?? '').includes('/unsubscribe?token=blu_'),
        'the mention e-mail',
      );
      const sent = linkIn(mail, '/unsubscribe?token=');
      const link = `${origin}${sent.pathname}${sent.search}`;

      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(link);
      await page.getByRole('heading', { name: 'Unsubscribe from e-mails' }).waitFor();
      await page.getByText(/You will no longer get e-mails about mentions at u•+@example\.test\./).waitFor();
      // Opening the page changed nothing: only the button acts.
      expect(await mentionChannel(cast.freelancer)).toBe('EMAIL_NOW');
      await expectNoAxeViolations(page, 'the unsubscribe page');
      await keepScreenshot(page, 'unsubscribe-asking');

      await page.getByRole('button', { name: 'Unsubscribe' }).click();
      await page
        .getByRole('status')
        .getByText('Unsubscribed. You will no longer get e-mails about mentions.')
        .waitFor();
      expect(await mentionChannel(cast.freelancer)).toBe('APP_ONLY');
      await expectNoAxeViolations(page, 'the unsubscribe page, confirmed');
      await keepScreenshot(page, 'unsubscribe-done');

      // Opened again, the link says so; the preferences are a sign-in away.
      await page.reload();
      await page.getByText(/You are unsubscribed already/).waitFor();
      await page.getByRole('link', { name: 'Change your notification preferences' }).click();
      await page.waitForURL(`${origin}/profile`);
      await page.getByLabel('E-mail').fill(cast.freelancer.email);
      await page.getByLabel('Password', { exact: true }).fill(cast.freelancer.password);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      expect(await page.getByRole('radio', { name: 'Someone mentions you: App only' }).isChecked()).toBe(true);
      await context.close();
    });
  },
);
