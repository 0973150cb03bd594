import { describe, expect, it } from 'vitest';
import { readBrief } from '@brieflock/schema';
import { BROWSER_TEST_TIMEOUT_MS, chromiumPath, keepScreenshot, useBrowserSession } from '../support/browser.js';
import { expectNoAxeViolations } from '../support/axe.js';
import { synced } from '../support/collab.js';
import { appendParagraph, peerPool } from '../support/collab-checks.js';
import { editLiveBrief, freezeOk, readyCast } from '../support/contract.js';
import { makeCast } from '../support/factories.js';
import { waitFor } from '../support/wait.js';

describe.skipIf(!chromiumPath)('managing proposals in Chromium', { timeout: BROWSER_TEST_TIMEOUT_MS }, () => {
  const session = useBrowserSession();
  const { t } = session;
  const peers = peerPool();

  it('a client renames in the header, archives and restores, and deletes a draft after confirming', async () => {
    const cast = await makeCast(t.api);
    const page = await session.open(cast.client.token, `/proposals/${cast.proposal.id}`);
    await page.getByRole('heading', { level: 1, name: 'Churn prediction pilot' }).waitFor();

    await page.getByRole('button', { name: 'Rename' }).click();
    await page.getByLabel('Proposal title').fill('Churn pilot, phase 2');
    await page.getByLabel('Proposal title').press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Churn pilot, phase 2' }).waitFor();

    await page.getByRole('button', { name: 'Archive', exact: true }).click();
    await page.locator('[data-testid="archived-note"]').waitFor();
    await page.goto(`${t.app.url}/`);
    await page.getByRole('heading', { name: 'All proposals' }).waitFor();
    expect(await page.getByRole('link', { name: 'Churn pilot, phase 2' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Archived', exact: true }).click();
    await page.getByRole('link', { name: 'Churn pilot, phase 2' }).click();
    await page.getByRole('button', { name: 'Restore from archive' }).click();
    await page.getByRole('button', { name: 'Archive', exact: true }).waitFor();
    expect(await page.locator('[data-testid="archived-note"]').count()).toBe(0);

    await page.getByRole('button', { name: 'Delete draft' }).click();
    const dialog = page.locator('[data-testid="delete-proposal-dialog"]');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Delete draft' }).click();
    await expectNoAxeViolations(page, 'delete-draft-dialog');
    await keepScreenshot(page, 'delete-draft-dialog');
    await dialog.getByRole('button', { name: 'Delete draft' }).click();
    await page.waitForURL(`${t.app.url}/`);
    await page.getByRole('heading', { name: 'All proposals' }).waitFor();
    expect(await page.getByRole('link', { name: 'Churn pilot, phase 2' }).count()).toBe(0);
    const gone = await t.api.gql(
      'query($id: ID!) { proposal(id: $id) { id } }',
      { id: cast.proposal.id },
      {
        token: cast.client.token,
      },
    );
    expect(gone.code).toBe('NOT_FOUND');
  });

  it("another participant's open page follows a rename, an archive and a restore without a reload", async () => {
    const cast = await makeCast(t.api);
    const page = await session.open(cast.freelancer.token, `/proposals/${cast.proposal.id}`);
    await page.getByRole('heading', { level: 1, name: 'Churn prediction pilot' }).waitFor();
    await page.locator('[data-testid="events-status"][data-state="connected"]').waitFor();

    const clientPage = await session.open(cast.client.token, `/proposals/${cast.proposal.id}`);
    await clientPage.getByRole('button', { name: 'Rename' }).click();
    await clientPage.getByLabel('Proposal title').fill('Churn pilot, phase 2');
    await clientPage.getByLabel('Proposal title').press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Churn pilot, phase 2' }).waitFor();
    await page.getByText('Cora Client renamed the proposal to “Churn pilot, phase 2”').waitFor();
    await expect.poll(() => page.title()).toBe('Churn pilot, phase 2 · Brieflock');

    await clientPage.getByRole('button', { name: 'Archive', exact: true }).click();
    const note = page.locator('[data-testid="archived-note"]');
    await note.getByText('until one of its clients restores it').waitFor();
    await page.locator('[data-testid="archived-badge"]').waitFor();
    // Restoring is the client's: the freelancer's page offers no way to.
    expect(await page.getByRole('button', { name: 'Restore from archive' }).count()).toBe(0);
    await expectNoAxeViolations(page, 'archived-for-freelancer');
    await keepScreenshot(page, 'archived-for-freelancer');

    await clientPage.getByRole('button', { name: 'Restore from archive' }).click();
    await note.waitFor({ state: 'detached' });
    await page.getByText('Cora Client restored this proposal from the archive').waitFor();
  });

  it('deleting a frozen proposal is refused in the dialog with a sentence; cards say where each proposal stands', async () => {
    const cast = await readyCast(t);
    await freezeOk(t, cast.client, cast.proposal.id);
    const page = await session.open(cast.client.token, `/proposals/${cast.proposal.id}`);
    await page.getByRole('button', { name: 'Delete draft' }).click();
    const dialog = page.locator('[data-testid="delete-proposal-dialog"]');
    await dialog.getByRole('button', { name: 'Delete draft' }).click();
    await dialog.getByText('This proposal has frozen versions, which are kept for good. Archive it instead.').waitFor();

    const list = await session.open(cast.freelancer.token, '/');
    const card = list.locator('.proposal-card').filter({ hasText: 'Churn prediction pilot' });
    await card.locator('[data-testid="proposal-standing"][data-standing="AWAITING_YOU"]').waitFor();
    await card.getByText('Review and sign version 1.').waitFor();
    const viewerList = await session.open(cast.viewer.token, '/');
    await viewerList
      .locator('.proposal-card')
      .filter({ hasText: 'Churn prediction pilot' })
      .locator('[data-testid="proposal-standing"][data-standing="AWAITING_OTHERS"]')
      .waitFor();
    await expectNoAxeViolations(list, 'proposal-standing');
    await keepScreenshot(list, 'proposal-standing');
  });

  it("restoring a version from its page puts its content back in a connected editor's draft", async () => {
    const cast = await readyCast(t);
    const v1 = await freezeOk(t, cast.client, cast.proposal.id);
    await editLiveBrief(t, cast.client, cast.proposal.id, (doc) => appendParagraph(doc, 'Written after version 1.'));
    const peer = peers.peer(t.app.url, cast.proposal.id, cast.client.token);
    await synced(peer);
    expect(readBrief(peer.doc).outcome.text).toContain('Written after version 1.');

    const page = await session.open(cast.freelancer.token, `/proposals/${cast.proposal.id}/versions/${v1.id}`);
    await page.locator('[data-testid="restore-version"]').click();
    const dialog = page.locator('[data-testid="restore-version-dialog"]');
    await dialog.getByRole('button', { name: 'Restore' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('The draft now holds version 1').waitFor();
    await waitFor(() => !readBrief(peer.doc).outcome.text.includes('Written after version 1.'), {
      what: 'the restored draft at the connected editor',
    });
    peers.destroyAll();
  });
});
