import { describe, expect, it } from 'vitest';
import { BROWSER_TEST_TIMEOUT_MS, chromiumPath, keepScreenshot, useBrowserSession } from '../support/browser.js';
import { makeCast } from '../support/factories.js';

describe.skipIf(!chromiumPath)('connection status in Chromium', { timeout: BROWSER_TEST_TIMEOUT_MS }, () => {
  const session = useBrowserSession();
  const { t } = session;

  it('going offline shows at once, with nothing typed, and coming back shows live updates on again', async () => {
    const cast = await makeCast(t.api);
    const page = await session.open(cast.freelancer.token, `/proposals/${cast.proposal.id}`);
    await page.locator('[data-testid="events-status"][data-state="connected"]').waitFor();
    await page.locator('[data-testid="collab-status"][data-connection="connected"]').waitFor();
    await page.context().setOffline(true);
    await page.locator('[data-testid="events-status"][data-state="offline"]').waitFor();
    await page.locator('[data-testid="collab-status"][data-connection="offline"]').waitFor();
    expect(await page.getByText('Live updates on').count()).toBe(0);
    await keepScreenshot(page, 'offline-shown');
    await page.context().setOffline(false);
    await page.locator('[data-testid="events-status"][data-state="connected"]').waitFor();
    await page.getByText('Live updates on').waitFor();
    await page.locator('[data-testid="collab-status"][data-connection="connected"]').waitFor();
  });
});
