import { describe, expect, it } from 'vitest';
import { BROWSER_TEST_TIMEOUT_MS, chromiumPath, keepScreenshot, useBrowserSession } from '../support/browser.js';
import { expectNoAxeViolations } from '../support/axe.js';
import { makeUser } from '../support/factories.js';

describe.skipIf(!chromiumPath)('the profile page in Chromium', { timeout: BROWSER_TEST_TIMEOUT_MS }, () => {
  const session = useBrowserSession();
  const { t } = session;

  it('changes the name and the password; the new password signs in, the old one no longer does', async () => {
    const person = await makeUser(t.api, { name: 'Ada', password: 'correct horse battery' });
    const page = await session.open(person.token, '/');
    await page.getByRole('link', { name: 'Profile' }).click();
    await page.waitForURL(/\/profile$/);
    await page.getByRole('heading', { name: 'Profile', level: 1 }).waitFor();
    await page.getByRole('radio', { name: 'Someone mentions you: E-mail now' }).waitFor();
    await expectNoAxeViolations(page, 'the profile page');

    const nameForm = page.getByTestId('name-form');
    await nameForm.getByLabel('Display name').fill('Ada Lovelace');
    await nameForm.getByRole('button', { name: 'Save name' }).click();
    await nameForm.getByText('Your name is saved.').waitFor();
    await page.locator('.user-name').getByText('Ada Lovelace').waitFor();

    // A wrong current password is refused beside its field; nothing typed is lost.
    const passwordForm = page.getByTestId('password-form');
    await passwordForm.getByLabel('Current password').fill('not my password');
    await passwordForm.getByLabel('New password', { exact: true }).fill('a brand new passphrase');
    await passwordForm.getByLabel('Confirm new password').fill('a brand new passphrase');
    await passwordForm.getByRole('button', { name: 'Change password' }).click();
    await passwordForm.getByText('The current password is incorrect.').waitFor();
    await expect(passwordForm.getByLabel('New password', { exact: true }).inputValue()).resolves.toBe(
      'a brand new passphrase',
    );

    await passwordForm.getByLabel('Current password').fill('correct horse battery');
    await passwordForm.getByRole('button', { name: 'Change password' }).click();
    await passwordForm.getByText(/^Your password is changed\./).waitFor();
    await keepScreenshot(page, 'profile-saved');

    // This session stayed; signing out and in again takes the new password only.
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.getByRole('tab', { name: 'Sign in' }).waitFor();
    await page.getByLabel('E-mail', { exact: true }).fill(person.email);
    await page.getByLabel('Password', { exact: true }).fill('correct horse battery');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByText('The e-mail or password is incorrect.').waitFor();
    await page.getByLabel('Password', { exact: true }).fill('a brand new passphrase');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.locator('.user-name').getByText('Ada Lovelace').waitFor();
  });
});
