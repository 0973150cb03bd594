import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/app.js';
import { BROWSER_TEST_TIMEOUT_MS, chromiumPath, keepScreenshot, launchBrowser } from '../support/browser.js';
import { expectNoAxeViolations } from '../support/axe.js';
import { addressesOf, linkIn, startMailbox, type Mailbox } from '../support/mail.js';
import { freePort } from '../support/process.js';

/** Fills in and sends the "Create account" form of the page shown. */
async function createAccount(page: Page, name: string, email: string, password: string) {
  await page.getByRole('tab', { name: 'Create account' }).click();
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
}

describe.skipIf(!chromiumPath)('invitation links in Chromium', { timeout: BROWSER_TEST_TIMEOUT_MS }, () => {
  let t: TestApp;
  let browser: Browser;
  let mailbox: Mailbox;
  /** PUBLIC_URL, where e-mailed links point: this app, by a name passkeys accept. */
  let publicUrl: string;

  beforeAll(async () => {
    mailbox = await startMailbox();
    const port = await freePort();
    publicUrl = `http://localhost:${port}`;
    t = await startTestApp({ SMTP_URL: mailbox.url, PORT: String(port), PUBLIC_URL: publicUrl });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await mailbox?.close();
  });

  it('a client copies an invitation link; a new person signs up from it, accepts, and shows up live', async () => {
    const clientContext = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
    const clientPage = await clientContext.newPage();
    await clientPage.goto(t.app.url);
    await createAccount(clientPage, 'Cora Client', 'cora@example.test', 'a long passphrase');
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
    await createAccount(guest, 'Finn Freelancer', 'finn@example.test', 'another long passphrase');

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

  it('a client invites by e-mail; the invited person follows the e-mailed link, signs up and lands in the brief', async () => {
    const clientContext = await browser.newContext();
    const clientPage = await clientContext.newPage();
    await clientPage.goto(publicUrl);
    await createAccount(clientPage, 'Carla Client', 'carla@example.test', 'a long passphrase');
    await clientPage.getByLabel('Proposal title').fill('Forecasting pilot');
    await clientPage.getByRole('button', { name: 'Create proposal' }).click();
    await clientPage.waitForURL(/\/proposals\/[0-9a-f-]{36}$/);
    const proposalPath = new URL(clientPage.url()).pathname;
    await clientPage.locator('[data-testid="participants-button"]').click();
    await clientPage.getByLabel('E-mail').fill('fred@example.test');
    await clientPage.getByRole('button', { name: 'Invite' }).click();
    await clientPage
      .getByRole('row')
      .filter({ hasText: 'fred@example.test' })
      .getByText('Invitation pending')
      .waitFor();

    // The e-mail reaches Fred in his name, with the proposal's title, and his single-use link.
    const mail = await mailbox.next(
      (m) => addressesOf(m).includes('fred@example.test') && (m.text ?? '').includes('/invitations/bli_'),
      'the invitation e-mail',
    );
    expect(mail.subject).toContain('Forecasting pilot');
    expect(mail.html).toContain('/invitations/bli_');
    const link = linkIn(mail, '/invitations/bli_');
    expect(link.origin).toBe(publicUrl);

    const guestContext = await browser.newContext();
    const guest = await guestContext.newPage();
    await guest.goto(link.href);
    await guest.getByText(/invites you to .* as freelancer/).waitFor();
    await createAccount(guest, 'Fred Freelancer', 'fred@example.test', 'another long passphrase');
    await guest.getByRole('button', { name: 'Accept' }).click();
    await guest.waitForURL(`${publicUrl}${proposalPath}`);
    await guest.getByRole('heading', { name: 'Forecasting pilot' }).waitFor();
    // Following the e-mailed link proved the address: nothing asks Fred to confirm it.
    await guest.reload();
    await guest.getByRole('heading', { name: 'Forecasting pilot' }).waitFor();
    expect(await guest.getByRole('region', { name: 'Account notice' }).count()).toBe(0);
    // Carla never followed her verification link: she is still asked to.
    await clientPage.getByRole('region', { name: 'Account notice' }).waitFor();
    await clientPage.getByRole('row').filter({ hasText: 'Fred Freelancer' }).waitFor();
    await keepScreenshot(guest, 'invitation-by-email-accepted');
    await guestContext.close();
    await clientContext.close();
  });
});
