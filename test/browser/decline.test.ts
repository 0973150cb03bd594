import { describe, expect, it } from 'vitest';
import { BROWSER_TEST_TIMEOUT_MS, chromiumPath, keepScreenshot, useBrowserSession } from '../support/browser.js';
import { expectNoAxeViolations } from '../support/axe.js';
import { freezeOk, readyCast, readVersion } from '../support/contract.js';

describe.skipIf(!chromiumPath)('declining a version in Chromium', { timeout: BROWSER_TEST_TIMEOUT_MS }, () => {
  const session = useBrowserSession();
  const { t } = session;

  it('a freelancer declines with a reason and the client sees the version declined live, with why', async () => {
    const { client, freelancer, proposal } = await readyCast(t);
    const v1 = await freezeOk(t, client, proposal.id);
    const path = `/proposals/${proposal.id}/versions/${v1.id}`;
    const theirs = await session.open(freelancer.token, path);
    const mine = await session.open(client.token, path);
    for (const page of [theirs, mine])
      await page.locator('[data-testid="version-page"][data-status="AWAITING_SIGNATURES"]').waitFor();

    await theirs.getByTestId('decline-version').click();
    const dialog = theirs.getByTestId('decline-version-dialog');
    await expectNoAxeViolations(theirs, 'the decline dialog');
    // Without a reason the decline is refused in the dialog, which stays open.
    await dialog.getByRole('button', { name: 'Decline', exact: true }).click();
    const field = dialog.getByLabel('Why do you decline?');
    await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
    await expect(dialog.textContent()).resolves.toContain('Say why you decline.');
    const reason = 'Milestone 2 pays 70% on delivery; we agreed on 50% up front.';
    await field.fill(reason);
    await dialog.getByRole('button', { name: 'Decline', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });

    for (const page of [theirs, mine]) {
      await page.locator('[data-testid="version-page"][data-status="DECLINED"]').waitFor({ timeout: 15_000 });
      await expect.poll(() => page.getByTestId('decline-reason-shown').textContent()).toBe(`Declined: ${reason}`);
    }
    // Nobody may sign or decline a declined version.
    await expect(mine.getByTestId('sign-button').count()).resolves.toBe(0);
    await expect(theirs.getByTestId('decline-version').count()).resolves.toBe(0);
    await keepScreenshot(mine, 'version-declined');

    const stored = await readVersion(t, client, v1.id);
    expect(stored.status).toBe('DECLINED');
  });
});
