import { describe, expect, it } from 'vitest';
import { findTemplate, templateBrief, todayIso } from '@brieflock/schema';
import { BROWSER_TEST_TIMEOUT_MS, chromiumPath, keepScreenshot, useBrowserSession } from '../support/browser.js';
import { expectNoAxeViolations } from '../support/axe.js';
import { makeUser } from '../support/factories.js';

describe.skipIf(!chromiumPath)('starting from a template in Chromium', { timeout: BROWSER_TEST_TIMEOUT_MS }, () => {
  const session = useBrowserSession();
  const { t } = session;

  it('creates a proposal from the gallery and shows the template brief in the editor', async () => {
    const person = await makeUser(t.api);
    const template = findTemplate('rag-assistant')!;
    const outcome = String(templateBrief(template, todayIso()).outcome.text);
    const page = await session.open(person.token, '/');
    const gallery = page.getByTestId('template-gallery');
    await gallery
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: template.title }) })
      .getByRole('button', { name: 'Start from this template' })
      .click();
    const dialog = page.getByTestId('create-from-dialog');
    await dialog.waitFor();
    await expectNoAxeViolations(page, 'the create-from dialog');
    await dialog.getByLabel('Proposal title').fill('Support assistant pilot');
    await expect(dialog.getByLabel('Outcome').isChecked()).resolves.toBe(true);
    await dialog.getByRole('button', { name: 'Create proposal' }).click();
    await page.waitForURL(/\/proposals\/[^/]+$/);
    await expect
      .poll(() => page.locator('[data-section="outcome"] .ProseMirror').textContent(), { timeout: 15_000 })
      .toContain(outcome.slice(0, 60));
    await keepScreenshot(page, 'proposal-from-template');
  });
});
