import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { EvidenceBundle, Receipt } from '@brieflock/schema';
import { BROWSER_TEST_TIMEOUT_MS, chromiumPath, keepScreenshot, useBrowserSession } from '../support/browser.js';
import { expectNoAxeViolations } from '../support/axe.js';
import { freezeOk, readyCast, sign } from '../support/contract.js';
import type { TestUser } from '../support/factories.js';

describe.skipIf(!chromiumPath)('the public /verify page in Chromium', { timeout: BROWSER_TEST_TIMEOUT_MS }, () => {
  const session = useBrowserSession();
  const { t } = session;

  async function signOk(user: TestUser, versionId: string, contentHash: string) {
    const result = await sign(t, user, versionId, contentHash);
    if (!result.data?.signVersion) throw new Error(JSON.stringify(result.errors));
  }

  /** Waits for the verdict of the file just chosen and returns the report element's state. */
  async function verdict(page: Page, fileName: string): Promise<'true' | 'false'> {
    const report = page.locator('[data-testid="verify-report"]');
    await report.filter({ hasText: `(${fileName})` }).waitFor();
    return (await report.getAttribute('data-ok')) as 'true' | 'false';
  }

  it('a party downloads a signed version’s evidence and receipt; anyone checks it signed out; a changed byte fails', async () => {
    const cast = await readyCast(t);
    const version = await freezeOk(t, cast.client, cast.proposal.id);
    await signOk(cast.client, version.id, version.contentHash);
    await signOk(cast.freelancer, version.id, version.contentHash);

    // The freelancer downloads the bundle and the receipt from the proposal's versions.
    const finn = await session.open(cast.freelancer.token, `/proposals/${cast.proposal.id}`, {
      acceptDownloads: true,
    });
    const row = finn.locator('[data-testid="version-row"][data-version-number="1"][data-status="SIGNED"]');
    await row.waitFor();
    const [evidence] = await Promise.all([
      finn.waitForEvent('download'),
      row.getByRole('link', { name: 'Evidence (JSON)' }).click(),
    ]);
    expect(evidence.suggestedFilename()).toBe('churn-prediction-pilot-v1.evidence.json');
    const bundleText = await readFile((await evidence.path())!, 'utf8');
    const bundle = JSON.parse(bundleText) as EvidenceBundle;
    expect(bundle.versionId).toBe(version.id);
    const [receiptDownload] = await Promise.all([
      finn.waitForEvent('download'),
      finn.getByRole('button', { name: 'Download receipt' }).click(),
    ]);
    expect(receiptDownload.suggestedFilename()).toBe('churn-prediction-pilot-receipt-6.json');
    const receipt = JSON.parse(await readFile((await receiptDownload.path())!, 'utf8')) as Receipt;
    // Executing the version also tracked its two milestones: six audit rows.
    expect(receipt).toMatchObject({ proposalId: cast.proposal.id, length: 6, headHash: bundle.audit[5]!.hash });

    // Someone without an account opens /verify and chooses the file.
    const guestContext = await session.signedInContext('no-session');
    const guest = await guestContext.newPage();
    await guest.goto(`${t.app.url}/verify`);
    await guest.getByRole('heading', { name: 'Check an evidence bundle' }).waitFor();
    expect(await guest.getByRole('button', { name: 'Sign in' }).count()).toBe(0);
    await guest.locator('input[type="radio"]:not([disabled])').first().waitFor();
    const input = guest.getByLabel('Choose an evidence bundle (.evidence.json) or drop it here');
    await input.setInputFiles({
      name: 'signed.evidence.json',
      mimeType: 'application/json',
      buffer: Buffer.from(bundleText),
    });
    expect(await verdict(guest, 'signed.evidence.json')).toBe('true');
    await guest.getByRole('heading', { name: 'Verified' }).waitFor();
    await guest.getByText('Server signatures checked against this server’s published keys.').waitFor();
    for (const name of ['Signature of Cora Client on version 1', 'Signature of Finn Freelancer on version 1'])
      await guest.locator('.verify-record.verify-ok').filter({ hasText: name }).waitFor();
    expect(await guest.locator('.verify-record').count()).toBe(1 + 2 + 6 + 1);
    expect(await guest.locator('.verify-record.verify-failed').count()).toBe(0);
    await expectNoAxeViolations(guest, 'verify-page-verified');
    await keepScreenshot(guest, 'verify-page-verified');

    // One character of the content changed: the page says so, naming the version's content.
    const tampered = bundleText.replace('"ipOwner": "CLIENT"', '"ipOwner": "SHARED"');
    expect(tampered).not.toBe(bundleText);
    await input.setInputFiles({
      name: 'tampered.evidence.json',
      mimeType: 'application/json',
      buffer: Buffer.from(tampered),
    });
    expect(await verdict(guest, 'tampered.evidence.json')).toBe('false');
    await guest.getByRole('heading', { name: 'Does not verify' }).waitFor();
    const failed = guest.locator('.verify-record.verify-failed');
    await failed.first().waitFor();
    expect(await failed.count()).toBe(1);
    await expect(failed.textContent()).resolves.toMatch(
      /Version 1 \(signed\).*Content: the stored content does not match its content hash/s,
    );
    await expectNoAxeViolations(guest, 'verify-page-tampered');
    await keepScreenshot(guest, 'verify-page-tampered');

    // A receipt is not a bundle: refused next to the input, nothing checked.
    await input.setInputFiles({
      name: 'receipt.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(receipt)),
    });
    await guest.getByRole('alert').filter({ hasText: 'receipt.json: not an evidence bundle' }).waitFor();
    expect(await guest.locator('[data-testid="verify-report"]').count()).toBe(0);
    await guestContext.close();
  });
});
