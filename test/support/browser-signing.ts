import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { expectNoAxeViolations } from './axe.js';
import type { TestUser } from './factories.js';

/**
 * Signs version `number` from the proposal page's timeline as the person signed in on
 * `page` (opened with a virtual authenticator): the dialog shows the hash checked, the
 * name is typed, Sign; without a passkey yet, the dialog creates one, keeping the name.
 */
export async function signFromTimeline(page: Page, user: TestUser, number: number): Promise<void> {
  const row = page.locator(`[data-testid="version-row"][data-version-number="${number}"]`);
  await row.locator('[data-testid="sign-button"]').click();
  const dialog = page.locator('[data-testid="sign-dialog"]');
  await dialog.locator('[data-testid="sign-hash-ok"]').waitFor();
  await expectNoAxeViolations(page, 'the sign dialog');
  const submit = dialog.locator('[data-testid="sign-submit"]');
  await expect(submit.isDisabled()).resolves.toBe(true);
  await dialog.getByLabel('Type your full name to sign').fill(user.name);
  await submit.click();
  const create = dialog.locator('[data-testid="sign-create-passkey"]');
  await Promise.race([create.waitFor(), dialog.waitFor({ state: 'detached' })]);
  if (await create.isVisible()) {
    await expect(dialog.getByLabel('Type your full name to sign').inputValue()).resolves.toBe(user.name);
    await create.click();
  }
  await dialog.waitFor({ state: 'detached' });
}
