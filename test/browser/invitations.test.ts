import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/app.js';
import { BROWSER_TEST_TIMEOUT_MS, chromiumPath, keepScreenshot, launchBrowser } from '../support/browser.js';
import { expectNoAxeViolations } from '../support/axe.js';

describe.skipIf(!chromiumPath)('invitation links in Chromium', { timeout: BROWSER_TEST_TIMEOUT_MS }, () => {
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    t = await startTestApp();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('a client copies an invitation link; a new person signs up from it, accepts, and shows up live', async () => {
    const clientContext = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
    const clientPage = await clientContext.newPage();
    await clientPage.goto(t.app.url);
    await clientPage.getByRole('tab', { name: 'Create account' }).click();
    await clientPage.getByLabel('Name').fill('Cora Client');
    await clientPage.getByLabel('E-mail').fill('cora@example.test');
    await clientPage.getByLabel('Password', { exact: true }).fill('a long passphrase');
    await clientPage.getByRole('button', { name: 'Create account' }).click();
    await clientPage.getByLabel('Proposal title').fill('Churn prediction pilot');
    await clientPage.getByRole('button', { name: 'Create proposal' }).click();
    await clientPage.waitForURL(/\/proposals\/[0-9a-f-]{36}$/);
    const proposalUrl = clientPage.url();

    await clientPage.locator('[data-testid="participants-button"]').click();
    await clientPage.getByLabel('E-mail').fill('finn@example.test');
    await clientPage.getByRole('button', { name: 'Invite' }).click();
    const row = clientPage.getByRole('row').filter({ hasText: 'finn@example.test' });
    await row.getByText('Invitation pending').waitFor();
    await clientPage.getByRole('button', { name: 'Copy link' }).click();
    await clientPage.getByText('Link copied.').waitFor();
    // Evaluated as text: the test project has no DOM types.
    const link = await clientPage.evaluate<string>('navigator.clipboard.readText()');
    expect(link).toMatch(new RegExp(`^${t.app.url.replace(/\/$/, '')}/invitations/bli_`));
    await keepScreenshot(clientPage, 'invitation-link-issued');

    // A new person, signed out, opens the link: the invitation shows above the sign-up form.
    const guestContext = await browser.newContext();
    const guest = await guestContext.newPage();
    await guest.goto(link);
    await guest.getByText('Churn prediction pilot').waitFor();
    await guest.getByText(/invites you to .* as freelancer/).waitFor();
    await expectNoAxeViolations(guest, 'the invitation page, signed out');
    await keepScreenshot(guest, 'invitation-signed-out');
    await guest.getByRole('tab', { name: 'Create account' }).click();
    await guest.getByLabel('Name').fill('Finn Freelancer');
    await guest.getByLabel('E-mail').fill('finn@example.test');
    await guest.getByLabel('Password', { exact: true }).fill('another long passphrase');
    await guest.getByRole('button', { name: 'Create account' }).click();

    // Back on the link's page, signed in: accepting opens the proposal.
    await guest.getByRole('button', { name: 'Accept' }).waitFor();
    await expectNoAxeViolations(guest, 'the invitation page, signed in');
    expect(guest.url()).toBe(link);
    await guest.getByRole('button', { name: 'Accept' }).click();
    await guest.waitForURL(proposalUrl);
    await guest.getByRole('heading', { name: 'Churn prediction pilot' }).waitFor();

    // The client's open page shows the person who joined, without a reload.
    await clientPage.getByRole('row').filter({ hasText: 'Finn Freelancer' }).waitFor();
    expect(await clientPage.getByText('Invitation pending').count()).toBe(0);
    await keepScreenshot(clientPage, 'invitation-accepted');

    // The link was single use.
    await guest.goto(link);
    await guest.getByText(/already been used/).waitFor();
    await guestContext.close();
    await clientContext.close();
  });
});
