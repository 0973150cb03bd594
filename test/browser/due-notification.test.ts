import { describe, expect, it } from 'vitest';
import { createLogger } from '../../server/src/logger.js';
import { utcDay, addDays } from '../../server/src/modules/engagement/due-dates.js';
import { sweepMilestoneDue } from '../../server/src/modules/engagement/milestone-due.js';
import { expectNoAxeViolations } from '../support/axe.js';
import { BROWSER_TEST_TIMEOUT_MS, chromiumPath, keepScreenshot, useBrowserSession } from '../support/browser.js';
import { engagedCast } from '../support/engagement.js';

describe.skipIf(!chromiumPath)('a due date notification in Chromium', { timeout: BROWSER_TEST_TIMEOUT_MS }, () => {
  const session = useBrowserSession();
  const { t } = session;

  it('is tagged in the bell and opens the engagement page', async () => {
    const { freelancer, proposal } = await engagedCast(t);
    // Baseline model falls due tomorrow on the app's clock; one sweep announces it.
    const tomorrow = addDays(utcDay(t.app.reach.now()), 1);
    await t.db.query(`update "tracked_milestones" set "due_date" = $1 where "proposal_id" = $2 and "item_id" = $3`, [
      tomorrow,
      proposal.id,
      'milestone-1',
    ]);
    await sweepMilestoneDue(t.app.orm, {
      jobs: t.app.jobs,
      reach: t.app.reach,
      events: t.app.events,
      log: createLogger('silent'),
    });

    const page = await session.open(freelancer.token, '/');
    await page.getByRole('button', { name: /^Notifications, [1-9]\d* unread$/ }).click();
    const panel = page.getByRole('region', { name: 'Notifications' });
    const due = panel.getByRole('link').filter({ hasText: 'Milestone “Baseline model”' });
    await expect(due.textContent()).resolves.toContain(
      `Due date: Milestone “Baseline model” of “Churn prediction pilot” is due tomorrow, on ${tomorrow}`,
    );
    await expect(due.locator('.bell-tag').isVisible()).resolves.toBe(true);
    await expectNoAxeViolations(page, 'the bell with a due date');
    await keepScreenshot(page, 'due-notification-bell');

    await due.click();
    await page.waitForURL(`**/proposals/${proposal.id}/engagement`);
    await page.getByRole('heading', { name: 'Baseline model', exact: true }).waitFor();
  });
});
