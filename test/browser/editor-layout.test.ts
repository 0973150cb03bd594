import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { BROWSER_TEST_TIMEOUT_MS, chromiumPath, keepScreenshot, useBrowserSession } from '../support/browser.js';
import { expectNoAxeViolations } from '../support/axe.js';
import { addParticipant, makeProposal, makeUser } from '../support/factories.js';

/** Whether the element's box lies inside the viewport as the page is now (no scrolling needed). */
async function inFirstScreen(page: Page, selector: string): Promise<boolean> {
  const box = await page.locator(selector).first().boundingBox();
  const viewport = page.viewportSize();
  if (!box || !viewport || box.width === 0 || box.height === 0) return false;
  return box.y >= 0 && box.y < viewport.height && box.x >= 0 && box.x + box.width <= viewport.width;
}

// Evaluated as text: the test project has no DOM types.
const horizontalOverflow = (page: Page) =>
  page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
const scrollY = (page: Page) => page.evaluate<number>('window.scrollY');
const focused = (page: Page, expression: string) =>
  page.evaluate<string | null>(`document.activeElement?.${expression} ?? null`);

describe.skipIf(!chromiumPath)(
  'the proposal page is built around the brief',
  { timeout: BROWSER_TEST_TIMEOUT_MS },
  () => {
    const session = useBrowserSession();
    const { t } = session;

    it('at 1280 px the first screen shows the brief and the Freeze button in the header', async () => {
      const client = await makeUser(t.api, { name: 'Cora Client' });
      const freelancer = await makeUser(t.api, { name: 'Finn Freelancer' });
      const proposal = await makeProposal(t.api, client, 'Churn prediction pilot');
      await addParticipant(t.api, client, proposal.id, freelancer, 'FREELANCER');

      const page = await session.open(client.token, `/proposals/${proposal.id}`, {
        viewport: { width: 1280, height: 800 },
      });
      await page.locator('[data-testid="collab-status"][data-connection="connected"]').waitFor();
      const firstEditor = '[data-section="outcome"] .ProseMirror';
      await page.locator(firstEditor).waitFor();
      await page.locator('[data-testid="readiness"]').waitFor();

      expect(await scrollY(page)).toBe(0);
      expect(await inFirstScreen(page, firstEditor)).toBe(true);
      expect(await inFirstScreen(page, '[data-testid="proposal-header"] [data-testid="freeze-button"]')).toBe(true);
      // Outline, brief and review panel side by side; people in a dialog, not above the brief.
      expect(await inFirstScreen(page, '[data-testid="outline"] [data-nav-section="outcome"]')).toBe(true);
      expect(await inFirstScreen(page, '[data-testid="side-panel"] [data-testid="readiness-score"]')).toBe(true);
      expect(await page.getByRole('table').count()).toBe(0);
      expect(await horizontalOverflow(page)).toBe(0);

      // The header stays while the brief scrolls.
      await page.locator('[data-section="communication"]').scrollIntoViewIfNeeded();
      expect(await scrollY(page)).toBeGreaterThan(0);
      expect(await inFirstScreen(page, '[data-testid="freeze-button"]')).toBe(true);
      await page.evaluate('window.scrollTo(0, 0)');
      await keepScreenshot(page, 'editor-1280');
      await expectNoAxeViolations(page, 'the proposal page at 1280 px');

      // Suggestions have their place in the review panel, none made yet.
      await page.locator('[data-testid="side-panel-suggestions"]').getByText('No suggestions yet').waitFor();
      await page.locator('[data-testid="side-link-comments"]').click();
      await page.locator('[data-testid="comments-panel"]').waitFor();

      // People are one click away.
      await page.locator('[data-testid="participants-button"]').click();
      const dialog = page.locator('[data-testid="participants-dialog"]');
      await dialog.getByRole('cell', { name: freelancer.email }).waitFor();
      await expectNoAxeViolations(page, 'the participants dialog');
      await dialog.getByRole('button', { name: 'Close', exact: true }).click();
      await dialog.waitFor({ state: 'detached' });
    });

    it('at 390 px the brief takes the width and readiness opens as a drawer from the header', async () => {
      const client = await makeUser(t.api, { name: 'Cora Client' });
      const proposal = await makeProposal(t.api, client, 'A proposal with a rather long title for a phone screen');
      const page = await session.open(client.token, `/proposals/${proposal.id}`, {
        viewport: { width: 390, height: 844 },
        isMobile: true,
        hasTouch: true,
      });
      await page.locator('[data-testid="collab-status"][data-connection="connected"]').waitFor();
      await page.locator('[data-section="outcome"] .ProseMirror').waitFor();
      const panel = page.locator('[data-testid="side-panel"]');
      // Not after the sections: hidden until the header opens it.
      expect(await panel.isVisible()).toBe(false);
      expect(await horizontalOverflow(page)).toBe(0);
      await keepScreenshot(page, 'editor-390');

      await page.locator('[data-testid="proposal-header"] [data-testid="readiness-pill"]').click();
      await panel.locator('[data-testid="readiness-score"]').waitFor();
      expect(await inFirstScreen(page, '[data-testid="side-panel"] [data-testid="readiness-verdict"]')).toBe(true);
      // The keyboard is in the drawer, and Escape gives it back to the header.
      await expect
        .poll(() => focused(page, "closest('[data-testid]')?.getAttribute('data-testid')"))
        .toBe('side-panel-readiness');
      await keepScreenshot(page, 'editor-390-readiness');
      await expectNoAxeViolations(page, 'the readiness drawer at 390 px');
      await page.keyboard.press('Escape');
      await panel.waitFor({ state: 'hidden' });
      await expect.poll(() => focused(page, "getAttribute('data-testid')")).toBe('readiness-pill');

      // The outline is a drawer too; picking a section closes it and goes there.
      await page.locator('[data-testid="outline-toggle"]').click();
      await page.locator('[data-testid="outline"] [data-nav-section="ownership"]').click();
      await page.locator('[data-testid="outline"]').waitFor({ state: 'hidden' });
      await expect
        .poll(() => focused(page, "closest('[data-section]')?.getAttribute('data-section')"))
        .toBe('ownership');
    });
  },
);
