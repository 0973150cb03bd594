import { describe, expect, it } from 'vitest';
import { BROWSER_TEST_TIMEOUT_MS, chromiumPath, useBrowserSession } from '../support/browser.js';
import { expectNoAxeViolations } from '../support/axe.js';
import { freezeOk, readyCast } from '../support/contract.js';

describe.skipIf(!chromiumPath)('passkeys in Chromium', { timeout: BROWSER_TEST_TIMEOUT_MS }, () => {
  const session = useBrowserSession();
  const { t } = session;

  it('registers a passkey on the account page, signs in with it, and signs a version with it', async () => {
    const { client, freelancer, proposal } = await readyCast(t);
    const v1 = await freezeOk(t, client, proposal.id);
    const page = await session.openWithAuthenticator(freelancer.token, '/account');

    await page.locator('[data-testid="no-passkeys"]').waitFor();
    await expectNoAxeViolations(page, 'the account page');
    await page.getByLabel('Name for a new passkey (optional)').fill('Test laptop');
    await page.locator('[data-testid="add-passkey"]').click();
    const row = page.locator('[data-testid="passkey-row"]');
    await row.waitFor();
    await expect(row.getByLabel('Passkey name').inputValue()).resolves.toBe('Test laptop');

    // Signed out, the same authenticator signs in without a password.
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.locator('[data-testid="passkey-sign-in"]').click();
    await page.getByRole('button', { name: 'Sign out', exact: true }).waitFor();
    const { rows: sessions } = await t.db.query(
      "select count(*)::int as n from sessions where user_id = $1 and method = 'passkey' and revoked_at is null",
      [freelancer.id],
    );
    expect(sessions[0].n).toBe(1);

    // The sign dialog signs with it: the stored assertion verifies offline.
    await page.goto(`${session.rpUrl()}/proposals/${proposal.id}`);
    const version = page.locator(`[data-testid="version-row"][data-version-number="1"]`);
    await version.locator('[data-testid="sign-button"]').click();
    const dialog = page.locator('[data-testid="sign-dialog"]');
    await dialog.locator('[data-testid="sign-hash-ok"]').waitFor();
    await dialog.getByLabel('Type your full name to sign').fill(freelancer.name);
    await dialog.locator('[data-testid="sign-submit"]').click();
    await dialog.waitFor({ state: 'detached' });
    const { rows } = await t.db.query(
      'select s.auth_method, s.passkey_id, s.rp_id from signatures s where s.version_id = $1 and s.signer_id = $2',
      [v1.id, freelancer.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ auth_method: 'passkey', rp_id: 'localhost' });
    expect(rows[0].passkey_id).not.toBeNull();
    const report = await t.api.gql(
      'query($id: ID!) { verifyProposal(id: $id) { ok } }',
      { id: proposal.id },
      { token: client.token },
    );
    expect(report.data?.verifyProposal.ok).toBe(true);
  });
});
