import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { BROWSER_TEST_TIMEOUT_MS, chromiumPath, keepScreenshot, useBrowserSession } from '../support/browser.js';
import { expectNoAxeViolations } from '../support/axe.js';
import { editLiveBrief, freezeOk } from '../support/contract.js';
import { engagedCast } from '../support/engagement.js';
import * as Y from 'yjs';

describe.skipIf(!chromiumPath)('the engagement in Chromium', { timeout: BROWSER_TEST_TIMEOUT_MS }, () => {
  const session = useBrowserSession();
  const { t } = session;

  const card = (page: Page, title: string): Locator =>
    page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: title, exact: true }) });
  const stateOf = (page: Page, title: string) => card(page, title).getByTestId('milestone-state').textContent();

  it('a freelancer submits, the client requests changes and then accepts, each seen live by the other', async () => {
    const { client, freelancer, proposal } = await engagedCast(t);
    const path = `/proposals/${proposal.id}/engagement`;
    const theirs = await session.open(freelancer.token, path);
    const mine = await session.open(client.token, path);
    const milestone = 'Baseline model';
    await card(theirs, milestone).waitFor();
    await card(mine, milestone).waitFor();
    await expectNoAxeViolations(mine, 'the engagement page');

    await card(theirs, milestone).getByRole('button', { name: 'Start work' }).click();
    await expect.poll(() => stateOf(mine, milestone), { timeout: 15_000 }).toBe('In progress');

    const deliver = card(theirs, milestone);
    await deliver.getByLabel('What you deliver').fill('Baseline model trained on March data; report attached.');
    await deliver.getByLabel('Links (one per line)').fill('https://example.test/report');
    await deliver.getByRole('button', { name: 'Submit for review' }).click();
    await expect.poll(() => stateOf(mine, milestone), { timeout: 15_000 }).toBe('Submitted for review');

    const decide = card(mine, milestone);
    await expect(decide.getByTestId('milestone-revisions').textContent()).resolves.toBe(
      '0 of 1 revision round used, 1 left',
    );
    await decide.getByLabel('What should change').fill('Add the calibration plot to the report.');
    await decide.getByRole('button', { name: 'Request changes' }).click();
    await expect.poll(() => stateOf(theirs, milestone), { timeout: 15_000 }).toBe('Changes requested');
    await expect
      .poll(() => card(theirs, milestone).getByTestId('milestone-revisions').textContent(), { timeout: 15_000 })
      .toBe('1 of 1 revision round used, 0 left');
    await expect(card(theirs, milestone).textContent()).resolves.toContain('Add the calibration plot to the report.');

    await card(theirs, milestone).getByLabel('What you deliver').fill('Calibration plot added.');
    await card(theirs, milestone).getByRole('button', { name: 'Submit the revision' }).click();
    await expect.poll(() => stateOf(mine, milestone), { timeout: 15_000 }).toBe('Submitted for review');
    // The signed budget is spent: another request for changes is not offered.
    await expect(card(mine, milestone).getByRole('button', { name: 'Request changes' }).isDisabled()).resolves.toBe(
      true,
    );
    await card(mine, milestone).getByRole('button', { name: 'Accept milestone' }).click();
    await expect.poll(() => stateOf(theirs, milestone), { timeout: 15_000 }).toBe('Accepted');
    await expect.poll(() => card(theirs, milestone).getByTestId('milestone-submission').count()).toBe(2);
    await keepScreenshot(mine, 'engagement-accepted');
  });

  it('a signer reads a change order as what it changes in the contract in force', async () => {
    const { client, freelancer, proposal, v1 } = await engagedCast(t);
    await editLiveBrief(t, client, proposal.id, (doc) =>
      doc.getArray<Y.Map<unknown>>('milestones').get(0).set('title', new Y.Text('Baseline model with calibration')),
    );
    const v2 = await freezeOk(t, client, proposal.id);
    const page = await session.open(freelancer.token, `/proposals/${proposal.id}/versions/${v2.id}`);

    const banner = page.getByTestId('change-order-banner');
    await expect(banner.textContent()).resolves.toBe('Change order — amends version 1');
    const diff = page.getByTestId('change-order-diff');
    await diff.waitFor();
    await expect(diff.getAttribute('data-from')).resolves.toBe('1');
    await expect(diff.textContent()).resolves.toContain('Baseline model with calibration');
    await expectNoAxeViolations(page, 'a change order');
    await keepScreenshot(page, 'change-order');

    await page.getByTestId('change-order-compare').click();
    await page.getByTestId('version-diff').waitFor();
    expect(new URL(page.url()).searchParams.get('from')).toBe(v1.id);
    expect(new URL(page.url()).searchParams.get('to')).toBe(v2.id);

    // The version in force amends nothing: no banner there.
    const inForce = await session.open(freelancer.token, `/proposals/${proposal.id}/versions/${v1.id}`);
    await inForce.getByTestId('hash-check').waitFor();
    await expect(inForce.getByTestId('change-order').count()).resolves.toBe(0);
  });
});
