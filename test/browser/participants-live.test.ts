import { describe, expect, it } from 'vitest';
import { BROWSER_TEST_TIMEOUT_MS, chromiumPath, keepScreenshot, useBrowserSession } from '../support/browser.js';
import { addParticipant, makeCast, makeUser } from '../support/factories.js';

describe.skipIf(!chromiumPath)('participants on open pages in Chromium', { timeout: BROWSER_TEST_TIMEOUT_MS }, () => {
  const session = useBrowserSession();
  const { t } = session;

  it('someone added, a role changed and someone removed show on another open page without a reload', async () => {
    const cast = await makeCast(t.api);
    const page = await session.open(cast.freelancer.token, `/proposals/${cast.proposal.id}`);
    const rows = page.locator('[data-testid="participant-row"]');
    await page.getByRole('heading', { level: 1, name: 'Churn prediction pilot' }).waitFor();
    // People are listed in a dialog opened from the header; it stays open while they change.
    await page.locator('[data-testid="participants-button"]').click();
    await expect.poll(() => rows.count()).toBe(3);
    await page.locator('[data-testid="events-status"][data-state="connected"]').waitFor();

    const newcomer = await makeUser(t.api, { name: 'Nina Newcomer' });
    await addParticipant(t.api, cast.client, cast.proposal.id, newcomer, 'VIEWER');
    await rows.filter({ hasText: 'Nina Newcomer' }).waitFor();
    await page.getByText('Nina Newcomer joined as viewer').waitFor();

    // The client changes a role on their own page; the freelancer's page follows.
    const clientPage = await session.open(cast.client.token, `/proposals/${cast.proposal.id}`);
    await clientPage.locator('[data-testid="participants-button"]').click();
    await clientPage.getByRole('combobox', { name: 'Role of Vera Viewer' }).selectOption('FREELANCER');
    await rows.filter({ hasText: 'Vera Viewer' }).getByText('Freelancer').waitFor();
    await page.getByText('Vera Viewer is now a freelancer').waitFor();

    // Removing the viewer: their row goes on the freelancer's page.
    clientPage.on('dialog', (dialog) => void dialog.accept());
    await clientPage.getByRole('button', { name: 'Remove Nina Newcomer' }).click();
    await expect.poll(() => rows.filter({ hasText: 'Nina Newcomer' }).count()).toBe(0);
    await page.getByText('Nina Newcomer was removed').waitFor();
    await keepScreenshot(page, 'participants-live');
    expect(await rows.count()).toBe(3);
  });

  it("a removed person's open page clears everything of the proposal and says they no longer have access", async () => {
    const cast = await makeCast(t.api);
    const page = await session.open(cast.viewer.token, `/proposals/${cast.proposal.id}`);
    await page.getByRole('heading', { level: 1, name: 'Churn prediction pilot' }).waitFor();
    await page.locator('[data-testid="events-status"][data-state="connected"]').waitFor();
    await page.locator('[data-testid="collab-status"]').waitFor();

    const list = await t.api.gql<{ proposal: { participants: { id: string; user: { id: string } }[] } }>(
      'query($id: ID!) { proposal(id: $id) { participants { id user { id } } } }',
      { id: cast.proposal.id },
      { token: cast.client.token },
    );
    const viewerId = list.data!.proposal.participants.find((p) => p.user.id === cast.viewer.id)!.id;
    const removed = await t.api.gql(
      'mutation($input: RemoveParticipantInput!) { removeParticipant(input: $input) }',
      { input: { proposalId: cast.proposal.id, participantId: viewerId } },
      { token: cast.client.token },
    );
    expect(removed.errors).toBeUndefined();

    await page.getByRole('heading', { name: 'You no longer have access to this proposal' }).waitFor();
    await keepScreenshot(page, 'access-lost');
    for (const gone of ['Churn prediction pilot', 'Cora Client', 'Finn Freelancer'])
      expect(await page.getByText(gone).count()).toBe(0);
    for (const testId of ['contract', 'collab-status', 'participant-row', 'events-status'])
      expect(await page.locator(`[data-testid="${testId}"]`).count()).toBe(0);
  });
});
