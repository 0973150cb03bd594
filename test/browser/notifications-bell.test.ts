import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from '../support/axe.js';
import { BROWSER_TEST_TIMEOUT_MS, chromiumPath, keepScreenshot, useBrowserSession } from '../support/browser.js';
import { startThreadOk } from '../support/comments.js';
import { freezeOk, readyCast } from '../support/contract.js';
import { makeCast } from '../support/factories.js';
import { verifyAddress } from '../support/mail.js';
import { waitFor } from '../support/wait.js';

describe.skipIf(!chromiumPath)('the notifications bell in Chromium', { timeout: BROWSER_TEST_TIMEOUT_MS }, () => {
  const session = useBrowserSession();
  const { t } = session;

  it('counts a mention live, and reading it, or all, brings the count back to none', async () => {
    const cast = await makeCast(t.api);
    const before = t.app.events.subscriberCount;
    const page = await session.open(cast.freelancer.token, '/');
    const bell = page.locator('header').getByRole('button', { name: /^Notifications, / });
    await page.getByRole('button', { name: 'Notifications, none unread' }).waitFor();
    await waitFor(() => t.app.events.subscriberCount > before, { what: 'the bell to subscribe' });

    await startThreadOk(t, cast.client, cast.proposal.id, '@Finn can you check?', undefined, [cast.freelancer.id]);
    await page.getByRole('button', { name: 'Notifications, 1 unread' }).waitFor();
    expect(await bell.textContent()).toBe('1');

    await bell.click();
    const panel = page.getByRole('region', { name: 'Notifications' });
    const mention = panel.getByRole('link', { name: /Cora Client mentioned you on “Churn prediction pilot”/ });
    await mention.waitFor();
    expect(await mention.textContent()).toMatch(/just now|second|minute/);
    expect(await panel.locator('.bell-item-unread').count()).toBe(1);
    await expectNoAxeViolations(page, 'the open notifications panel');
    await keepScreenshot(page, 'notifications-bell');

    // Following it marks it read and opens the proposal.
    await mention.click();
    await page.getByRole('heading', { level: 1, name: 'Churn prediction pilot' }).waitFor();
    await page.getByRole('button', { name: 'Notifications, none unread' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/proposals/${cast.proposal.id}`);

    // Two more, then "Mark all read".
    await startThreadOk(t, cast.client, cast.proposal.id, 'And this?', undefined, [cast.freelancer.id]);
    await startThreadOk(t, cast.client, cast.proposal.id, 'One more', undefined, [cast.freelancer.id]);
    await page.getByRole('button', { name: 'Notifications, 2 unread' }).waitFor();
    await bell.click();
    await panel.getByRole('button', { name: 'Mark all read' }).click();
    await page.getByRole('button', { name: 'Notifications, none unread' }).waitFor();
    await expect.poll(() => panel.locator('.bell-item-unread').count()).toBe(0);
    expect(await panel.getByRole('listitem').count()).toBe(3);

    // The server agrees: nothing is left unread.
    const inbox = await t.api.gql<{ notifications: { unread: number } }>(
      'query { notifications { unread } }',
      {},
      { token: cast.freelancer.token },
    );
    expect(inbox.data?.notifications.unread).toBe(0);
  });

  it('shows a client when each signer is reminded, and "Remind pending signers" rings their bell live', async () => {
    const cast = await readyCast(t);
    await verifyAddress(t, cast.client);
    const version = await freezeOk(t, cast.client, cast.proposal.id);
    const before = t.app.events.subscriberCount;
    const finn = await session.open(cast.freelancer.token, '/');
    // Freezing asked Finn to sign.
    await finn.getByRole('button', { name: 'Notifications, 1 unread' }).waitFor();
    await waitFor(() => t.app.events.subscriberCount > before, { what: 'the bell to subscribe' });

    const cora = await session.open(cast.client.token, `/proposals/${cast.proposal.id}/versions/${version.id}`);
    const finnRow = cora.locator(`[data-testid="version-signer"][data-user-id="${cast.freelancer.id}"]`);
    const reminders = finnRow.getByTestId('signer-reminders');
    await reminders.waitFor();
    expect(await reminders.textContent()).toMatch(/^Next reminder .+\.$/);
    await expectNoAxeViolations(cora, 'the version page with its reminders');

    await cora.getByRole('button', { name: 'Remind pending signers' }).click();
    await cora.getByText('Reminded 1 signer by e-mail and in the app.').waitFor();
    await expect.poll(() => reminders.textContent()).toMatch(/^Reminded .+\. Next reminder .+\.$/);
    await finn.getByRole('button', { name: 'Notifications, 2 unread' }).waitFor();

    // Within the hour, a second reminder is not sent.
    await cora.getByRole('button', { name: 'Remind pending signers' }).click();
    await cora.getByText(/less than an hour ago/).waitFor();
    await finn.getByRole('button', { name: 'Notifications, 2 unread' }).waitFor();
  });
});
