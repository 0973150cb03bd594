import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/app.js';
import { BROWSER_TEST_TIMEOUT_MS, chromiumPath, keepScreenshot, launchBrowser } from '../support/browser.js';
import { expectNoAxeViolations } from '../support/axe.js';
import { makeUser } from '../support/factories.js';

describe.skipIf(!chromiumPath)('web client in Chromium', { timeout: BROWSER_TEST_TIMEOUT_MS }, () => {
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

  it('a new user signs up, creates a proposal, invites a freelancer, and finds it after a reload', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(t.app.url);
    await page.getByRole('tab', { name: 'Create account' }).waitFor();
    await expectNoAxeViolations(page, 'the sign-in page');
    await page.getByRole('tab', { name: 'Create account' }).click();
    await page.getByLabel('Name').fill('Ada Lovelace');
    await page.getByLabel('E-mail').fill('Ada@Example.test');
    await page.getByLabel('Password', { exact: true }).fill('a long passphrase');
    await page.getByRole('button', { name: 'Create account' }).click();

    await page.getByLabel('Proposal title').fill('Churn prediction pilot');
    await page.getByRole('button', { name: 'Create proposal' }).click();
    await page.waitForURL(/\/proposals\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: 'Churn prediction pilot' }).waitFor();
    await page.locator('[data-testid="collab-status"][data-connection="connected"]').waitFor();
    await page.locator('[data-testid="readiness"]').waitFor();
    await expectNoAxeViolations(page, 'the proposal page');

    // People and invitations are in a dialog opened from the header.
    await page.locator('[data-testid="participants-button"]').click();
    await page.getByLabel('E-mail').fill('finn@example.test');
    await page.getByRole('button', { name: 'Invite' }).click();
    await page.getByRole('cell', { name: 'finn@example.test', exact: true }).waitFor();
    await expectNoAxeViolations(page, 'the participants dialog');
    await keepScreenshot(page, 'proposal-page');

    await page.goto(t.app.url);
    await page.getByText('Churn prediction pilot').waitFor();
    await expectNoAxeViolations(page, 'the proposals list');
    await keepScreenshot(page, 'proposals-list');

    // The page did what the API says: stored under the normalised e-mail, with the roles set.
    const { rows } = await t.db.query(
      // An invitation names only the address until it is accepted.
      `select coalesce(u.email, p.invited_email) as email, p.role from participants p left join users u on u.id = p.user_id
       join proposals pr on pr.id = p.proposal_id where pr.title = 'Churn prediction pilot' order by p.role`,
    );
    expect(rows).toEqual([
      { email: 'ada@example.test', role: 'CLIENT' },
      { email: 'finn@example.test', role: 'FREELANCER' },
    ]);
    const cookies = await context.cookies();
    expect(cookies.find((cookie) => cookie.name === 'brieflock_session')?.httpOnly).toBe(true);
    await context.close();
  });

  it('a wrong password shows the error and keeps the user signed out', async () => {
    const user = await makeUser(t.api);
    const page = await browser.newPage();
    await page.goto(t.app.url);
    await page.getByLabel('E-mail').fill(user.email);
    await page.getByLabel('Password', { exact: true }).fill('not the password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('incorrect');
    await page.getByLabel('Password', { exact: true }).fill(user.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: 'Your proposals' }).waitFor();
    await page.close();
  });
});
