import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/app.js';
import { expectNoAxeViolations } from '../support/axe.js';
import { BROWSER_TEST_TIMEOUT_MS, chromiumPath, keepScreenshot, launchBrowser } from '../support/browser.js';
import { waitFor } from '../support/wait.js';

const EMAIL = 'ada@example.test';

describe.skipIf(!chromiumPath)(
  'password reset by e-mailed link in Chromium',
  { timeout: BROWSER_TEST_TIMEOUT_MS },
  () => {
    // No SMTP_URL: every message stays in the outbox table, where the test reads it.
    let t: TestApp;
    let browser: Browser;
    let origin: string;

    beforeAll(async () => {
      t = await startTestApp();
      browser = await launchBrowser();
      origin = t.app.url.replace(/\/$/, '');
    });
    afterAll(async () => {
      await browser?.close();
      await t?.close();
    });

    it('a forgotten password is reset from the link, signing this browser in and the other one out', async () => {
      // The account, signed in on another device.
      const otherContext = await browser.newContext();
      const other = await otherContext.newPage();
      await other.goto(origin);
      await other.getByRole('tab', { name: 'Create account' }).click();
      await other.getByLabel('Name').fill('Ada Lovelace');
      await other.getByLabel('E-mail').fill(EMAIL);
      await other.getByLabel('Password', { exact: true }).fill('the old passphrase');
      await other.getByRole('button', { name: 'Create account' }).click();
      await other.getByText('Confirm your e-mail address to sign contracts.').waitFor();
      await expectNoAxeViolations(other, 'the proposals page with the unconfirmed-address banner');

      // Signed out here: from the sign-in form to the forgot-password page.
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(origin);
      await page.getByRole('link', { name: 'Forgot your password?' }).click();
      await page.waitForURL(`${origin}/forgot-password`);
      await expectNoAxeViolations(page, 'the forgot-password page');
      await page.getByLabel('E-mail').fill(EMAIL);
      await page.getByRole('button', { name: 'Send the link' }).click();
      await page
        .getByText('If an account uses this address, we sent a link to reset its password. It works for one hour.')
        .waitFor();

      const body = await waitFor(
        async () =>
          (
            await t.db.query<{ text_body: string }>(
              `select text_body from emails where to_address = $1 and kind = 'password-reset'`,
              [EMAIL],
            )
          ).rows[0]?.text_body,
        { what: 'the password-reset e-mail' },
      );
      const sent = /https?:\/\/\S+\/reset-password\?token=blr_[\w-]+/.exec(body)?.[0];
      expect(sent, body).toBeDefined();
      const url = new URL(sent ?? '');
      const link = `${origin}${url.pathname}${url.search}`;

      await page.goto(link);
      await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
      await page.getByLabel('New password', { exact: true }).fill('a brand new passphrase');
      await page.getByLabel('Confirm the new password').fill('a brand new passphrase');
      await expectNoAxeViolations(page, 'the reset-password page');
      await keepScreenshot(page, 'reset-password-filled');
      await page.getByRole('button', { name: 'Change password' }).click();

      await page.waitForURL(`${origin}/proposals`);
      await page.getByText('Password changed; other devices were signed out.').waitFor();
      await page.getByText('Ada Lovelace').first().waitFor();
      // The link went to the address: following it proved it, so the banner is gone.
      expect(await page.getByText('Confirm your e-mail address to sign contracts.').count()).toBe(0);
      await expectNoAxeViolations(page, 'the proposals page after a reset');
      await keepScreenshot(page, 'reset-password-signed-in');

      // The other device's session ended; the new password signs in.
      await other.reload();
      await other.getByRole('tab', { name: 'Sign in' }).waitFor();
      await other.getByLabel('E-mail').fill(EMAIL);
      await other.getByLabel('Password', { exact: true }).fill('a brand new passphrase');
      await other.getByRole('button', { name: 'Sign in', exact: true }).click();
      await other.getByRole('button', { name: 'Sign out', exact: true }).waitFor();

      // The link worked once.
      await page.goto(link);
      await page.getByLabel('New password', { exact: true }).fill('yet another passphrase');
      await page.getByLabel('Confirm the new password').fill('yet another passphrase');
      await page.getByRole('button', { name: 'Change password' }).click();
      await page
        .getByRole('alert')
        .getByText(/already used/)
        .waitFor();
      expect(await page.getByLabel('New password', { exact: true }).inputValue()).toBe('yet another passphrase');
      await page.getByRole('link', { name: 'Ask for a new link' }).waitFor();
      await expectNoAxeViolations(page, 'the reset-password page with a used link');
      await keepScreenshot(page, 'reset-password-used');

      await context.close();
      await otherContext.close();
    });
  },
);
